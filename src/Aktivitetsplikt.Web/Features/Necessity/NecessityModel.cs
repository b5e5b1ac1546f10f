using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Necessity;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Necessity;

/// <summary>The necessity records' table.</summary>
internal static class NecessityModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<NecessityRecord>(b =>
    {
        b.Property(r => r.Place).HasMaxLength(ValidationRules.ShortText).IsRequired();
        b.Property(r => r.IntervenedBy).HasMaxLength(ValidationRules.ShortText).IsRequired();
        b.Property(r => r.WhatHappenedBefore).HasMaxLength(ValidationRules.LongText).IsRequired();
        b.Property(r => r.WhatWasDone).HasMaxLength(ValidationRules.LongText).IsRequired();
        b.Property(r => r.Injuries).HasMaxLength(ValidationRules.LongText).IsRequired();
        b.Property(r => r.ParentsInformedBy).HasMaxLength(ValidationRules.ShortText);
        b.Property(r => r.PupilAccount).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.PupilAccountText).HasMaxLength(ValidationRules.LongText);
        b.Property(r => r.PupilAccountHow).HasMaxLength(ValidationRules.LongText).IsRequired();
        b.Property(r => r.FollowUp).HasMaxLength(ValidationRules.LongText).IsRequired();
        b.Property(r => r.RecordedByName).HasMaxLength(200).IsRequired();
        b.Property(r => r.RecordedByRole).HasConversion<string>().HasMaxLength(30);
        b.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pupil>().WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        // Linked once: two links committing at the same moment (PostgreSQL does not serialise writers) cannot both pass the
        // "not yet linked" check; the later save changes no row and is a conflict (UnitOfWorkBehavior), not a second link.
        b.Property(r => r.CaseId).IsConcurrencyToken();
        b.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.SchoolId, r.OccurredAtUtc });
        b.HasIndex(r => r.PupilId);
    });
}

/// <summary>
/// Who sees a necessity record, as for cases (<see cref="Pipeline.CaseScope"/>): staff the records they wrote, a principal
/// their school's, the § 9A team every school of their school owner; the administrator and guardians none.
/// </summary>
public static class NecessityScope
{
    public static IQueryable<NecessityRecord> VisibleTo(this IQueryable<NecessityRecord> records, AppDbContext db, ICurrentUser user)
    {
        if (!user.IsAuthenticated) return records.Where(_ => false);
        var me = user.UserId;
        switch (user.Role)
        {
            case Role.Staff:
                return records.Where(r => r.RecordedByUserId == me);
            case Role.Principal:
                var school = user.SchoolId;
                return records.Where(r => r.SchoolId == school);
            case Role.SchoolOwnerTeam:
                var owner = user.SchoolOwnerId;
                var schools = db.Schools.Where(s => s.SchoolOwnerId == owner).Select(s => s.Id);
                return records.Where(r => schools.Contains(r.SchoolId));
            default:
                return records.Where(_ => false);
        }
    }
}
