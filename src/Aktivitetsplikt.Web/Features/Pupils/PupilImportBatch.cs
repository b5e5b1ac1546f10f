using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Pupils;

/// <summary>
/// An uploaded pupil export between its preview and its application, and afterwards the record of what it did (who, when,
/// which file by its SHA-256, the counts). The rows are kept as read — guardians' identity numbers only as their keyed hash —
/// until the import is applied or a newer file is uploaded, and then cleared: the pupils themselves are the record.
/// </summary>
public sealed class PupilImportBatch
{
    private PupilImportBatch() { }

    public PupilImportBatch(Guid schoolOwnerId, Guid uploadedByUserId, DateTime uploadedUtc, string fileName, string sha256, string encodingName,
        char separator, bool fullImport, string rowsJson, int rowCount, int problemRowCount)
    {
        Id = Guid.NewGuid();
        SchoolOwnerId = schoolOwnerId;
        UploadedByUserId = uploadedByUserId;
        UploadedUtc = uploadedUtc;
        FileName = fileName;
        Sha256 = sha256;
        EncodingName = encodingName;
        Separator = separator.ToString();
        FullImport = fullImport;
        RowsJson = rowsJson;
        RowCount = rowCount;
        ProblemRowCount = problemRowCount;
    }

    public Guid Id { get; private set; }
    public Guid SchoolOwnerId { get; private set; }
    public Guid UploadedByUserId { get; private set; }
    public DateTime UploadedUtc { get; private set; }
    public string FileName { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string EncodingName { get; private set; } = "";
    public string Separator { get; private set; } = ";";
    /// <summary>The file is the school system's whole list for the schools it names: pupils missing from it are deactivated.</summary>
    public bool FullImport { get; private set; }
    /// <summary>The rows as read (<see cref="ImportRow"/>), null once applied or superseded.</summary>
    public string? RowsJson { get; private set; }
    public int RowCount { get; private set; }
    public int ProblemRowCount { get; private set; }
    public DateTime? AppliedUtc { get; private set; }
    public Guid? AppliedByUserId { get; private set; }
    public int Added { get; private set; }
    public int Changed { get; private set; }
    public int Deactivated { get; private set; }
    public int GuardiansAdded { get; private set; }
    /// <summary>Rows skipped for their problems when it was applied.</summary>
    public int Skipped { get; private set; }

    public bool IsOpen => AppliedUtc is null && RowsJson is not null;

    public void MarkApplied(Guid byUserId, DateTime nowUtc, PupilImportPlan plan)
    {
        AppliedUtc = nowUtc;
        AppliedByUserId = byUserId;
        Added = plan.Added.Count;
        Changed = plan.Changed.Count;
        Deactivated = plan.Deactivated.Count;
        GuardiansAdded = plan.GuardiansAdded;
        Skipped = plan.Skipped.Count;
        RowsJson = null;
    }

    /// <summary>A newer file was uploaded: this one can no longer be applied, and its rows are not kept.</summary>
    public void Supersede() => RowsJson = null;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PupilImportBatch>(b =>
    {
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.EncodingName).HasMaxLength(20).IsRequired();
        b.Property(x => x.Separator).HasMaxLength(1).IsRequired();
        b.HasOne<Domain.Organisation.SchoolOwner>().WithMany().HasForeignKey(x => x.SchoolOwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SchoolOwnerId, x.UploadedUtc });
    });
}
