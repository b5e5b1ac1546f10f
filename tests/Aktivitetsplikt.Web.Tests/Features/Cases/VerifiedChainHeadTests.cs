using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// A view of the audit page walks from the head an earlier view in this instance found intact (held in memory, ADR 025's
/// second amendment), not from the checkpoint: an entry changed after that head — or the head's own entry — is found by the
/// next view and by every view after it; an entry changed before it is the full walk's to find, as before a checkpoint.
/// </summary>
public sealed class VerifiedChainHeadTests : SliceTest
{
    private async Task<Guid> CaseAfterAFullWalk()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new AddComment.Command(id, null, "Før den fulle kontrollen."));
        await App.SendAs(Org.Team, new VerifyAuditChain.Query());
        return id;
    }

    private async Task<long> Comment(Guid id, string text)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        await App.SendAs(Org.StaffA, new AddComment.Command(id, null, text));
        return await App.AuditCountAsync();
    }

    private Task Tamper(long sequence) =>
        App.WithDb(db => Task.FromResult(db.Database.ExecuteSqlRaw("UPDATE \"AuditLog\" SET \"Details\" = 'changed' WHERE \"Sequence\" = {0}", sequence)));

    private Task<long> CheckpointAsync() => App.WithDb(db => db.AuditCheckpoints.AsNoTracking().MaxAsync(c => c.Sequence));

    private Task<GetAuditTrail.Result> View(Guid id) => App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

    [Fact]
    public async Task ASecondView_WalksOnlyFromTheHeadTheFirstFoundIntact_AndNamesTheFullWalkBehindIt()
    {
        var id = await CaseAfterAFullWalk();
        var checkpoint = await CheckpointAsync();
        var first = await View(id);
        await Comment(id, "Etter den første visningen.");

        var second = await View(id);

        first.Verification.FromCheckpoint.Should().Be(checkpoint, "the first view had no head of its own yet");
        first.FullWalkThrough.Should().BeNull();
        second.Verification.IsIntact.Should().BeTrue(second.Verification.Problem);
        second.Verification.FromCheckpoint.Should().Be(first.Verification.EntriesChecked, "the walk resumed at the head the first view verified");
        second.Verification.CheckpointVerifiedAtUtc.Should().NotBeNull();
        second.Verification.EntriesChecked.Should().BeGreaterThan(first.Verification.EntriesChecked, "the entries since were walked");
        second.FullWalkThrough.Should().Be(checkpoint, "what lies before is vouched for by the full walk's checkpoint");
        second.FullWalkAtUtc.Should().NotBeNull();
    }

    [Fact]
    public async Task AnEntryChangedAfterTheRememberedHead_IsFoundByTheNextView_AndByEveryViewAfterIt()
    {
        var id = await CaseAfterAFullWalk();
        var first = await View(id);
        var changed = await Comment(id, "Etter den første visningen.");
        await Tamper(changed);

        var second = await View(id);
        var third = await View(id);

        foreach (var view in new[] { second, third })
        {
            view.Verification.IsIntact.Should().BeFalse();
            view.Verification.FirstBrokenSequence.Should().Be(changed);
            view.Verification.Kind.Should().Be(ChainProblem.ContentChanged);
            view.Verification.FromCheckpoint.Should().Be(first.Verification.EntriesChecked, "a broken walk does not move the remembered head");
        }
    }

    [Fact]
    public async Task TheRememberedHeadsOwnEntry_ChangedAfterTheView_IsFoundByTheNextView()
    {
        var id = await CaseAfterAFullWalk();
        var first = await View(id);
        var head = first.Verification.EntriesChecked;
        await Tamper(head);

        var second = await View(id);

        second.Verification.IsIntact.Should().BeFalse("the walk starts by checking the remembered entry's content and hash again");
        second.Verification.FirstBrokenSequence.Should().Be(head);
    }

    [Fact]
    public async Task AnEntryChangedBeforeTheRememberedHead_IsNotSeenByTheView_ButIsFoundByTheFullWalk()
    {
        var id = await CaseAfterAFullWalk();
        var between = await Comment(id, "Mellom den fulle kontrollen og visningen.");
        await Comment(id, "Den siste før visningen.");
        var first = await View(id);
        first.Verification.EntriesChecked.Should().BeGreaterThan(between);
        await Tamper(between);

        var view = await View(id);
        var full = await App.SendAs(Org.Team, new VerifyAuditChain.Query());

        view.Verification.IsIntact.Should().BeTrue("what lies before the remembered head was checked by the view that reached it");
        view.Verification.FromCheckpoint.Should().Be(first.Verification.EntriesChecked);
        full.IsIntact.Should().BeFalse();
        full.FirstBrokenSequence.Should().Be(between);
    }

    [Fact]
    public async Task AFullWalkBeyondTheRememberedHead_IsWhereTheNextViewStarts()
    {
        var id = await CaseAfterAFullWalk();
        await View(id);
        await Comment(id, "Etter visningen.");
        await App.SendAs(Org.Team, new VerifyAuditChain.Query());
        var checkpoint = await CheckpointAsync();

        var view = await View(id);

        view.Verification.IsIntact.Should().BeTrue(view.Verification.Problem);
        view.Verification.FromCheckpoint.Should().Be(checkpoint, "the newer checkpoint lies beyond the head the earlier view verified");
        view.FullWalkThrough.Should().BeNull();
    }

    [Fact]
    public void TheRememberedHead_OnlyMovesForward()
    {
        var head = new VerifiedChainHead();
        var at = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

        head.Advance(new VerifiedChainHead.Head(20, "b", at, 10, at));
        head.Advance(new VerifiedChainHead.Head(15, "a", at.AddSeconds(1), 10, at));

        head.Current!.Sequence.Should().Be(20, "a view that finished later but walked less does not move the head back");
    }
}
