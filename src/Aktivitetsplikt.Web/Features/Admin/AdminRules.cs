using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Components.Shared;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>
/// What the administration use cases share: everything is scoped to the administrator's own school
/// owner, and a refusal is a validation failure whose error code is an "Admin." text key, so the
/// form shows it next to the field it concerns (or at the top when it names no field).
/// </summary>
public static class AdminRules
{
    public const string UserNamePattern = "^[a-zA-Z0-9._@-]+$";

    public static async Task<School> OwnSchoolAsync(this AppDbContext db, ICurrentUser user, Guid schoolId, CancellationToken cancellationToken) =>
        await db.Schools.SingleOrDefaultAsync(s => s.Id == schoolId && s.SchoolOwnerId == user.SchoolOwnerId, cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The school");

    public static async Task<UserAccount> OwnUserAsync(this AppDbContext db, ICurrentUser user, Guid userId, CancellationToken cancellationToken) =>
        // A pupil's own account is no user here: it is the pupil's, linked and unlinked on the pupil's page (ADR 021).
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.SchoolOwnerId == user.SchoolOwnerId && u.Role != Role.Pupil, cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The user");

    public static async Task<SchoolOwner> OwnSchoolOwnerAsync(this AppDbContext db, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.SchoolOwners.SingleOrDefaultAsync(o => o.Id == user.SchoolOwnerId, cancellationToken)
            ?? throw new NotFoundOrNoAccessException("The school owner");

    /// <summary>A refusal the administrator can act on; <paramref name="field"/> is the command property it concerns, or "" for none.</summary>
    public static ValidationException Refusal(string field, string textKey) =>
        new([new ValidationFailure(field, textKey) { ErrorCode = textKey }]);

    public static bool NeedsSchool(Role role) => role is Role.Staff or Role.Principal;

    /// <summary>
    /// Fills a form's errors from what a request threw: "Admin." refusals by their own text, other
    /// validation failures by the shared "Validation." texts. False for an unexpected failure.
    /// </summary>
    public static bool FillFrom(this FormErrors errors, Exception exception, UiText text, Func<string, string> fieldLabel)
    {
        if (exception is NotFoundOrNoAccessException)
        {
            errors.General = text["Admin.Error.NotFound"];
            return true;
        }
        if (exception is not ValidationException validation) return errors.TryFill(exception, text, fieldLabel);

        string? general = null;
        foreach (var failure in validation.Errors)
        {
            if (failure.ErrorCode?.StartsWith("Admin.", StringComparison.Ordinal) == true)
            {
                var message = text.Format(failure.ErrorCode, string.IsNullOrEmpty(failure.PropertyName) ? "" : fieldLabel(failure.PropertyName));
                if (string.IsNullOrEmpty(failure.PropertyName)) general ??= message;
                else errors.Add(failure.PropertyName, message);
                continue;
            }
            foreach (var (field, messages) in text.FieldErrors(new ValidationException([failure]), fieldLabel))
                foreach (var message in messages) errors.Add(field, message);
        }
        errors.General = general ?? text["Error.Validation"];
        return true;
    }
}
