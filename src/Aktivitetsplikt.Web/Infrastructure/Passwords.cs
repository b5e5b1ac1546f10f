using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Organisation;
using Microsoft.AspNetCore.Identity;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher, without the rest of Identity.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly UserAccount _nobody = new("-", "-", Domain.Cases.Role.Administrator, Guid.Empty, null);
    private readonly string _dummyHash;

    public Passwords() => _dummyHash = _hasher.HashPassword(_nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public string Hash(UserAccount user, string password) => _hasher.HashPassword(user, password);

    /// <summary>True when the password is the user's. A user without a hash costs as much as one with (the dummy hash), and fails.</summary>
    public bool Verify(UserAccount user, string password)
    {
        if (string.IsNullOrEmpty(user.PasswordHash))
        {
            VerifyNobody(password);
            return false;
        }
        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// Checks the password against a hash nobody has: the same PBKDF2 work as for a real user, so a failed sign-in
    /// with an unknown user name takes as long as one with a real name and a wrong password. Always false.
    /// </summary>
    public bool VerifyNobody(string password)
    {
        _hasher.VerifyHashedPassword(_nobody, _dummyHash, password);
        return false;
    }
}
