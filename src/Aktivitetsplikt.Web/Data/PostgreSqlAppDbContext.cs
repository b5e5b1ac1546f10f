using Aktivitetsplikt.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aktivitetsplikt.Web.Data;

/// <summary>
/// The same store on PostgreSQL. Its own type only so that EF Core keeps its own migrations (Data/PostgreSqlMigrations) beside
/// SQLite's (Data/Migrations): a migration belongs to one context type (ADR 012). Handlers keep asking for <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// SQLite compares and sorts text byte by byte (BINARY) and its lower() folds only ASCII; the "C" collation does exactly the
    /// same on PostgreSQL, whatever locale the database was created with. So a name search, a uniqueness check and the order of
    /// a list are the same on both providers (<see cref="Features.Cases.SearchTerms"/> matches Norwegian letters on both).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // An audit entry's hash covers its time to the tick (100 ns); timestamptz keeps microseconds. The ticks themselves are
        // stored, so an entry reads back exactly as it was hashed (and one copied from SQLite still verifies).
        modelBuilder.Entity<AuditEntry>().Property(a => a.AtUtc)
            .HasConversion(new ValueConverter<DateTime, long>(v => v.Ticks, v => new DateTime(v, DateTimeKind.Utc)));
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            if ((property.GetValueConverter()?.ProviderClrType ?? property.ClrType) == typeof(string)) property.SetCollation("C");
        }
    }
}
