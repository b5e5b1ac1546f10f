using Aktivitetsplikt.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Archive;

/// <summary>
/// One run of the archive export (arkivuttrekk): who made it, when, how many closed cases and documents it holds, and
/// where its package lies under the data folder. A run is never changed or deleted; running again makes a new run.
/// </summary>
public sealed class ArchiveExportRun
{
    private readonly List<ArchivedCase> _cases = [];

    private ArchiveExportRun() { }

    public ArchiveExportRun(Guid id, Guid schoolOwnerId, Guid byUserId, string byName, DateTime startedAtUtc, DateTime finishedAtUtc,
        int documentCount, string zipSha256, long zipSize, IEnumerable<ArchivedCase> cases)
    {
        Id = id;
        SchoolOwnerId = schoolOwnerId;
        ByUserId = byUserId;
        ByName = byName;
        StartedAtUtc = startedAtUtc;
        FinishedAtUtc = finishedAtUtc;
        DocumentCount = documentCount;
        ZipSha256 = zipSha256;
        ZipSize = zipSize;
        _cases.AddRange(cases);
        CaseCount = _cases.Count;
    }

    public Guid Id { get; private set; }
    public Guid SchoolOwnerId { get; private set; }
    public Guid ByUserId { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime StartedAtUtc { get; private set; }
    public DateTime FinishedAtUtc { get; private set; }
    public int CaseCount { get; private set; }
    public int DocumentCount { get; private set; }
    /// <summary>The SHA-256 of the package's zip, so a copy handed to the archive can be matched to this run.</summary>
    public string ZipSha256 { get; private set; } = "";
    public long ZipSize { get; private set; }
    public IReadOnlyList<ArchivedCase> Cases => _cases;
}

/// <summary>A closed case as one run exported it: the case's revision then, so a case changed (reopened) since shows.</summary>
public sealed class ArchivedCase
{
    private ArchivedCase() { }

    public ArchivedCase(Guid caseId, string caseNumber, int caseRevision)
    {
        CaseId = caseId;
        CaseNumber = caseNumber;
        CaseRevision = caseRevision;
    }

    public Guid RunId { get; private set; }
    public Guid CaseId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public int CaseRevision { get; private set; }
}

internal static class ArchiveModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ArchiveExportRun>(b =>
        {
            b.Property(r => r.ByName).HasMaxLength(200).IsRequired();
            b.Property(r => r.ZipSha256).HasMaxLength(64).IsRequired();
            b.HasOne<SchoolOwner>().WithMany().HasForeignKey(r => r.SchoolOwnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.ByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(r => r.Cases).WithOne().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(r => r.Cases).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.HasIndex(r => new { r.SchoolOwnerId, r.StartedAtUtc });
        });
        modelBuilder.Entity<ArchivedCase>(b =>
        {
            b.HasKey(c => new { c.RunId, c.CaseId });
            b.Property(c => c.CaseNumber).HasMaxLength(20).IsRequired();
            b.HasOne<Domain.Cases.Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => c.CaseId);
        });
    }
}
