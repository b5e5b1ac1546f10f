using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class LogConcernTests : SliceTest
{
    private LogConcern.Command Concern(Pupil pupil, string? intervention = null, bool notify = false, bool notSafe = false,
        bool employee = false, bool leadership = false) =>
        new(pupil.Id, "Emma ble dyttet og kalt stygge ting ved sklia.", Clock.UtcDateTime.AddHours(-2), ConcernLocation.Schoolyard,
            intervention, notify, notSafe, employee, leadership);

    /// <summary>18 November 2026 23:59:59 in Oslo (CET, UTC+1).</summary>
    private static readonly DateTime EndOfStartDayUtc = new(2026, 11, 18, 22, 59, 59, DateTimeKind.Utc);

    [Fact]
    public async Task LogConcern_OnlyLogged_StaysFollowingUp_WithSameDayNotifyPrincipalDeadline()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.FollowingUp);
        @case.CaseNumber.Should().Be("2026-0001");
        @case.SchoolId.Should().Be(Org.School1.Id);
        @case.ReportedByUserId.Should().Be(Org.StaffA.Id);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged);
        @case.Entries[0].Location.Should().Be(ConcernLocation.Schoolyard);
        @case.Entries[0].OccurredAtUtc.Should().Be(Clock.UtcDateTime.AddHours(-2));
        @case.Entries[0].RecordedAtUtc.Should().Be(Clock.UtcDateTime);
        var deadline = @case.Deadlines.Should().ContainSingle().Subject;
        deadline.Kind.Should().Be(DeadlineKind.NotifyPrincipal);
        deadline.DueUtc.Should().Be(EndOfStartDayUtc);
        deadline.IsOpen.Should().BeTrue();
        @case.NextDeadlineUtc.Should().Be(EndOfStartDayUtc);
        result.Revision.Should().Be(@case.Revision);
    }

    [Fact]
    public async Task LogConcern_WithIntervention_MovesToIntervened_AndKeepsNotifyPrincipalDeadlineOpen()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, intervention: "Skilte elevene og snakket med dem."));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.Intervened);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.Intervention);
        @case.Entries[1].Text.Should().Be("Skilte elevene og snakket med dem.");
        @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.NotifyPrincipal && d.IsOpen);
    }

    [Fact]
    public async Task LogConcern_WithNotifyNow_MovesToPrincipalNotified_AndWritesAuditEntry()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, notify: true));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.PrincipalNotified);
        @case.Deadlines.Should().NotContain(d => d.Kind == DeadlineKind.NotifyPrincipal && d.IsOpen);
        // Three school days after Wednesday is Monday 23 November, end of the Oslo day.
        var investigate = @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.StartInvestigation).Subject;
        investigate.DueUtc.Should().Be(new DateTime(2026, 11, 23, 22, 59, 59, DateTimeKind.Utc));

        var audit = (await App.AuditEntriesAsync(result.CaseId)).Should().ContainSingle().Subject;
        audit.Action.Should().Be("LogConcern");
        audit.UserId.Should().Be(Org.StaffA.Id);
        audit.UserName.Should().Be(Org.StaffA.DisplayName);
        audit.Role.Should().Be(Role.Staff);
        audit.AtUtc.Should().Be(Clock.UtcDateTime);
        audit.AtUtc.Kind.Should().Be(DateTimeKind.Utc);
        audit.StateBefore.Should().BeNull();
        audit.StateAfter.Should().Be(CaseState.PrincipalNotified);
    }

    [Fact]
    public async Task LogConcern_WithInterventionAndNotifyNow_RecordsBothAndEndsPrincipalNotified()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, intervention: "Stoppet det.", notify: true));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.Intervention, EntryKind.PrincipalNotified);
        @case.Entries.Select(e => e.StateAfter).Should().Equal(CaseState.FollowingUp, CaseState.Intervened, CaseState.PrincipalNotified);
    }

    [Fact]
    public async Task LogConcern_WhenPupilSaysNotSafe_RecordsPupilVoice_AndMakesMeasuresRequired()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, notify: true, notSafe: true));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
        @case.MeasuresRequired.Should().BeTrue();
        @case.Entries.Should().ContainSingle(e => e.Kind == EntryKind.PupilVoice && e.PupilView == PupilView.NotSafe);
    }

    [Fact]
    public async Task LogConcern_ByPrincipal_NotifiesThePrincipalAtOnce()
    {
        var result = await App.SendAs(Org.Principal1, Concern(Org.Emma));

        (await App.LoadCaseAsync(result.CaseId)).State.Should().Be(CaseState.PrincipalNotified);
    }

    [Fact]
    public async Task LogConcern_WhenEmployeeSuspected_NotifiesPrincipalAndSchoolOwnerAtOnce_WithImmediateDeadline()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, employee: true));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Flags.Select(f => f.Kind).Should().Equal(FlagKind.EmployeeSuspected);
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.PrincipalNotified, EntryKind.SchoolOwnerNotified);
        var investigate = @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.StartInvestigation).Subject;
        investigate.DueUtc.Should().Be(Clock.UtcDateTime.AddHours(24));

        var principalView = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(result.CaseId));
        principalView.HasFlag(FlagKind.EmployeeSuspected).Should().BeTrue();
    }

    [Fact]
    public async Task LogConcern_WhenLeadershipSuspected_NotifiesOnlySchoolOwner_AndHidesCaseFromPrincipal()
    {
        var result = await App.SendAs(Org.StaffA, Concern(Org.Emma, employee: true, leadership: true));

        var @case = await App.LoadCaseAsync(result.CaseId);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Flags.Select(f => f.Kind).Should().BeEquivalentTo(new[] { FlagKind.EmployeeSuspected, FlagKind.LeadershipSuspected });
        @case.Entries.Select(e => e.Kind).Should().Equal(EntryKind.ConcernLogged, EntryKind.SchoolOwnerNotified);

        var principalList = await App.SendAs(Org.Principal1, new ListCases.Query(Show: ListCases.Status.All));
        principalList.Items.Should().NotContain(i => i.Id == result.CaseId);
        principalList.Total.Should().Be(0);
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new GetCaseDetail.Query(result.CaseId)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();

        var teamList = await App.SendAs(Org.Team, new ListCases.Query());
        teamList.Items.Should().ContainSingle(i => i.Id == result.CaseId && i.LeadershipSuspected && i.EmployeeSuspected);
        var reporterList = await App.SendAs(Org.StaffA, new ListCases.Query());
        reporterList.Items.Should().ContainSingle(i => i.Id == result.CaseId);
    }

    [Fact]
    public async Task LogConcern_ForPupilOfAnotherSchool_IsNotFoundOrNoAccess_AndSavesNoCase()
    {
        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Concern(Org.Leah)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();

        (await App.WithDb(db => Task.FromResult(db.Cases.Count()))).Should().Be(0);
        (await App.AuditCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task LogConcern_Twice_GivesRunningCaseNumbersForTheOsloYear()
    {
        var first = await App.SendAs(Org.StaffA, Concern(Org.Emma));
        var second = await App.SendAs(Org.Staff2, Concern(Org.Leah));

        first.CaseNumber.Should().Be("2026-0001");
        second.CaseNumber.Should().Be("2026-0002");
    }

    [Fact]
    public async Task LogConcern_ByAdministrator_IsForbidden()
    {
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, Concern(Org.Emma)))
            .Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task LogConcern_SentTwiceWithTheSameKey_MakesOneCase_AndTheRetryGetsTheFirstReceipt()
    {
        var key = Guid.NewGuid();
        var first = await App.SendAs(Org.StaffA, Concern(Org.Emma) with { SubmissionKey = key });
        Clock.Advance(TimeSpan.FromSeconds(30));

        var retry = await App.SendAs(Org.StaffA, Concern(Org.Emma) with { SubmissionKey = key });

        retry.CaseId.Should().Be(first.CaseId);
        retry.CaseNumber.Should().Be(first.CaseNumber);
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
        (await App.WithDb(db => db.ConcernSubmissions.SingleAsync()))
            .CaseId.Should().Be(first.CaseId);
    }

    [Fact]
    public async Task LogConcern_WithAKeyAlreadyUsedForAnotherConcern_IsRefused_AndSavesNothing()
    {
        var key = Guid.NewGuid();
        await App.SendAs(Org.StaffA, Concern(Org.Emma) with { SubmissionKey = key });

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, Concern(Org.Noah) with { SubmissionKey = key }))
            .Should().ThrowAsync<FluentValidation.ValidationException>();

        refused.Which.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be("SubmissionKeyReused");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task LogConcern_WithAnotherUsersKey_IsRefused_AndDoesNotShowTheirReceipt()
    {
        var key = Guid.NewGuid();
        await App.SendAs(Org.StaffA, Concern(Org.Emma) with { SubmissionKey = key });

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffB, Concern(Org.Emma) with { SubmissionKey = key }))
            .Should().ThrowAsync<FluentValidation.ValidationException>();
    }
}
