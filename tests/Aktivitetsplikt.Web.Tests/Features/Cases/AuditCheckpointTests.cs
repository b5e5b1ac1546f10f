using System.Text;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// The audit page verifies from the newest keyed checkpoint; the full walk (on demand, on a schedule) from entry 1 leaves one.
/// A change after the checkpoint is found by the view, one before it by the full walk; a checkpoint forged without the key
/// is passed over. The page shows a case's entries a page at a time, each once.
/// </summary>
public sealed class AuditCheckpointTests : SliceTest
{
    private async Task<Guid> CaseWithComments(int comments)
    {
        var id = await App.ACase().Investigating();
        for (var i = 0; i < comments; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await App.SendAs(Org.StaffA, new AddComment.Command(id, null, $"Kommentar {i + 1}."));
        }
        return id;
    }

    private Task Tamper(long sequence) =>
        App.WithDb(db => Task.FromResult(db.Database.ExecuteSqlRaw("UPDATE \"AuditLog\" SET \"Details\" = 'changed' WHERE \"Sequence\" = {0}", sequence)));

    private Task<List<AuditCheckpoint>> CheckpointsAsync() => App.WithDb(db => db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync());

    [Fact]
    public async Task TheFullWalk_LeavesAKeyedCheckpointAtTheHead_AndIsItselfAudited()
    {
        await CaseWithComments(2);
        var head = await App.AuditCountAsync();

        var verification = await App.SendAs(Org.Team, new VerifyAuditChain.Query());

        verification.IsIntact.Should().BeTrue(verification.Problem);
        var checkpoint = (await CheckpointsAsync()).Should().ContainSingle().Subject;
        checkpoint.Sequence.Should().Be(head);
        checkpoint.EntryHash.Should().Be(verification.HeadHash);
        checkpoint.IsValid(App.Services.GetRequiredService<AuditChainSettings>().Keys).Should().BeTrue();
        var last = (await App.AuditEntriesAsync())[^1];
        last.Action.Should().Be("VerifyAuditChain");
        last.UserId.Should().Be(Org.Team.Id);
        last.Details.Should().Contain("\"IsIntact\":true").And.Contain($"\"EntriesChecked\":{head}");
    }

    [Fact]
    public async Task AView_WalksOnlyFromTheCheckpoint_AndFindsAnEntryChangedAfterIt()
    {
        var id = await CaseWithComments(2);
        await App.SendAs(Org.Team, new VerifyAuditChain.Query());
        var checkpoint = (await CheckpointsAsync()).Single().Sequence;
        Clock.Advance(TimeSpan.FromMinutes(1));
        await App.SendAs(Org.StaffA, new AddComment.Command(id, null, "Etter sjekkpunktet."));
        var changed = await App.AuditCountAsync();
        await Tamper(changed);

        var trail = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

        trail.Verification.IsIntact.Should().BeFalse();
        trail.Verification.FirstBrokenSequence.Should().Be(changed);
        trail.Verification.Kind.Should().Be(ChainProblem.ContentChanged);
        trail.Verification.FromCheckpoint.Should().Be(checkpoint, "the view started at the checkpoint, not at entry 1");
    }

