using FluentValidation;

namespace Aktivitetsplikt.Web.Components.Shared;

/// <summary>What went wrong with a submitted form: per-field messages and one general message.</summary>
public sealed class FormErrors
{
    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; set; }

    public bool Any => General is not null || Fields.Count > 0;

    public IReadOnlyList<string>? For(string field) => Fields.TryGetValue(field, out var list) ? list : null;

    public void Add(string field, string message)
    {
        if (!Fields.TryGetValue(field, out var list)) Fields[field] = list = [];
        list.Add(message);
    }

    /// <summary>Fills from an exception the pipeline threw; false when it is not one the user can act on.</summary>
    public bool TryFill(Exception exception, Infrastructure.UiText text, Func<string, string> fieldLabel)
    {
        if (exception is ValidationException validation)
        {
            foreach (var (field, messages) in text.FieldErrors(validation, fieldLabel))
                foreach (var message in messages) Add(field, message);
            General = text["Error.Validation"];
            return true;
        }
        General = text.Error(exception);
        return General is not null;
    }
}
