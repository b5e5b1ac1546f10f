using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>What several app instances share through the database: job leases and the outbox messages' leases (ADR 014).</summary>
internal static class InstancesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<JobLease>(b =>
        {
            b.HasKey(l => l.Name);
            b.Property(l => l.Name).HasMaxLength(JobLease.MaxNameLength);
            b.Property(l => l.Owner).HasMaxLength(Leases.MaxOwnerLength);
        });
        modelBuilder.Entity<OutboxMessage>(b => b.Property(m => m.LeaseOwner).HasMaxLength(Leases.MaxOwnerLength));
    }
}
