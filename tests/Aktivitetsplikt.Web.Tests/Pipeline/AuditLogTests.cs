using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

public sealed class AuditLogTests : SliceTest
{
    /// <summary>Sends the command and proves it appended exactly one audit entry describing it.</summary>
    private async Task<CaseCommandResult> Audited(UserAccount user, ICommand<CaseCommandResult> command, CaseState? before, CaseState after)
    {
        Clock.Advance(TimeSpan.FromMinutes(7));
        var countBefore = await App.AuditCountAsync();

        var result = await App.SendAs(user, command);

        var all = await App.AuditEntriesAsync();
        all.Should().HaveCount(countBefore + 1, $"{AuditLog.ActionName(command)} appends exactly one entry");
        var entry = all[^1];
        entry.Sequence.Should().Be(countBefore + 1);
        entry.Action.Should().Be(AuditLog.ActionName(command));
        entry.CaseId.Should().Be(result.CaseId);
        entry.UserId.Should().Be(user.Id);
        entry.UserName.Should().Be(user.DisplayName);
        entry.Role.Should().Be(user.Role);
        entry.AtUtc.Should().Be(Clock.UtcDateTime);
        entry.AtUtc.Kind.Should().Be(DateTimeKind.Utc);
        entry.StateBefore.Should().Be(before);
        entry.StateAfter.Should().Be(after);
        return result;
    }

