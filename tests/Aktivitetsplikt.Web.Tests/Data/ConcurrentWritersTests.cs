using System.Diagnostics;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace Aktivitetsplikt.Web.Tests.Data;

/// <summary>
/// What SQLite's single writer guarantees must hold with many writers (PostgreSQL, several app instances; ADR 012). Two
/// service providers over one database stand for two app instances: separate DbContexts, connection pools and pipelines.
/// Runs on both providers; on PostgreSQL the commands really do overlap.
/// </summary>
public sealed class ConcurrentWritersTests(ITestOutputHelper output) : SliceTest
{
    private const int Workers = 8;
    private const int ConcernsPerWorker = 6;

    [Fact]
    public async Task ConcurrentCommandsFromTwoInstances_ExtendOneAuditChain_GapFree_AndItVerifies_AndCaseNumbersAreUnique()
    {
        await using var second = SecondInstance();
        var shared = await App.ACase().PrincipalNotified();
        var conflicts = 0;
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var instance = worker % 2 == 0 ? App.Services : second;
            var (staff, pupil) = worker % 2 == 0 ? (Org.StaffA, Org.Emma) : (Org.Staff2, Org.Leah);
            for (var i = 0; i < ConcernsPerWorker; i++)
            {
                await SendAs(instance, staff, Concern(pupil, $"Hendelse {worker}-{i}."));
                try
                {
                    // Many writers on one case: each either extends it or is told it changed meanwhile; nothing is lost silently.
                    await SendAs(instance, Org.Principal1, new AddComment.Command(shared, null, $"Kommentar {worker}-{i}."));
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
                // A refused read is written to the chain in its own transaction, beside the commands.
                await FluentActions.Awaiting(() => SendAs(instance, Org.Staff2, new GetCaseDetail.Query(shared))).Should().ThrowAsync<NotFoundOrNoAccessException>();
            }
        })));
        stopwatch.Stop();

        var sequences = (await App.AuditEntriesAsync()).Select(a => a.Sequence).ToList();
        sequences.Should().Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), "the chain's sequence has no gap and no repeat");
        var verification = await App.VerifyChainAsync();
        verification.IsIntact.Should().BeTrue(verification.ToString());

        var numbers = await App.WithDb(db => db.Cases.Select(c => c.CaseNumber).ToListAsync());
        numbers.Should().OnlyHaveUniqueItems().And.HaveCount(1 + Workers * ConcernsPerWorker);
        numbers.Order().Should().Equal(Enumerable.Range(1, numbers.Count).Select(n => $"2026-{n:0000}"), "case numbers run without gaps");

        var comments = (await App.LoadCaseAsync(shared)).Entries.Count(e => e.Kind == EntryKind.Comment);
        (comments + conflicts).Should().Be(Workers * ConcernsPerWorker, "every comment was either saved or refused as a conflict");
        var refusedReads = (await App.AuditEntriesAsync()).Count(a => a.Action == "AccessRefused");
        refusedReads.Should().Be(Workers * ConcernsPerWorker);
        output.WriteLine($"{TestDatabase.Provider}: {Workers} workers on 2 instances, {Workers * ConcernsPerWorker * 3} commands and reads in " +
                         $"{stopwatch.Elapsed.TotalSeconds:0.0} s; {sequences.Count} audit entries; {comments} comments saved, {conflicts} conflicts.");
    }

    [Fact]
    public async Task TheSameConcernFormSentToTwoInstancesAtOnce_MakesOneCase()
    {
        await using var second = SecondInstance();
        var key = Guid.NewGuid();
        var command = Concern(Org.Emma, "Sendt to ganger fra samme skjema.") with { SubmissionKey = key };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
            Task.Run(() => SendAs(n % 2 == 0 ? App.Services : second, Org.StaffA, command))));

        results.Select(r => r.CaseId).Distinct().Should().ContainSingle("a retried form never makes a second case");
        (await App.WithDb(db => db.Cases.CountAsync())).Should().Be(1);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task TwoWritersOnOneCaseFromTwoInstances_TheSecondIsAConflict_AndNothingOfItIsSaved()
    {
        await using var second = SecondInstance();
        var id = await App.ACase().PrincipalNotified();
        var revision = (await App.SnapshotAsync(id)).Revision;

        await SendAs(App.Services, Org.Principal1, new StartInvestigation.Command(id, null));
        var afterFirst = await App.SnapshotAsync(id);
        await FluentActions.Awaiting(() => SendAs(second, Org.StaffA, new AddComment.Command(id, revision, "Skrevet på gammel versjon.")))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        (await App.SnapshotAsync(id)).Should().Be(afterFirst);
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    private LogConcern.Command Concern(Pupil pupil, string text) =>
        new(pupil.Id, text, Clock.GetUtcNow().UtcDateTime.AddMinutes(-30), ConcernLocation.Classroom, null, false, false, false, false);

    /// <summary>A second app instance: its own services, contexts and pool, over the same database, keyed like the first.</summary>
    private ServiceProvider SecondInstance()
    {
        var services = new ServiceCollection().AddLogging().AddAktivitetsplikt(App.Storage);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        return services.BuildServiceProvider();
    }

    private static async Task<TResponse> SendAs<TResponse>(IServiceProvider instance, UserAccount user, IRequest<TResponse> request)
    {
        await using var scope = instance.CreateAsyncScope();
        ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