    [Fact]
    public async Task AnEntryChangedBeforeTheCheckpoint_IsNotSeenByTheView_ButIsFoundByTheFullWalk()
    {
        var id = await CaseWithComments(2);
        await App.SendAs(Org.Team, new VerifyAuditChain.Query());
        await Tamper(2);

        var view = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));
        var full = await App.SendAs(Org.Team, new VerifyAuditChain.Query());

        view.Verification.IsIntact.Should().BeTrue("what lies before the checkpoint was checked by the walk that wrote it");
        view.Verification.FromCheckpoint.Should().NotBeNull();
        full.IsIntact.Should().BeFalse();
        full.FirstBrokenSequence.Should().Be(2);
        full.Kind.Should().Be(ChainProblem.ContentChanged);
        (await CheckpointsAsync()).Should().ContainSingle("a broken walk leaves no checkpoint");
    }

    [Fact]
    public async Task ACheckpointForgedWithoutTheKey_IsPassedOver_SoTheChangeBehindItIsStillFound()
    {
        var id = await CaseWithComments(3);
        await App.SendAs(Org.Team, new VerifyAuditChain.Query());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await App.SendAs(Org.StaffA, new AddComment.Command(id, null, "Etter sjekkpunktet."));
        var changed = await App.AuditCountAsync();
        await Tamper(changed);
        // Someone with only the database writes a checkpoint past the change, under the ring's key id but a guessed secret.
        var keyId = App.Services.GetRequiredService<AuditChainSettings>().Keys.Current.Id;
        var headHash = (await App.AuditEntriesAsync())[^1].Hash;
        await App.WithDb(async db =>
        {
            db.AuditCheckpoints.Add(new AuditCheckpoint(changed, headHash, Clock.UtcDateTime, new AuditKey(keyId, Encoding.UTF8.GetBytes("a guessed secret, also 32 bytes!"))));
            return await db.SaveChangesAsync();
        });

        var trail = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

        trail.Verification.IsIntact.Should().BeFalse("the forged checkpoint does not verify, so the view starts at the real one");
        trail.Verification.FirstBrokenSequence.Should().Be(changed);
        trail.Verification.FromCheckpoint.Should().BeLessThan(changed);
    }

    [Fact]
    public async Task AViewWithoutACheckpoint_WalksTheWholeChainOnce_AndLeavesOne()
    {
        var id = await CaseWithComments(1);

        var first = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));
        var second = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));

        first.Verification.IsIntact.Should().BeTrue(first.Verification.Problem);
        first.Verification.FromCheckpoint.Should().BeNull("there was none: the view walked from entry 1");
        (await CheckpointsAsync()).Should().ContainSingle();
        second.Verification.FromCheckpoint.Should().Be(first.Verification.EntriesChecked);
        second.Verification.IsIntact.Should().BeTrue(second.Verification.Problem);
    }

    [Fact]
    public async Task TheScheduledWalk_LeavesACheckpoint_AndSkipsItsRoundWhileAnotherInstanceHoldsTheLease()
    {
        await CaseWithComments(1);
        var settings = App.Services.GetRequiredService<AuditChainSettings>();
        var scopes = App.Services.GetRequiredService<IServiceScopeFactory>();
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditVerificationService>.Instance;
        var one = new AuditVerificationService(scopes, settings, App.Services.GetRequiredService<TimeProvider>(), logger);
        var other = new AuditVerificationService(scopes, settings, App.Services.GetRequiredService<TimeProvider>(), logger);
        await App.WithDb(db => Leases.TryClaimJobAsync(db, AuditVerificationService.JobName, "another-instance", Clock.UtcDateTime, TimeSpan.FromMinutes(5), default));

        var skipped = await one.RunOnceAsync(default);
        Clock.Advance(TimeSpan.FromMinutes(6));
        var walked = await other.RunOnceAsync(default);

        skipped.Should().BeNull();
        walked!.IsIntact.Should().BeTrue(walked.Problem);
        (await CheckpointsAsync()).Should().ContainSingle().Which.Sequence.Should().Be(walked.EntriesChecked);
    }

    [Fact]
    public async Task ThePages_ShowEveryEntryOfTheCaseOnce_OldestFirst()
    {
        var id = await CaseWithComments(GetAuditTrail.PageSize + 10);
        var before = (await App.AuditEntriesAsync(id)).Select(e => e.Sequence).ToList();

        var first = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id));
        var seen = first.Entries.Select(e => e.Sequence).ToList();
        for (var page = 2; page <= first.Pages; page++)
            seen.AddRange((await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id, Page: page))).Entries.Select(e => e.Sequence));
        var past = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id, Page: 999));

        first.Pages.Should().Be(2);
        first.Entries.Should().HaveCount(GetAuditTrail.PageSize);
        seen.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
        seen.Take(before.Count).Should().Equal(before, "every entry of the case, each once, on the pages in order");
        past.Page.Should().Be(past.Pages, "a page past the last shows the last");
    }

    [Fact]
    public async Task ChangesOnly_IsPagedOverTheChanges_AndCountsTheReadsOfTheWholeCase()
    {
        var id = await CaseWithComments(GetAuditTrail.PageSize + 1);
        for (var i = 0; i < 3; i++) await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        await App.FlushReadsAsync();

        var changes = await App.SendAs(Org.Principal1, new GetAuditTrail.Query(id, ChangesOnly: true, Page: 2));

        changes.Pages.Should().Be(2);
        changes.Page.Should().Be(2);
        changes.Entries.Should().OnlyContain(e => !GetAuditTrail.IsRead(e.Action));
        changes.HiddenReads.Should().Be(3);
        changes.Reads.Should().Be(3);
        changes.TotalCount.Should().Be(2 + GetAuditTrail.PageSize + 1 + 3);
    }
}
