using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Organisation;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aktivitetsplikt.Web.Data;

/// <summary>
/// The store. Handlers use it directly (no repository layer: docs/decisions/003-handlers-use-ef-core.md).
/// No provider-specific SQL: the same model runs on SQLite and, through <see cref="PostgreSqlAppDbContext"/>, on PostgreSQL.
/// </summary>
public class AppDbContext : DbContext, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    /// <summary>For a provider's own context type, which has its own migrations (ADR 012).</summary>
    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<SchoolOwner> SchoolOwners => Set<SchoolOwner>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEntry> CaseEntries => Set<CaseEntry>();
    public DbSet<ActivityPlanVersion> PlanVersions => Set<ActivityPlanVersion>();
    public DbSet<PlanMeasure> PlanMeasures => Set<PlanMeasure>();
    public DbSet<CaseFlag> CaseFlags => Set<CaseFlag>();
    public DbSet<Deadline> Deadlines => Set<Deadline>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<Features.Cases.CaseNumberCounter> CaseNumberCounters => Set<Features.Cases.CaseNumberCounter>();
    public DbSet<SchoolHoliday> SchoolHolidays => Set<SchoolHoliday>();
    public DbSet<Delegation> Delegations => Set<Delegation>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Notifications.OutboxMessage> OutboxMessages => Set<Features.Notifications.OutboxMessage>();
    public DbSet<Features.Account.UserSession> UserSessions => Set<Features.Account.UserSession>();
    public DbSet<Features.Account.SignInFailureWindow> SignInFailures => Set<Features.Account.SignInFailureWindow>();
    public DbSet<Features.Cases.ConcernSubmission> ConcernSubmissions => Set<Features.Cases.ConcernSubmission>();
    /// <summary>The data-protection key ring, shared by every app instance on this database (ADR 014).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Infrastructure.JobLease> JobLeases => Set<Infrastructure.JobLease>();
    public DbSet<Features.SiFra.SiFraReceipt> SiFraReceipts => Set<Features.SiFra.SiFraReceipt>();
    public DbSet<Features.Account.ExternalLogin> ExternalLogins => Set<Features.Account.ExternalLogin>();
    public DbSet<Guardianship> Guardianships => Set<Guardianship>();
    public DbSet<Features.Pupils.PupilImportBatch> PupilImportBatches => Set<Features.Pupils.PupilImportBatch>();
    public DbSet<Domain.Necessity.NecessityRecord> NecessityRecords => Set<Domain.Necessity.NecessityRecord>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();

    /// <summary>The case with everything its rules read: entries, plans with measures, flags, deadlines.</summary>
    public IQueryable<Case> CasesWithHistory =>
        Cases.Include(c => c.Entries)
            .Include(c => c.Plans).ThenInclude(p => p.Measures)
            .Include(c => c.Flags)
            .Include(c => c.Deadlines)
            .Include(c => c.Attachments)
            .Include(c => c.Meetings)
            .AsSplitQuery();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SchoolOwner>(b =>
        {
            b.Property(o => o.Name).HasMaxLength(200).IsRequired();
            b.Ignore(o => o.DeadlinePolicy);
            b.Property(o => o.CountyGovernorName).HasMaxLength(200);
            b.Property(o => o.CountyGovernorAddress).HasMaxLength(300);
            b.Property(o => o.CountyGovernorWebsite).HasMaxLength(200);
            // Existing school owners get the shipped routine's plan deadline when the column is added.
            b.Property(o => o.PlanAdoptionSchoolDays).HasDefaultValue(10);
        });
        modelBuilder.Entity<School>(b =>
        {
            b.Property(s => s.Name).HasMaxLength(200).IsRequired();
            b.Property(s => s.Address).HasMaxLength(300);
            b.Property(s => s.PrincipalName).HasMaxLength(200);
            b.Property(s => s.Phone).HasMaxLength(30);
            b.Property(s => s.Email).HasMaxLength(200);
            b.HasOne<SchoolOwner>().WithMany().HasForeignKey(s => s.SchoolOwnerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Pupil>(b =>
        {
            b.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
            b.Property(p => p.LastName).HasMaxLength(100).IsRequired();
            b.Property(p => p.Group).HasMaxLength(20);
            b.HasOne<School>().WithMany().HasForeignKey(p => p.SchoolId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(p => new { p.SchoolId, p.LastName });
            b.Property(p => p.ExternalId).HasMaxLength(50);
            b.HasIndex(p => p.ExternalId);
            // Every pupil there before the import existed is active.
            // Sentinel true: an inactive pupil (false) is written as false, not left to the column default.
            b.Property(p => p.IsActive).HasDefaultValue(true).HasSentinel(true);
        });
        modelBuilder.Entity<UserAccount>(b =>
        {
            b.ToTable("Users");
            b.Property(u => u.UserName).HasMaxLength(100).IsRequired();
            b.HasIndex(u => u.UserName).IsUnique();
            b.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
            b.Property(u => u.Role).HasConversion<string>().HasMaxLength(30);
            b.Property(u => u.Culture).HasMaxLength(10);
            b.HasOne<SchoolOwner>().WithMany().HasForeignKey(u => u.SchoolOwnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<School>().WithMany().HasForeignKey(u => u.SchoolId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Case>(b =>
        {
            b.Property(c => c.CaseNumber).HasMaxLength(20).IsRequired();
            b.HasIndex(c => c.CaseNumber).IsUnique();
            b.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
            b.Property(c => c.CurrentPupilView).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Pupil>().WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => new { c.SchoolId, c.State });
            b.HasIndex(c => c.NextDeadlineUtc);
            // The lists' work order (ADR 024): per school and for all schools, with the newest concern first within a date.
            b.HasIndex(c => new { c.SchoolId, c.WorkRank, c.DueOrderUtc, c.CreatedAtUtc, c.Id }).IsDescending(false, false, false, true, false);
            b.HasIndex(c => new { c.WorkRank, c.DueOrderUtc, c.CreatedAtUtc, c.Id }).IsDescending(false, false, true, false);
            b.HasIndex(c => new { c.SchoolId, c.DueOrderUtc });
            b.HasIndex(c => c.DueOrderUtc);
            // A teacher's reported cases in the work order (ADR 032): their list reads its page from here and stops.
            b.HasIndex(c => new { c.ReportedByUserId, c.WorkRank, c.DueOrderUtc, c.CreatedAtUtc, c.Id }).IsDescending(false, false, false, true, false);
            b.HasMany(c => c.Entries).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Plans).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Flags).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Deadlines).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(c => c.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(c => c.Plans).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(c => c.Flags).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(c => c.Deadlines).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.OwnsOne(c => c.Departure, d =>
            {
                d.Property(x => x.NewSchool).HasMaxLength(500).IsRequired();
                d.Property(x => x.Handover).HasMaxLength(4000);
                d.Property(x => x.DecidedBy).HasMaxLength(500).IsRequired();
                d.Property(x => x.Reason).HasMaxLength(4000).IsRequired();
                d.Property(x => x.RecordedByName).HasMaxLength(200).IsRequired();
            });
            b.OwnsOne(c => c.SiFraOrigin, o =>
            {
                o.Property(x => x.Sender).HasConversion<string>().HasMaxLength(20);
                o.Property(x => x.FeelsSafe).HasConversion<string>().HasMaxLength(20);
                o.Property(x => x.SenderName).HasMaxLength(Features.SiFra.SendSiFra.MaxNameLength);
                o.Property(x => x.SenderContact).HasMaxLength(Features.SiFra.SendSiFra.MaxContactLength);
            });
        });
        modelBuilder.Entity<CaseEntry>(b =>
        {
            b.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
            b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
            b.Property(e => e.ActorRole).HasConversion<string>().HasMaxLength(30);
            b.Property(e => e.ActorName).HasMaxLength(200);
            b.Property(e => e.Text).HasMaxLength(8000).IsRequired();
            b.Property(e => e.Detail).HasMaxLength(8000);
            b.Property(e => e.PupilView).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.Location).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.MeasureStatus).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.StateBefore).HasConversion<string>().HasMaxLength(30);
            b.Property(e => e.StateAfter).HasConversion<string>().HasMaxLength(30);
            b.Property(e => e.Conclusion).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<ActivityPlanVersion>(b =>
        {
            b.ToTable("PlanVersions");
            b.HasIndex(p => new { p.CaseId, p.Version }).IsUnique();
            b.Property(p => p.Problem).HasMaxLength(8000).IsRequired();
            b.Property(p => p.AdoptedByRole).HasConversion<string>().HasMaxLength(30);
            b.HasMany(p => p.Measures).WithOne().HasForeignKey(m => m.PlanVersionId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(p => p.Measures).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<PlanMeasure>(b =>
        {
            b.ToTable("PlanMeasures");
            b.Property(m => m.Description).HasMaxLength(4000).IsRequired();
            b.Property(m => m.When).HasMaxLength(500).IsRequired();
            b.Property(m => m.ResponsibleName).HasMaxLength(200).IsRequired();
            b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            // Covering for a teacher's scope (CaseScope.CasesWithMeasuresOf): their measures' plan versions without reading each measure's row (ADR 032).
            b.HasIndex(m => new { m.ResponsibleUserId, m.PlanVersionId });
        });
        modelBuilder.Entity<CaseFlag>(b =>
        {
            b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(40);
            b.Property(f => f.SetByRole).HasConversion<string>().HasMaxLength(30);
            b.HasIndex(f => new { f.CaseId, f.Kind }).IsUnique();
            // The overview's flagged lists, newest flag first, read only as far as they show (ADR 039).
            b.HasIndex(f => new { f.Kind, f.SetAtUtc });
        });
        modelBuilder.Entity<Deadline>(b =>
        {
            b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
            b.HasIndex(d => d.DueUtc);
            // The overview's open deadlines past due, oldest first (ADR 024); with the case, so that the overdue count finds the
            // cases with more than one from the index alone (ADR 039).
            b.HasIndex(d => new { d.MetAtUtc, d.SupersededAtUtc, d.DueUtc, d.CaseId });
        });
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("AuditLog");
            b.HasKey(a => a.Sequence);
            b.Property(a => a.Sequence).ValueGeneratedNever();
            b.Property(a => a.Role).HasConversion<string>().HasMaxLength(30);
            b.Property(a => a.StateBefore).HasConversion<string>().HasMaxLength(30);
            b.Property(a => a.StateAfter).HasConversion<string>().HasMaxLength(30);
            b.Property(a => a.Action).HasMaxLength(100).IsRequired();
            b.Property(a => a.Hash).HasMaxLength(64).IsRequired();
            b.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
            b.Property(a => a.KeyId).HasMaxLength(64);
            b.HasIndex(a => a.CaseId);
        });
        modelBuilder.Entity<AuditCheckpoint>(b =>
        {
            b.Property(c => c.EntryHash).HasMaxLength(64).IsRequired();
            b.Property(c => c.KeyId).HasMaxLength(64).IsRequired();
            b.Property(c => c.Mac).HasMaxLength(64).IsRequired();
            b.HasIndex(c => c.Sequence);
        });
        modelBuilder.Entity<Features.Cases.CaseNumberCounter>(b =>
        {
            b.HasKey(c => c.Year);
            b.Property(c => c.Year).ValueGeneratedNever();
        });
        modelBuilder.Entity<Delegation>(b =>
        {
            b.Property(d => d.PrincipalName).HasMaxLength(200).IsRequired();
            b.Property(d => d.DelegateName).HasMaxLength(200).IsRequired();
            b.Property(d => d.Grade).HasMaxLength(Delegation.MaxGradeLength);
            b.Property(d => d.Reason).HasMaxLength(4000).IsRequired();
            b.Property(d => d.WithdrawnByName).HasMaxLength(200);
            b.HasOne<School>().WithMany().HasForeignKey(d => d.SchoolId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<UserAccount>().WithMany().HasForeignKey(d => d.DelegateUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(d => new { d.DelegateUserId, d.WithdrawnAtUtc });
        });
        EvidenceModel.Configure(modelBuilder);
        NotificationsModel.Configure(modelBuilder);
        SignInModel.Configure(modelBuilder);
        InstancesModel.Configure(modelBuilder);
        ExternalSignInModel.Configure(modelBuilder);
        Features.Archive.ArchiveModel.Configure(modelBuilder);
        Features.Pupils.PupilImportBatch.Configure(modelBuilder);
        Features.Necessity.NecessityModel.Configure(modelBuilder);
        modelBuilder.Entity<Features.Cases.ConcernSubmission>(b =>
        {
            b.HasKey(s => s.Key);
            b.Property(s => s.Fingerprint).HasMaxLength(64).IsRequired();
            b.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Features.SiFra.SiFraReceipt>(b =>
        {
            b.HasKey(r => r.CodeHash);
            b.Property(r => r.CodeHash).HasMaxLength(64);
            b.HasIndex(r => r.SubmissionKey).IsUnique();
            b.Property(r => r.Fingerprint).HasMaxLength(64).IsRequired();
            b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        ApplyUtcAndDateOnlyConversions(modelBuilder);
    }

    /// <summary>
    /// SQLite keeps no kind on DateTime: everything stored is UTC, so say so on the way out. On the way in a value without a
    /// kind is taken as UTC too, as SQLite always did: PostgreSQL's timestamptz accepts only UTC.
    /// </summary>
    private static void ApplyUtcAndDateOnlyConversions(ModelBuilder modelBuilder)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => AsUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v.HasValue ? AsUtc(v.Value) : v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        var date = new ValueConverter<DateOnly, string>(v => v.ToString("yyyy-MM-dd"), v => DateOnly.ParseExact(v, "yyyy-MM-dd"));
        var dateNullable = new ValueConverter<DateOnly?, string?>(v => v.HasValue ? v.Value.ToString("yyyy-MM-dd") : null, v => v == null ? null : DateOnly.ParseExact(v, "yyyy-MM-dd"));
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            // Keys are made by the domain (Guid.NewGuid). Without this, EF treats a new child found in a
            // navigation with its key already set as an existing row (Modified) instead of Added.
            foreach (var key in entity.FindPrimaryKey()!.Properties.Where(k => k.ClrType == typeof(Guid)))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
                else if (property.ClrType == typeof(DateOnly)) property.SetValueConverter(date);
                else if (property.ClrType == typeof(DateOnly?)) property.SetValueConverter(dateNullable);
            }
        }
    }

    /// <summary>Internal, not private: the compiled model (Data/CompiledModels, ADR 023) calls it from its converters.</summary>
    internal static DateTime AsUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
