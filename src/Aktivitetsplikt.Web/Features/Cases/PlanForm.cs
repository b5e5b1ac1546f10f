using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Pipeline;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// The plan as the editor holds it while the principal writes: measure rows as a list that grows and
/// shrinks, the responsible person a choice among the school's staff or <see cref="External"/> with a
/// typed name. Whether the five legal parts are there is asked of the domain (<see cref="PlanDraft.MissingParts"/>),
/// both for the live checklist and for pointing a refusal at the row that is wrong.
/// </summary>
public sealed class PlanForm
{
    /// <summary>The responsible-person choice for someone who is not a user here (PPT, the school nurse …).</summary>
    public const string External = "external";

    public string Problem { get; set; } = "";
    public List<MeasureRow> Measures { get; set; } = [new()];
    /// <summary>One of <see cref="PlanEvaluationDates.SuggestedDays"/>, or null for <see cref="EvaluationDate"/>.</summary>
    public int? EvaluationIn { get; set; } = 14;
    public DateOnly? EvaluationDate { get; set; }
    public string PupilView { get; set; } = "";
    public string PupilHeardHow { get; set; } = "";
    public string ParentsView { get; set; } = "";
    public string ParentsInformedHow { get; set; } = "";
    public string ChangeSummary { get; set; } = "";

    public sealed class MeasureRow
    {
        /// <summary>Keeps the row's inputs with the row on screen while rows are added and removed; never stored.</summary>
        public Guid RowId { get; } = Guid.NewGuid();
        /// <summary>Set for a measure carried over from the current plan, so its status follows it into the new version.</summary>
        public Guid? MeasureKey { get; set; }
        public string Description { get; set; } = "";
        public string When { get; set; } = "";
        /// <summary>A staff member's user id, <see cref="External"/>, or empty while not chosen.</summary>
        public string Responsible { get; set; } = "";
        public string ExternalName { get; set; } = "";
        public DateOnly? EvaluateOn { get; set; }

        public bool IsExternal => Responsible == External;

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(When) && Responsible.Length == 0
            && string.IsNullOrWhiteSpace(ExternalName) && EvaluateOn is null;

        public Guid? ResponsibleUserId(IReadOnlyList<ListResponsibleCandidates.Item> candidates) =>
            !IsExternal && Guid.TryParse(Responsible, out var id) && candidates.Any(c => c.UserId == id) ? id : null;

        public string ResponsibleName(IReadOnlyList<ListResponsibleCandidates.Item> candidates) =>
            IsExternal ? ExternalName.Trim() : candidates.FirstOrDefault(c => c.UserId == ResponsibleUserId(candidates))?.Name ?? "";
    }

    /// <summary>
    /// A new version starts from the current plan: its text, and the measures still open with their keys.
    /// A responsible person who is no longer among the school's staff is kept as a typed name.
    /// </summary>
    public static PlanForm RevisionOf(PlanView plan, IReadOnlyList<ListResponsibleCandidates.Item> candidates)
    {
        var open = plan.Measures.Where(m => m.Status is MeasureStatus.Planned or MeasureStatus.UnderWay).Select(m =>
        {
            var staff = m.ResponsibleUserId is { } id && candidates.Any(c => c.UserId == id);
            return new MeasureRow
            {
                MeasureKey = m.MeasureKey,
                Description = m.Description,
                When = m.When,
                Responsible = staff ? m.ResponsibleUserId!.Value.ToString() : External,
                ExternalName = staff ? "" : m.ResponsibleName,
                EvaluateOn = m.EvaluateOn,
            };
        }).ToList();
        return new PlanForm
        {
            Problem = plan.Problem,
            Measures = open.Count > 0 ? open : [new()],
            PupilView = plan.PupilView ?? "",
            PupilHeardHow = plan.PupilHeardHow ?? "",
            ParentsView = plan.ParentsView ?? "",
            ParentsInformedHow = plan.ParentsInformedHow ?? "",
        };
    }

    /// <summary>
    /// A meeting's agreed points as new measure rows (only the description; when, who and evaluation are for the principal
    /// to fill in). A point already among the rows is not added twice; the untouched blank row gives way.
    /// </summary>
    public void AddAgreedPoints(IEnumerable<string> points)
    {
        var added = new List<MeasureRow>();
        foreach (var point in points.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (Measures.Concat(added).Any(m => string.Equals(m.Description.Trim(), point, StringComparison.CurrentCultureIgnoreCase))) continue;
            added.Add(new MeasureRow { Description = point });
        }
        if (added.Count == 0) return;
        Measures.RemoveAll(m => m.IsBlank);
        Measures.AddRange(added);
    }

