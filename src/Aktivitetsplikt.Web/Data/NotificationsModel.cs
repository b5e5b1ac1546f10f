using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>The tables of deadlines and notifications: holidays, notifications, the e-mail outbox, users' e-mail addresses.</summary>
internal static class NotificationsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserAccount>().Property(u => u.Email).HasMaxLength(254);
        modelBuilder.Entity<SchoolHoliday>(b =>
        {
            b.Property(h => h.Name).HasMaxLength(SchoolHoliday.MaxNameLength).IsRequired();
            b.HasOne<SchoolOwner>().WithMany().HasForeignKey(h => h.SchoolOwnerId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(h => new { h.SchoolOwnerId, h.Date }).IsUnique();
        });
        modelBuilder.Entity<Notification>(b =>
        {
            b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
            b.Property(n => n.DeadlineKind).HasConversion<string>().HasMaxLength(30);
            b.HasOne<UserAccount>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
            // The inbox: my unread newest first, then my read newest first (ADR 024).
            b.HasIndex(n => new { n.RecipientUserId, n.ReadAtUtc, n.CreatedAtUtc });
            b.HasIndex(n => new { n.RecipientUserId, n.CreatedAtUtc });
            // The inbox's necessity records: my notifications about a record are a range, not a read of every notification I have.
            b.HasIndex(n => new { n.RecipientUserId, n.NecessityRecordId });
            // A reminder is written once: NULLs are distinct, so notifications that are not reminders are not constrained.
            b.HasIndex(n => new { n.SourceId, n.Kind, n.RecipientUserId }).IsUnique();
        });
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.Property(m => m.ToAddress).HasMaxLength(254).IsRequired();
            b.Property(m => m.Subject).HasMaxLength(200).IsRequired();
            b.Property(m => m.Body).HasMaxLength(4000).IsRequired();
            b.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
            b.HasOne<Notification>().WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(m => m.NotificationId).IsUnique();
            b.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
        });
    }
}
