using System.Globalization;
using System.Reflection;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Admin;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// The one password policy, wherever a password is set (a new user, a reset): at least 12 characters, not one of
/// the passwords guessed first (the shipped list <c>common-passwords.txt</c>, also with digits and signs around a
/// listed word, as in "Sommer2026!!"), not a handful of characters repeated, and not built on what an attacker
/// knows about the user: the user name, their name, the school's and school owner's names, the product's name.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;
    private const int MinimumDistinctCharacters = 5;
    /// <summary>What is left of a password once the context words are taken out must have at least this many letters.</summary>
    private const int MinimumOwnLetters = 4;
    private static readonly string[] ProductNames = ["aktivitetsplikt", "aktivitetsplikta", "aktivitetsplan"];

    private readonly HashSet<string> _common;

    public PasswordPolicy()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Aktivitetsplikt.Web.Infrastructure.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        _common = reader.ReadToEnd().Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Fold)
            .ToHashSet(StringComparer.Ordinal);
    }

    public int CommonPasswordCount => _common.Count;

    /// <summary>On the list as it is, or its letters alone are a listed word; or too few different characters.</summary>
    public bool IsCommon(string password)
    {
        var folded = Fold(password);
        return _common.Contains(folded) || _common.Contains(LettersOf(folded)) || folded.Distinct().Count() < MinimumDistinctCharacters;
    }

    /// <summary>Built on the given words: with each of them (and the product's name) taken out, fewer than four letters remain.</summary>
    public static bool BuildsOn(string password, IEnumerable<string?> context)
    {
        var rest = Fold(password);
        var words = context.Where(w => !string.IsNullOrWhiteSpace(w))
            .SelectMany(w => new[] { Fold(w!), LettersOf(Fold(w!)) }.Concat(Fold(w!).Split([' ', '.', '-', '_', '@'], StringSplitOptions.RemoveEmptyEntries)))
            .Concat(ProductNames)
            .Where(w => w.Length >= 3)
            .Distinct()
            .OrderByDescending(w => w.Length);
        foreach (var word in words) rest = rest.Replace(word, "", StringComparison.Ordinal);
        return LettersOf(rest).Length < MinimumOwnLetters;
    }

    /// <summary>
    /// Refuses (as a validation failure on <paramref name="field"/>) a password built on the user's names, their
    /// school's, their school owner's or the product's. Run by the handlers, which know the school.
    /// </summary>
    public static async Task RefuseContextPasswordAsync(AppDbContext db, string password, string field, string userName, string displayName,
        Guid schoolOwnerId, Guid? schoolId, CancellationToken cancellationToken)
    {
        var schoolName = schoolId is { } id
            ? await db.Schools.Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var ownerName = await db.SchoolOwners.Where(o => o.Id == schoolOwnerId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (BuildsOn(password, [userName, displayName, schoolName, ownerName]))
            throw AdminRules.Refusal(field, "Admin.Validation.PasswordFromContext");
    }

    private static string Fold(string text) => text.Trim().ToLower(CultureInfo.GetCultureInfo("nb-NO")).Normalize();

    private static string LettersOf(string text) => new(text.Where(char.IsLetter).ToArray());
}

public static class PasswordPolicyRules
{
    /// <summary>Length and the common-password list, for every command that sets a password.</summary>
    public static IRuleBuilderOptions<T, string> PasswordPolicy<T>(this IRuleBuilderInitial<T, string> rule, PasswordPolicy policy) =>
        rule.Cascade(CascadeMode.Stop).MinimumLength(Infrastructure.PasswordPolicy.MinimumLength).WithErrorCode("Admin.Validation.PasswordTooShort")
            .MaximumLength(Infrastructure.PasswordPolicy.MaximumLength)
            .Must(password => !policy.IsCommon(password)).WithErrorCode("Admin.Validation.PasswordTooCommon");
}
