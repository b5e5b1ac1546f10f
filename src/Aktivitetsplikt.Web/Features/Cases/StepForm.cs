using System.Globalization;
using System.Reflection;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Components.Shared;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Components;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A step's form model: what the user typed, kept as typed so nothing is lost on a refusal, and how it
/// becomes the step's command. Field names match the command's properties, so a validation message
/// lands by the field it concerns.
/// </summary>
public interface IStepForm
{
    /// <summary>The command, or null with <paramref name="invalid"/> naming each field that stops it (field → UI text key).</summary>
    ICaseCommand? ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid);
}

/// <summary>Where a step sits on the case page when it is not the legally required next step.</summary>
public enum StepGroup { Progress, Record, FlagAndNotify, CommentAndCorrect }

/// <summary>
/// Registers a component as the form (or link) for a workflow step, so the case page offers it when the
/// workflow permits the step. <see cref="Link"/>: the step is done on a page of its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class StepAttribute(CaseTrigger trigger, StepGroup group) : Attribute
{
    public CaseTrigger Trigger { get; } = trigger;
    public StepGroup Group { get; } = group;
    public bool Link { get; init; }
}

/// <summary>Every step's component, found from the <see cref="StepAttribute"/> on the slices' own components.</summary>
public static class StepForms
{
    public sealed record Registration(CaseTrigger Trigger, Type Component, StepGroup Group, bool Link);

    public static IReadOnlyDictionary<CaseTrigger, Registration> All { get; } = typeof(StepForms).Assembly.GetTypes()
        .SelectMany(type => type.GetCustomAttributes<StepAttribute>().Select(a => new Registration(a.Trigger, type, a.Group, a.Link)))
        .ToDictionary(r => r.Trigger);
}

/// <summary>Who is looking at the case page, and their date in Oslo.</summary>
public sealed record StepViewer(Guid UserId, Role Role, DateOnly Today);

/// <summary>What became of a submitted step: done, or refused (a conflict means the case changed meanwhile).</summary>
public sealed record StepOutcome(CaseTrigger Trigger, bool Done, bool Conflict = false);

/// <summary>
/// A step's unsaved input and its errors. The page holds it, not the form component, so that what was typed
/// survives the page reloading the case (after a conflict the step may move, or no longer be offered).
/// </summary>
public sealed class StepDraft
{
    public object? Model { get; set; }
    public FormErrors Errors { get; set; } = new();
}

/// <summary>The parameters every step component gets from the case page.</summary>
public abstract class StepComponent : ComponentBase
{
    [Parameter, EditorRequired] public CaseTrigger Trigger { get; set; }
    [Parameter, EditorRequired] public GetCaseDetail.Result Case { get; set; } = default!;
    [Parameter, EditorRequired] public StepViewer Viewer { get; set; } = default!;
    [Parameter] public StepDraft Draft { get; set; } = new();
    /// <summary>The legally required next step: shown as the page's one primary action.</summary>
    [Parameter] public bool Primary { get; set; }
    [Parameter] public EventCallback<StepOutcome> OnOutcome { get; set; }
}

/// <summary>What <see cref="StepFormFrame"/> needs of the form it frames.</summary>
public interface IStepFormView
{
    CaseTrigger Trigger { get; }
    bool Primary { get; }
    FormErrors Errors { get; }
    bool Ready { get; }
    bool Busy { get; }
    string Fid(string field);
    Task SubmitAsync();
}

/// <summary>
/// A step's form component: binds its model, sends its command through the circuit's <see cref="ScopedSender"/>
/// and shows the domain's reason when the step is refused, keeping what was typed.
/// </summary>
public abstract class StepForm<TForm> : StepComponent, IStepFormView where TForm : class, IStepForm, new()
{
    [Inject] private ScopedSender Sender { get; set; } = default!;
    [Inject] private UiText Words { get; set; } = default!;
    [Inject] private ILogger<StepForm<TForm>> Log { get; set; } = default!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    protected TForm Model => (TForm)(Draft.Model is TForm model ? model : Draft.Model = new TForm());
    public FormErrors Errors => Draft.Errors;
    /// <summary>True once the circuit runs the form: before that a click would do nothing, so the button waits.</summary>
    public bool Ready { get; private set; }
    public bool Busy { get; private set; }

