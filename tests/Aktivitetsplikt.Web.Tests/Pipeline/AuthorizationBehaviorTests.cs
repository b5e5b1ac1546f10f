using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

public sealed class AuthorizationBehaviorTests : SliceTest
{
    private async Task AssertRefusedAndLogged(UserAccount user, Guid caseId, Func<Task> attempt, string request)
    {
        var before = await App.SnapshotAsync(caseId);

        await attempt.Should().ThrowAsync<NotFoundOrNoAccessException>();

        var entries = await App.AuditEntriesAsync();
        entries.Should().HaveCount(before.AuditEntries + 1);
        var refusal = entries[^1];
        refusal.Action.Should().Be("AccessRefused");
        refusal.CaseId.Should().Be(caseId);
        refusal.UserId.Should().Be(user.Id);
        refusal.Role.Should().Be(user.Role);
        refusal.AtUtc.Should().Be(Clock.UtcDateTime);
        refusal.Details.Should().Contain($"\"request\":\"{request}\"").And.Contain("\"exists\":true");
        (await App.SnapshotAsync(caseId)).Should().Be(before with { AuditEntries = before.AuditEntries + 1 });
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task StaffReadingAnotherStaffsCase_IsNotFoundOrNoAccess_AndAnAccessRefusedEntryIsWritten()
    {
        var id = await App.ACase().ReportedBy(Org.StaffA).PrincipalNotified();

        await AssertRefusedAndLogged(Org.StaffB, id, () => App.SendAs(Org.StaffB, new GetCaseDetail.Query(id)), "GetCaseDetail");
    }

    [Fact]
    public async Task StaffCommandOnAnotherStaffsCase_IsNotFoundOrNoAccess_AndAnAccessRefusedEntryIsWritten()
    {
        var id = await App.ACase().ReportedBy(Org.StaffA).PrincipalNotified();

        await AssertRefusedAndLogged(Org.StaffB, id, () => App.SendAs(Org.StaffB, new AddComment.Command(id, null, "Snoker.")), "AddComment");
    }

    [Fact]
    public async Task PrincipalOfAnotherSchool_IsNotFoundOrNoAccess_AndAnAccessRefusedEntryIsWritten()
    {
        var id = await App.ACase().PrincipalNotified();

        await AssertRefusedAndLogged(Org.Principal2, id, () => App.SendAs(Org.Principal2, new StartInvestigation.Command(id, null)), "StartInvestigation");
    }

    [Fact]
    public async Task UnknownCase_IsNotFoundOrNoAccess_AndTheRefusalSaysItDoesNotExist()
    {
        var unknown = Guid.NewGuid();

        await FluentActions.Awaiting(() => App.SendAs(Org.Team, new GetCaseDetail.Query(unknown)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();

        var refusal = (await App.AuditEntriesAsync()).Should().ContainSingle().Subject;
        refusal.Action.Should().Be("AccessRefused");
        refusal.CaseId.Should().BeNull();
        refusal.Details.Should().Contain("\"exists\":false");
    }

    [Fact]
    public async Task SchoolOwnerTeam_SeesAndActsOnCasesAtBothSchools()
    {
        var atSchool1 = await App.ACase().PrincipalNotified();
        var atSchool2 = await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).PrincipalNotified();

        (await App.SendAs(Org.Team, new GetCaseDetail.Query(atSchool1))).SchoolId.Should().Be(Org.School1.Id);
        (await App.SendAs(Org.Team, new GetCaseDetail.Query(atSchool2))).SchoolId.Should().Be(Org.School2.Id);
        await App.SendAs(Org.Team, new StartInvestigation.Command(atSchool2, null));
        (await App.SendAs(Org.Team, new ListCases.Query())).Items.Select(i => i.SchoolId).Should().BeEquivalentTo(new[] { Org.School1.Id, Org.School2.Id });
    }

    [Fact]
    public async Task Administrator_SeesNoCase_AndCannotActOnOne()
    {
        var id = await App.ACase().PrincipalNotified();

        (await App.SendAs(Org.Admin, new ListCases.Query(Show: ListCases.Status.All))).Total.Should().Be(0);
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new GetCaseDetail.Query(id)))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new AddComment.Command(id, null, "Admin.")))
            .Should().ThrowAsync<NotFoundOrNoAccessException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new GetAuditTrail.Query(id)))
            .Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new LogConcern.Command(Org.Emma.Id, "Admin.", Clock.UtcDateTime, ConcernLocation.Other,
                null, false, false, false, false)))
            .Should().ThrowAsync<ForbiddenException>();
        (await App.LoadCaseAsync(id)).Entries.Should().NotContain(e => e.ActorUserId == Org.Admin.Id);
    }

    [Fact]
    public async Task NobodySignedIn_IsRefusedForQueriesAndCommands_AndNothingIsWritten()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SnapshotAsync(id);

        await FluentActions.Awaiting(() => App.SendAs(null, new ListCases.Query())).Should().ThrowAsync<NotSignedInException>();
        await FluentActions.Awaiting(() => App.SendAs(null, new GetCaseDetail.Query(id))).Should().ThrowAsync<NotSignedInException>();
        await FluentActions.Awaiting(() => App.SendAs(null, new AddComment.Command(id, null, "Anonym."))).Should().ThrowAsync<NotSignedInException>();
        await FluentActions.Awaiting(() => App.SendAs(null, new LogConcern.Command(Org.Emma.Id, "Anonym.", Clock.UtcDateTime, ConcernLocation.Other,
            null, false, false, false, false))).Should().ThrowAsync<NotSignedInException>();

        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task StaffResponsibleForAMeasure_SeesTheCase_WithoutHavingReportedIt()
    {
        var id = await App.ACase().ReportedBy(Org.StaffB).MeasureResponsible(Org.StaffA).Measures();

        var detail = await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id));

        detail.PermittedActions.Should().Contain(CaseTrigger.RecordMeasureProgress);
    }
}
