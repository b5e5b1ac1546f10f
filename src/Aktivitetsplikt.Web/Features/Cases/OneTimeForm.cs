using FluentValidation;
using FluentValidation.Results;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A form sent with a one-time key (the concern form, si fra): a retry of the same form gives back what the first send
/// made; the same key with other text is refused, so nothing typed is lost.
/// </summary>
public static class OneTimeForm
{
    /// <summary>What makes a send "the same form": where it goes and its text, as SHA-256, so the table holds no text.</summary>
    public static string Fingerprint(Guid target, string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{target:N}\n{text}")));

    /// <summary>The refusal of a key already used for another form (Validation.SubmissionKeyReused, by the key's field).</summary>
    public static ValidationException KeyReused(string keyField) =>
        new([new ValidationFailure(keyField, "The form was already sent.") { ErrorCode = "SubmissionKeyReused" }]);
}
