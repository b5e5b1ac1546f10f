using Aktivitetsplikt.Domain.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher, without the rest of Identity.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    public string Hash(UserAccount user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(UserAccount user, string password) =>
        !string.IsNullOrEmpty(user.PasswordHash) &&
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
