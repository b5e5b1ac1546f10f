using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>The UI's words: resource lookups, enum names, refusal reasons and Norwegian dates in Oslo time.</summary>
public sealed class UiText(IStringLocalizerFactory factory)
{
    private readonly IStringLocalizer _text = factory.Create(typeof(UiText));

    public string this[string key] => _text[key];

    public string Format(string key, params object[] arguments) => _text[key, arguments];

    public string Enum<TEnum>(TEnum value) where TEnum : struct, System.Enum => _text[$"{typeof(TEnum).Name}.{value}"];

    public string State(CaseState state) => Enum(state);
    public string Trigger(CaseTrigger trigger) => Enum(trigger);
    public string Role(Role role) => Enum(role);

    /// <summary>The sentence a principal reads when a step is refused.</summary>
    public string Refusal(CaseRuleViolation violation)
    {
        var message = _text[$"RefusalCode.{violation.Code}"].Value;
        // A step the state does not take may have its own sentence: why it is not possible now, and what to do instead.
        if (violation.Code == RefusalCode.NotAllowedInState && violation.Details.Count > 0
            && _text[$"RefusalCode.NotAllowedInState.{violation.Details[0]}"] is { ResourceNotFound: false } specific)
            message = specific.Value;
        if (violation.Code == RefusalCode.PlanIncomplete && violation.Details.Count > 0)
            message += " " + string.Join(", ", violation.Details.Select(d => _text[$"PlanPart.{d}"].Value)) + ".";
        return message;
    }

    /// <summary>Any error a request can end in, as one Norwegian sentence; null for an unexpected failure.</summary>
    public string? Error(Exception exception) => exception switch
    {
        CaseRuleViolation violation => Refusal(violation),
        ConcurrencyConflictException => _text["Error.Concurrency"],
        NotFoundOrNoAccessException => _text["Error.NotFound"],
        ForbiddenException => _text["Error.Forbidden"],
        NotSignedInException => _text["Error.NotSignedIn"],
        ValidationException => _text["Error.Validation"],
        _ => null,
    };

    /// <summary>
    /// Validation failures by form field, each a sentence: a required field's own sentence ("Skriv hva du så eller
    /// hørte.") where the texts have one (Validation.Required.{Property}), otherwise a sentence naming the field.
    /// </summary>
    public Dictionary<string, List<string>> FieldErrors(ValidationException exception, Func<string, string> fieldLabel)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var failure in exception.Errors)
        {
            var field = failure.PropertyName;
            var key = $"Validation.{failure.ErrorCode}";
            var template = _text[key];
            var required = failure.ErrorCode is "NotEmptyValidator" or "NotNullValidator" ? _text[$"Validation.Required.{LastSegment(field)}"] : null;
            var message = required is { ResourceNotFound: false }
                ? required.Value
                : template.ResourceNotFound
                ? _text["Validation.Invalid", fieldLabel(field)].Value
                : string.Format(CultureInfo.CurrentCulture, template.Value, fieldLabel(field),
                    failure.FormattedMessagePlaceholderValues?.GetValueOrDefault("MaxLength") ?? "",
                    failure.FormattedMessagePlaceholderValues?.GetValueOrDefault(Features.Cases.ValidationRules.Detail1) ?? "",
                    failure.FormattedMessagePlaceholderValues?.GetValueOrDefault(Features.Cases.ValidationRules.Detail2) ?? "");
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }
        return errors;
    }

    /// <summary>"Measures[2].Description" → "Description": a required field's own sentence is keyed by the property's name.</summary>
    private static string LastSegment(string propertyName) => propertyName[(propertyName.LastIndexOf('.') + 1)..];

    public static DateTime ToOslo(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), SchoolCalendar.Oslo);

    public static DateTime FromOslo(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), SchoolCalendar.Oslo);

    public string Time(DateTime utc) => ToOslo(utc).ToString("dd.MM.yyyy 'kl.' HH:mm", CultureInfo.CurrentCulture);
    public string Time(DateTime? utc) => utc is { } value ? Time(value) : "";
    public string Date(DateTime utc) => ToOslo(utc).ToString("dd.MM.yyyy", CultureInfo.CurrentCulture);
    public string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.CurrentCulture);
    public string Date(DateOnly? date) => date is { } value ? Date(value) : "";

    /// <summary>For datetime-local inputs: Oslo local time.</summary>
    public static string InputValue(DateTime utc) => ToOslo(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