    /// <summary>A case through every step, the county governor and a reopening included.</summary>
    private async Task<Guid> RealisticSequence()
    {
        var id = (await Audited(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Emma ble utestengt.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, false, false, false, false), null, CaseState.FollowingUp)).CaseId;
        await Audited(Org.StaffA, new RecordIntervention.Command(id, null, "Grep inn."), CaseState.FollowingUp, CaseState.Intervened);
        await Audited(Org.StaffA, new NotifyPrincipal.Command(id, null), CaseState.Intervened, CaseState.PrincipalNotified);
        await Audited(Org.Principal1, new StartInvestigation.Command(id, null), CaseState.PrincipalNotified, CaseState.Investigating);
        await Audited(Org.Principal1, new RecordFinding.Command(id, null, "Bekreftet."), CaseState.Investigating, CaseState.Investigating);
        await Audited(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "Ikke trygg.", VoiceSource.Pupil), CaseState.Investigating, CaseState.Investigating);
        await Audited(Org.Principal1, new RecordParentContact.Command(id, null, "Møte."), CaseState.Investigating, CaseState.Investigating);
        await Audited(Org.Team, new FlagParticularVulnerability.Command(id, null, "Sårbar."), CaseState.Investigating, CaseState.Investigating);
        await Audited(Org.Principal1, new EscalateToSchoolOwner.Command(id, null, "Alvorlig."), CaseState.Investigating, CaseState.Investigating);
        await Audited(Org.Principal1, new AdoptPlan.Command(id, null, CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App))),
            CaseState.Investigating, CaseState.Measures);
        var key = (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0].MeasureKey;
        await Audited(Org.StaffA, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.UnderWay, null), CaseState.Measures, CaseState.Measures);
        await Audited(Org.Principal1, new RevisePlan.Command(id, null, CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App)), "Justert."),
            CaseState.Measures, CaseState.Measures);
        await Audited(Org.Principal1, new StartEvaluation.Command(id, null), CaseState.Measures, CaseState.Evaluating);
        await Audited(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Trygg nå.", "Virket.", "Foreldrene er informert og enige."), CaseState.Evaluating, CaseState.Evaluating);
        var current = (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0].MeasureKey;
        await Audited(Org.Principal1, new RecordMeasureProgress.Command(id, null, current, MeasureStatus.Done, null), CaseState.Evaluating, CaseState.Evaluating);
        await Audited(Org.Principal1, new CloseCase.Command(id, null, "Trygt og godt."), CaseState.Evaluating, CaseState.Closed);
        await Audited(Org.Principal1, new RecordCountyGovernorCase.Command(id, null, "Meldt."), CaseState.Closed, CaseState.Closed);
        await Audited(Org.Team, new RecordCountyGovernorDecision.Command(id, null, "Vedtak."), CaseState.Closed, CaseState.Closed);
        await Audited(Org.Principal1, new ReopenCase.Command(id, null, "Etter vedtaket."), CaseState.Closed, CaseState.Investigating);
        await Audited(Org.StaffA, new AddComment.Command(id, null, "Kommentar."), CaseState.Investigating, CaseState.Investigating);
        var first = (await App.LoadCaseAsync(id)).Entries[0].Id;
        await Audited(Org.StaffA, new CorrectEntry.Command(id, null, first, "Rettelse."), CaseState.Investigating, CaseState.Investigating);
        return id;
    }

    [Fact]
    public async Task EveryCommand_AppendsExactlyOneEntry_WithUserRoleUtcTimeActionAndStates_AndTheChainStaysIntact()
    {
        await RealisticSequence();

        var verification = await App.SendAs(Org.Team, new VerifyAuditChain.Query());

        verification.IsIntact.Should().BeTrue();
        verification.EntriesChecked.Should().Be(21);
        verification.FirstBrokenSequence.Should().BeNull();
    }

    [Fact]
    public async Task EveryEntry_LinksToThePreviousHash()
    {
        await RealisticSequence();

        var entries = await App.AuditEntriesAsync();

        entries[0].PreviousHash.Should().Be(AuditEntry.GenesisHash);
        for (var i = 1; i < entries.Count; i++) entries[i].PreviousHash.Should().Be(entries[i - 1].Hash);
    }

    [Fact]
    public async Task VerifyAuditChain_AfterOneRowIsTamperedWith_ReportsThatRow()
    {
        await RealisticSequence();
        await App.WithDb(db => Task.FromResult(db.Database.ExecuteSqlRaw("UPDATE \"AuditLog\" SET \"Details\" = 'x' WHERE \"Sequence\" = 3")));

        var verification = await App.SendAs(Org.Admin, new VerifyAuditChain.Query());

        verification.IsIntact.Should().BeFalse();
        verification.FirstBrokenSequence.Should().Be(3);
        verification.EntriesChecked.Should().Be(2);
    }

    [Fact]
    public async Task VerifyAuditChain_AfterAMiddleRowIsDeleted_ReportsTheGap()
    {
        await RealisticSequence();
        await App.WithDb(db => Task.FromResult(db.Database.ExecuteSqlRaw("DELETE FROM \"AuditLog\" WHERE \"Sequence\" = 3")));

        var verification = await App.SendAs(Org.Team, new VerifyAuditChain.Query());

        verification.IsIntact.Should().BeFalse();
        verification.FirstBrokenSequence.Should().Be(3);
        verification.Problem.Should().Contain("missing");
    }

    [Fact]
    public async Task VerifyAuditChain_AfterARowIsRewrittenWithItsSha256Recomputed_ReportsThatRow()
    {
        await RealisticSequence();
        // Someone with only the database recomputes the row's plain SHA-256 (the pre-keying scheme): without the
        // chain's key they cannot make its HMAC, and an unkeyed row after keyed ones is refused at that row.
        await App.WithDb(async db =>
        {
            var row = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 5);
            var forged = new AuditEntry(row.Sequence, row.AtUtc, row.UserId, row.UserName, row.Role, row.Action, row.CaseId,
                row.StateBefore, row.StateAfter, "forged", row.PreviousHash);
            return db.Database.ExecuteSqlRaw("UPDATE \"AuditLog\" SET \"Details\" = {0}, \"Hash\" = {1}, \"KeyId\" = NULL WHERE \"Sequence\" = 5", forged.Details, forged.Hash);
        });

        var verification = await App.VerifyChainAsync();

        verification.Kind.Should().Be(ChainProblem.Unkeyed);
        verification.FirstBrokenSequence.Should().Be(5);
    }

    [Fact]
    public async Task VerifyAuditChain_AfterARowIsRewrittenUnderItsKeyIdWithoutTheKey_ReportsThatRow()
    {
        await RealisticSequence();
        await App.WithDb(async db =>
        {
            var row = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 5);
            var guessed = new AuditKey(row.KeyId!, new byte[32]);
            var forged = new AuditEntry(row.Sequence, row.AtUtc, row.UserId, row.UserName, row.Role, row.Action, row.CaseId,
                row.StateBefore, row.StateAfter, "forged", row.PreviousHash, guessed);
            return db.Database.ExecuteSqlRaw("UPDATE \"AuditLog\" SET \"Details\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = 5", forged.Details, forged.Hash);
        });

        var verification = await App.VerifyChainAsync();

        verification.Kind.Should().Be(ChainProblem.ContentChanged);
        verification.FirstBrokenSequence.Should().Be(5);
    }

    [Fact]
    public async Task EveryEntry_IsKeyedWithTheRingsCurrentKey()
    {
        await RealisticSequence();

        var entries = await App.AuditEntriesAsync();

        entries.Should().NotBeEmpty().And.OnlyContain(e => e.KeyId == Web.Infrastructure.AuditChainSettings.Ephemeral().Keys.Current.Id);
    }

    [Fact]
    public async Task VerifyAuditChain_ForStaffOrPrincipal_IsForbidden()
    {
        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new VerifyAuditChain.Query()))
            .Should().ThrowAsync<Aktivitetsplikt.Web.Infrastructure.ForbiddenException>();
        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new VerifyAuditChain.Query()))
            .Should().ThrowAsync<Aktivitetsplikt.Web.Infrastructure.ForbiddenException>();
    }
}
