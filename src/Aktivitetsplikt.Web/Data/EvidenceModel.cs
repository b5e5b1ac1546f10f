using Aktivitetsplikt.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>A case's attachments and meeting records (issue 14): rows of their own, owned by the case, never deleted.</summary>
internal static class EvidenceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(b =>
        {
            b.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(c => c.Meetings).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
            b.Navigation(c => c.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
            b.Navigation(c => c.Meetings).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<CaseEntry>(b =>
        {
            b.HasIndex(e => e.AttachmentId);
            b.HasIndex(e => e.MeetingId);
        });
        modelBuilder.Entity<CaseAttachment>(b =>
        {
            b.ToTable("CaseAttachments");
            b.Property(a => a.FileName).HasMaxLength(Features.Evidence.AttachmentFiles.MaxFileNameLength).IsRequired();
            b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
            b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
            b.Property(a => a.AddedByName).HasMaxLength(200).IsRequired();
            b.Property(a => a.AddedByRole).HasConversion<string>().HasMaxLength(30);
            b.Property(a => a.WithdrawnByName).HasMaxLength(200);
            b.Property(a => a.WithdrawalReason).HasMaxLength(4000);
            b.Ignore(a => a.IsWithdrawn);
            b.Ignore(a => a.IsImage);
            b.HasIndex(a => new { a.CaseId, a.AddedAtUtc });
        });
        modelBuilder.Entity<MeetingRecord>(b =>
        {
            b.ToTable("Meetings");
            b.Property(m => m.Participants).HasConversion<int>();
            b.Property(m => m.ParticipantNames).HasMaxLength(1000);
            b.Property(m => m.WhatWasSaid).HasMaxLength(8000).IsRequired();
            b.Property(m => m.AgreedPointsText).HasMaxLength(8000).IsRequired();
            b.Property(m => m.RecordedByName).HasMaxLength(200).IsRequired();
            b.Property(m => m.RecordedByRole).HasConversion<string>().HasMaxLength(30);
            b.Ignore(m => m.AgreedPoints);
            b.HasIndex(m => new { m.CaseId, m.HeldAtUtc });
        });
    }
}
