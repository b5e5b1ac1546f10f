using Aktivitetsplikt.Web.Features.Start;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Start;

/// <summary>The start page's "what must be done today": each case once, overdue first, then due today, then new concerns, each with its reason.</summary>
public sealed class WhatToDoTodayTests : SliceTest
{
    [Fact]
    public async Task EachCaseIsListedOnce_OverdueBeforeNewConcerns_WithTheDeadlineThatPassed()
    {
        var overdue = await App.ACase().PrincipalNotified();
        Clock.Advance(TimeSpan.FromDays(30));
        var fresh = await App.LogConcernAsync(Org.StaffA, Org.Noah, "Noah satt alene i friminuttet.");

        var today = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());

        today.Items.Select(i => i.Case.Id).Should().OnlyHaveUniqueItems("a case is listed once, with its most urgent reason");
        today.Total.Should().Be(today.Items.Count);
        var first = today.Items.Single(i => i.Case.Id == overdue);
        first.Reason.Should().Be(WhatToDoToday.Reason.Overdue, "its deadline passed, although it is also a new concern");
        first.DeadlineKind.Should().NotBeNull("the reason names the deadline");
        today.Items.Single(i => i.Case.Id == fresh).Reason.Should().BeOneOf(WhatToDoToday.Reason.NewConcern, WhatToDoToday.Reason.DueToday);
        today.Items.Select(i => i.Reason).Should().BeInAscendingOrder("overdue first, then due today, then new concerns");
    }

    [Fact]
    public async Task ACaseInAnotherSchool_OrClosed_IsNotOnThePrincipalsList()
    {
        var closed = await App.ACase().Closed();
        var elsewhere = await App.LogConcernAsync(Org.Staff2, Org.Leah, "Ved den andre skolen.");

        var today = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());

        today.Items.Select(i => i.Case.Id).Should().NotContain([closed, elsewhere]);
    }
    [Fact]
    public async Task ADeadlineLaterToday_IsDueToday_ThenOverdueOnceItHasPassed_WithNothingElseChanged()
    {
        // An employee suspected: the investigation must start within 24 hours, at 11:00 Oslo time tomorrow.
        var suspected = await App.LogConcernAsync(Org.StaffA, Org.Emma, "En ansatt skal ha sagt noe krenkende.", employee: true);
        Clock.Advance(TimeSpan.FromHours(23));

        var morning = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());
        Clock.Advance(TimeSpan.FromHours(2));
        var noon = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());

        morning.Items.Single(i => i.Case.Id == suspected).Reason.Should().Be(WhatToDoToday.Reason.DueToday);
        var passed = noon.Items.Single(i => i.Case.Id == suspected);
        passed.Reason.Should().Be(WhatToDoToday.Reason.Overdue, "the deadline passed at 11:00, the same day, without any step on the case");
        passed.Case.IsOverdue.Should().BeTrue();
    }

    [Fact]
    public async Task AConcernLoggedAfterAView_IsOnTheNextView()
    {
        var first = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());
        var fresh = await App.LogConcernAsync(Org.StaffA, Org.Noah, "Noah satt alene i friminuttet.");

        var next = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());

        first.Items.Should().NotContain(i => i.Case.Id == fresh);
        next.Items.Should().Contain(i => i.Case.Id == fresh);
        next.Total.Should().Be(first.Total + 1);
    }

    [Fact]
    public async Task EachPrincipal_SeesTheirOwnSchoolsList_RightAfterTheOtherSchoolsPrincipal()
    {
        var ours = await App.LogConcernAsync(Org.StaffA, Org.Noah, "Noah satt alene i friminuttet.");
        var theirs = await App.LogConcernAsync(Org.Staff2, Org.Leah, "Ved den andre skolen.");

        var second = await App.SendAs(Org.Principal2, new WhatToDoToday.Query());
        var first = await App.SendAs(Org.Principal1, new WhatToDoToday.Query());

        second.Items.Select(i => i.Case.Id).Should().Equal(theirs);
        first.Items.Select(i => i.Case.Id).Should().Equal(ours);
    }
}
