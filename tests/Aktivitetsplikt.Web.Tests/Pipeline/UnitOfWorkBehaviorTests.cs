using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>Optimistic concurrency: the case's Revision is the token; a lost race saves nothing.</summary>
public sealed class UnitOfWorkBehaviorTests : SliceTest
{
    [Fact]
    public async Task StaleExpectedRevision_IsAConcurrencyConflict_AndNothingOfTheSecondCommandIsSaved()
    {
        var id = await App.ACase().PrincipalNotified();
        var seenByStaff = (await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id))).Revision;
        var seenByPrincipal = (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).Revision;
        seenByStaff.Should().Be(seenByPrincipal);

        var first = await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, seenByPrincipal));
        first.Revision.Should().Be(seenByPrincipal + 1);
        var afterFirst = await App.SnapshotAsync(id);

        await FluentActions.Awaiting(() => App.SendAs(Org.StaffA, new AddComment.Command(id, seenByStaff, "Skrevet på gammel versjon.")))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        var afterSecond = await App.SnapshotAsync(id);
        afterSecond.Should().Be(afterFirst);
        afterSecond.Revision.Should().Be(first.Revision);
        (await App.LoadCaseAsync(id)).Entries.Should().NotContain(e => e.Kind == EntryKind.Comment);
    }

    [Fact]
    public async Task CurrentExpectedRevision_IsAccepted()
    {
        var id = await App.ACase().PrincipalNotified();
        var revision = (await App.SnapshotAsync(id)).Revision;

        var result = await App.SendAs(Org.StaffA, new AddComment.Command(id, revision, "Oppdatert."));

        result.Revision.Should().Be(revision + 1);
    }

    /// <summary>
    /// The race without the pipeline: two contexts hold the same revision; the first save wins and
    /// the second is refused. Both steps append entry number n+1, and EF Core inserts the entries
    /// before it updates the case row, so the refusal comes from the unique (CaseId, Sequence) index
    /// (a DbUpdateException) before the Revision token is checked (a DbUpdateConcurrencyException).
    /// </summary>
    [Fact]
    public async Task TwoContextsModifyingTheSameCase_FirstSaveWins_SecondIsRefusedByTheStore()
    {
        var id = await App.ACase().PrincipalNotified();
        await using var scope1 = App.Services.CreateAsyncScope();
        await using var scope2 = App.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<AppDbContext>();
        var case1 = await db1.CasesWithHistory.SingleAsync(c => c.Id == id);
        var case2 = await db2.CasesWithHistory.SingleAsync(c => c.Id == id);

        case1.AddComment(Org.StaffA.AsActor(), Clock.UtcDateTime, "Først.");
        case2.StartInvestigation(Org.Principal1.AsActor(), Clock.UtcDateTime, null);
        await db1.SaveChangesAsync();

        await FluentActions.Awaiting(() => db2.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        var stored = await App.LoadCaseAsync(id);
        stored.State.Should().Be(CaseState.PrincipalNotified);
        stored.Entries[^1].Kind.Should().Be(EntryKind.Comment);
    }

    /// <summary>
    /// The same race through the pipeline. Inside the pipeline a command loads the case in its own
    /// write transaction, so two commands cannot both read the old revision; the race happens when a
    /// context already holds the case from before the other user's commit (a long-lived context).
    /// Here user B's scope has loaded the case, user A commits, then B's command runs in that scope
    /// without an ExpectedRevision: the UnitOfWorkBehavior turns EF's DbUpdateConcurrencyException
    /// into ConcurrencyConflictException and commits nothing of B's command.
    /// </summary>
    [Fact]
    public async Task LostRaceThroughThePipeline_IsTranslatedIntoConcurrencyConflict_AndNothingIsSaved()
    {
        var id = await App.ACase().PrincipalNotified();
        await using var scopeB = App.Services.CreateAsyncScope();
        ((CurrentUser)scopeB.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(Org.StaffA);
        await scopeB.ServiceProvider.GetRequiredService<AppDbContext>().CasesWithHistory.SingleAsync(c => c.Id == id);

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, null));
        var afterA = await App.SnapshotAsync(id);

        await FluentActions.Awaiting(() => scopeB.ServiceProvider.GetRequiredService<IMediator>().Send(new AddComment.Command(id, null, "Sent.")))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        (await App.SnapshotAsync(id)).Should().Be(afterA);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    /// <summary>
    /// The true race through the real UnitOfWorkBehavior: user B's aggregate was loaded before user A
    /// committed (as two concurrent requests would on a database that does not serialise writers the
    /// way SQLite's IMMEDIATE transactions do); B's step then fails in SaveChanges on the entry index,
    /// not on the Revision token. It must still be reported as a conflict, with nothing saved.
    /// </summary>
    [Fact]
    public async Task LostRaceFailingOnTheEntryIndex_IsStillAConcurrencyConflict_AndNothingIsSaved()
    {
        var id = await App.ACase().PrincipalNotified();
        await using var scopeB = App.Services.CreateAsyncScope();
        ((CurrentUser)scopeB.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(Org.StaffA);
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var staleCase = await dbB.CasesWithHistory.SingleAsync(c => c.Id == id);

        await App.SendAs(Org.Principal1, new StartInvestigation.Command(id, null));
        var afterA = await App.SnapshotAsync(id);

        var behavior = new UnitOfWorkBehavior<AddComment.Command, CaseCommandResult>(dbB, scopeB.ServiceProvider.GetRequiredService<AuditLog>(),
            scopeB.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Features.Notifications.NotificationPlanner>(),
            scopeB.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Features.Oversight.SummaryCache>(),
            scopeB.ServiceProvider.GetRequiredService<Aktivitetsplikt.Web.Features.Notifications.HeaderFactsCache>());
        var command = new AddComment.Command(id, null, "Skrevet samtidig.");
        await FluentActions.Awaiting(() => behavior.Handle(command, CancellationToken.None, () =>
            {
                staleCase.AddComment(Org.StaffA.AsActor(), Clock.UtcDateTime, command.Comment);
                return Task.FromResult(new CaseCommandResult(id, staleCase.CaseNumber, staleCase.Revision));
            }))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        (await App.SnapshotAsync(id)).Should().Be(afterA);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task RefusedCommand_RollsBackEverything_AndLeavesTheScopeUsable()
    {
        var id = await App.ACase().PupilSaysNotSafe().Investigating();
        var before = await App.SnapshotAsync(id);
        await using var scope = App.Services.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(Org.Principal1);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        await FluentActions.Awaiting(() => mediator.Send(new CloseCase.Command(id, null, "Ingen tiltak.")))
            .Should().ThrowAsync<CaseRuleViolation>();
        (await App.SnapshotAsync(id)).Should().Be(before);

        await mediator.Send(new RecordFinding.Command(id, null, "Nytt funn."));
        var after = await App.SnapshotAsync(id);
        after.Entries.Should().Be(before.Entries + 1);
        after.AuditEntries.Should().Be(before.AuditEntries + 1);
    }
}