    public DateOnly? EvaluationDateFor(DateOnly today) =>
        EvaluationIn is { } days && PlanEvaluationDates.SuggestedDays.Contains(days) ? PlanEvaluationDates.Suggested(today, days) : EvaluationDate;

    /// <summary>The rows that are sent: an untouched row is left out, as the principal would expect.</summary>
    public IReadOnlyList<MeasureRow> FilledRows => Measures.Where(m => !m.IsBlank).ToList();

    public PlanInput ToInput(IReadOnlyList<ListResponsibleCandidates.Item> candidates, DateOnly today) => new(
        Problem,
        FilledRows.Select(m => new MeasureInput(m.Description, m.When, m.ResponsibleName(candidates), m.ResponsibleUserId(candidates), m.EvaluateOn, m.MeasureKey)).ToList(),
        EvaluationDateFor(today), Blank(PupilView), Blank(PupilHeardHow), Blank(ParentsView), Blank(ParentsInformedHow));

    public PlanDraft ToDraft(IReadOnlyList<ListResponsibleCandidates.Item> candidates, DateOnly today) => ToInput(candidates, today).ToDraft();

    /// <summary>The step this form is for: the first plan, or a new version with its change summary.</summary>
    public ICaseCommand ToCommand(CaseTrigger trigger, Guid caseId, int revision, IReadOnlyList<ListResponsibleCandidates.Item> candidates, DateOnly today) =>
        trigger switch
        {
            CaseTrigger.AdoptPlan => new AdoptPlan.Command(caseId, revision, ToInput(candidates, today)),
            CaseTrigger.RevisePlan => new RevisePlan.Command(caseId, revision, ToInput(candidates, today), ChangeSummary),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "The plan editor adopts or revises a plan."),
        };

    /// <summary>Where a missing legal part shows: the field, the text key, and the row (1-based) for a measure's part.</summary>
    public sealed record MissingAt(string Field, string TextKey, int? Row = null);

    /// <summary>
    /// Points each missing part at the field to fill: the problem and evaluation date at theirs, a measure's
    /// missing "when" or "who" at every row that lacks it, no measure at all at the first row.
    /// </summary>
    public IReadOnlyList<MissingAt> WhereMissing(IEnumerable<PlanPart> missing, IReadOnlyList<ListResponsibleCandidates.Item> candidates)
    {
        var parts = missing.ToHashSet();
        var problems = new List<MissingAt>();
        if (parts.Contains(PlanPart.Problem)) problems.Add(new("Problem", "PlanEditor.Missing.Problem"));
        var rows = Measures.Select((row, index) => (row, index)).Where(r => !string.IsNullOrWhiteSpace(r.row.Description)).ToList();
        // With no measure described, the first row is where to start.
        if (rows.Count == 0 && Measures.Count > 0) rows.Add((Measures[0], 0));
        if (parts.Contains(PlanPart.Measures)) problems.Add(new(Field(0, "Description"), "PlanEditor.Missing.Description", 1));
        foreach (var (row, index) in rows)
        {
            if (parts.Contains(PlanPart.When) && string.IsNullOrWhiteSpace(row.When))
                problems.Add(new(Field(index, "When"), "PlanEditor.Missing.When", index + 1));
            if (parts.Contains(PlanPart.Responsible) && row.ResponsibleName(candidates).Length == 0)
                problems.Add(new(Field(index, row.IsExternal ? "ExternalName" : "Responsible"), "PlanEditor.Missing.Responsible", index + 1));
        }
        if (parts.Contains(PlanPart.EvaluationDate)) problems.Add(new("EvaluationDate", "PlanEditor.Missing.EvaluationDate"));
        return problems;
    }

    /// <summary>The form field a command property's error belongs to, and its row (1-based) when it is a measure's.</summary>
    public (string Field, int? Row) FieldFor(string property)
    {
        var name = property.StartsWith("Plan.", StringComparison.Ordinal) ? property["Plan.".Length..] : property;
        if (!name.StartsWith("Measures[", StringComparison.Ordinal)) return (name, null);
        var close = name.IndexOf(']');
        if (close < 0 || !int.TryParse(name["Measures[".Length..close], out var sent) || sent < 0 || sent >= FilledRows.Count) return ("Measures", null);
        var row = FilledRows[sent];
        var index = Measures.IndexOf(row);
        var part = name[(close + 1)..].TrimStart('.');
        part = part switch
        {
            "ResponsibleName" or "ResponsibleUserId" => row.IsExternal ? "ExternalName" : "Responsible",
            "" => "Description",
            _ => part,
        };
        return (Field(index, part), index + 1);
    }

    public static string Field(int index, string part) => $"Measures[{index}].{part}";

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
