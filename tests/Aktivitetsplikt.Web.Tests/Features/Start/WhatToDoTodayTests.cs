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
}
