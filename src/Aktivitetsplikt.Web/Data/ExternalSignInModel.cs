using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>The tables of signing in with Feide and ID-porten: linked identifiers, the guardians a school registered, and pupils' own accounts.</summary>
internal static class ExternalSignInModel
{
    public const int MaxRelationLength = 50;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ExternalLogin>(b =>
        {
            b.Property(l => l.Provider).HasConversion<string>().HasMaxLength(20);
            b.Property(l => l.Key).HasMaxLength(ExternalLogin.MaxKeyLength).IsRequired();
            b.HasOne<UserAccount>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
            // One open link per identifier; unlinked rows stay as history.
            b.HasIndex(l => new { l.Provider, l.Key }).IsUnique().HasFilter("\"UnlinkedUtc\" IS NULL");
            b.HasIndex(l => l.UserId);
        });
        // A pupil's own account (role Pupil) belongs to one pupil, and a pupil has at most one (ADR 021). School's
        // PupilSignInFromGrade is a plain nullable column (null: pupils do not sign in).
        modelBuilder.Entity<UserAccount>(b =>
        {
            b.HasOne<Pupil>().WithMany().HasForeignKey(u => u.PupilId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(u => u.PupilId).IsUnique().HasFilter("\"PupilId\" IS NOT NULL");
        });
        modelBuilder.Entity<Guardianship>(b =>
        {
            b.Ignore(g => g.IsActive);
            b.Property(g => g.Relation).HasMaxLength(MaxRelationLength).IsRequired();
            b.HasOne<Pupil>().WithMany().HasForeignKey(g => g.PupilId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<UserAccount>().WithMany().HasForeignKey(g => g.GuardianUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(g => new { g.GuardianUserId, g.EndedUtc });
            b.HasIndex(g => g.PupilId);
        });
    }
}
