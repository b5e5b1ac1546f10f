using System.Globalization;
using System.Linq.Expressions;
using Aktivitetsplikt.Domain.Organisation;
using Microsoft.EntityFrameworkCore.Query;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A search term in the spellings a name search must match. SQLite's lower() folds only ASCII, so
/// "øyvind" would never find "Øyvind"; matching the title-cased and upper-cased spellings too finds
/// Norwegian names however they are typed, without provider-specific SQL.
/// </summary>
public sealed record SearchTerms(string AsTyped, string Lower, string Title, string Upper)
{
    public static SearchTerms For(string text)
    {
        // No stored name holds a NUL (the input rules refuse control characters), and PostgreSQL refuses one in a parameter:
        // as U+FFFD it finds nothing on either provider.
        var typed = text.Replace('\0', '\uFFFD').Trim();
        var lower = typed.ToLower(CultureInfo.InvariantCulture);
        return new SearchTerms(typed, lower, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower), typed.ToUpper(CultureInfo.InvariantCulture));
    }

    /// <summary>The pupil's full name holds the term, however it is cased: the one name match every pupil search uses.</summary>
    public Expression<Func<Pupil, bool>> PupilName() =>
        p => (p.FirstName + " " + p.LastName).ToLower().Contains(Lower)
            || (p.FirstName + " " + p.LastName).Contains(Title)
            || (p.FirstName + " " + p.LastName).Contains(Upper);

    /// <summary>The name holds the term, or the term is the pupil's class ("7b" finds class 7B).</summary>
    public Expression<Func<Pupil, bool>> PupilNameOrGroup() => Or(PupilName(), p => p.Group.ToLower() == Lower || p.Group == Upper);

    /// <summary>The name holds the term, or the term is the pupil's identifier in the school's system, as typed.</summary>
    public Expression<Func<Pupil, bool>> PupilNameOrExternalId() => Or(PupilName(), p => p.ExternalId == AsTyped);

    private static Expression<Func<Pupil, bool>> Or(Expression<Func<Pupil, bool>> first, Expression<Func<Pupil, bool>> second)
    {
        var pupil = first.Parameters[0];
        var secondBody = ReplacingExpressionVisitor.Replace(second.Parameters[0], pupil, second.Body);
        return Expression.Lambda<Func<Pupil, bool>>(Expression.OrElse(first.Body, secondBody), pupil);
    }
}