    public string Fid(string field) => $"a-{Trigger}-{field}";

    protected IReadOnlyList<string>? Err(string field) => Errors.For(field);

    /// <summary>A field's label: "Action.{Trigger}.{Field}", or the shared "Action.{Field}" for the time fields.</summary>
    protected string Label(string field) =>
        field is "OccurredAt" or "DecidedAt" ? Words[$"Action.{field}"] : Words[$"Action.{Trigger}.{field}"];

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        Ready = true;
        StateHasChanged();
    }

    public async Task SubmitAsync()
    {
        if (Busy) return;
        Draft.Errors = new FormErrors();
        var invalid = new Dictionary<string, string>();
        var command = Model.ToCommand(Case.Id, Case.Revision, invalid);
        if (command is null || invalid.Count > 0)
        {
            foreach (var (field, key) in invalid) Errors.Add(field, Words[key]);
            // Every missing field at once: the command's own rules too, for the fields that could be read.
            if (command is not null) await AddValidationErrorsAsync(command, invalid.Keys);
            Errors.General = Words["Error.Validation"];
            return;
        }
        Busy = true;
        try
        {
            await Sender.Send(command);
            Draft.Model = null;
            Busy = false;
            await OnOutcome.InvokeAsync(new StepOutcome(Trigger, Done: true));
        }
        catch (Exception ex)
        {
            Busy = false;
            if (Errors.TryFill(ex, Words, property => Label(FieldOf(property))))
            {
                var byProperty = Errors.Fields.ToList();
                Errors.Fields.Clear();
                foreach (var (property, messages) in byProperty)
                    foreach (var message in messages) Errors.Add(FieldOf(property), message);
            }
            else
            {
                Log.LogError(ex, "Step {Trigger} on case {CaseId} failed", Trigger, Case.Id);
                Errors.General = Words["Error.Unexpected"];
            }
            await OnOutcome.InvokeAsync(new StepOutcome(Trigger, Done: false, Conflict: ex is ConcurrencyConflictException));
        }
    }

    private async Task AddValidationErrorsAsync(ICaseCommand command, ICollection<string> alreadyInvalid)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var validators = scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(command.GetType())).OfType<IValidator>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(command));
            if (result.IsValid) continue;
            foreach (var (property, messages) in Words.FieldErrors(new ValidationException(result.Errors), p => Label(FieldOf(p))))
                if (!alreadyInvalid.Contains(FieldOf(property)))
                    foreach (var message in messages) Errors.Add(FieldOf(property), message);
        }
    }

    /// <summary>The form field a command property's error belongs to: the names match, times drop their "Utc".</summary>
    private static string FieldOf(string property) => property.EndsWith("Utc", StringComparison.Ordinal) ? property[..^3] : property;
}

/// <summary>Turning what was typed into a command's values.</summary>
public static class FormValues
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>A datetime-local value in Oslo time as UTC; empty is "now" (null).</summary>
    public static DateTime? OsloTime(string? value, string field, IDictionary<string, string> invalid)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return UiText.FromOslo(local);
        invalid[field] = "Action.InvalidDateTime";
        return null;
    }

    /// <summary>A date input's value (yyyy-MM-dd); empty is null.</summary>
    public static DateOnly? Date(string? value, string field, IDictionary<string, string> invalid)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        invalid[field] = "Action.InvalidDate";
        return null;
    }

    /// <summary>"Safe" or "NotSafe"; anything else asks the user to choose.</summary>
    public static PupilView View(string? value, string field, IDictionary<string, string> invalid)
    {
        if (Enum.TryParse<PupilView>(value, out var view) && view is PupilView.Safe or PupilView.NotSafe) return view;
        invalid[field] = "Action.ChooseView";
        return PupilView.Unknown;
    }
}
