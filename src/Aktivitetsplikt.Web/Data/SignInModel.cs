using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Data;

/// <summary>The tables of signing in: open sessions, and failed attempts counted per user name, address and window.</summary>
internal static class SignInModel
{
    public const int MaxAddressLength = 45;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserSession>(b =>
        {
            b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
            b.HasOne<UserAccount>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(s => new { s.UserId, s.EndedUtc });
        });
        modelBuilder.Entity<SignInFailureWindow>(b =>
        {
            b.Property(w => w.UserName).HasMaxLength(SignInLimits.MaxUserNameLength).IsRequired();
            b.Property(w => w.Address).HasMaxLength(MaxAddressLength).IsRequired();
            b.HasIndex(w => new { w.UserName, w.Address, w.WindowStartUtc }).IsUnique();
        });
    }
}
