using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class CloseAsPupilLeftSchoolTests : SliceTest
{
    private CloseAsPupilLeftSchool.Command Departure(Guid id, bool sameOwner = false, string? handover = null) =>
        new(id, null, SchoolCalendar.OsloDate(Clock.UtcDateTime), "Vestby skole", sameOwner, handover, "Foreldrene",
            "Familien flyttet. Emma sa fortsatt at hun ikke var trygg i friminuttene.");

    [Fact]
    public async Task CloseAsPupilLeftSchool_WhileThePupilSaysNotSafe_ClosesWithTheDeparture_AndTellsTheTeam()
    {
        var id = await App.ACase().PupilSaysNotSafe().Measures();

        await App.SendAs(Org.Principal1, Departure(id, sameOwner: true, handover: "Saken er sendt til rektor ved Vestby skole."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Closed);
        @case.Departure!.NewSchool.Should().Be("Vestby skole");
        @case.Departure.Handover.Should().Be("Saken er sendt til rektor ved Vestby skole.");
        @case.Departure.DecidedBy.Should().Be("Foreldrene");
        @case.Entries[^1].Kind.Should().Be(EntryKind.PupilLeftSchool);
        (await App.NotificationsAsync(Org.Team)).Should().Contain(n => n.CaseId == id && n.Kind == NotificationKind.PupilLeftSchool);

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        detail.Departure!.DecidedBy.Should().Be("Foreldrene");
    }

    [Fact]
    public async Task CloseAsPupilLeftSchool_ToTheSameSchoolOwner_WithoutHandover_IsRefused_AndNothingIsSaved()
    {
        var id = await App.ACase().PupilSaysNotSafe().Investigating();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, Departure(id, sameOwner: true)))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.HandoverRequired);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task CloseAsPupilLeftSchool_WithADateInTheFuture_IsRefusedByTheValidator()
    {
        var id = await App.ACase().Investigating();

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, Departure(id) with { LeftOn = SchoolCalendar.OsloDate(Clock.UtcDateTime).AddDays(3) }))
            .Should().ThrowAsync<ValidationException>();
    }

    [Fact]
    public async Task CloseAsPupilLeftSchool_ByStaff_IsRefused()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Departure(id))).Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }
}
