namespace Aktivitetsplikt.Domain.Cases;

/// <summary>The five parts § 12-4 third paragraph (formerly § 9 A-4 sixth) requires of a written plan. The plan is fixed (fastsatt), not decided: it is no individual decision (enkeltvedtak).</summary>
public enum PlanPart
{
    /// <summary>(a) the problem the measures are to solve.</summary>
    Problem,
    /// <summary>(b) the planned measures.</summary>
    Measures,
    /// <summary>(c) when the measures will be carried out.</summary>
    When,
    /// <summary>(d) who is responsible for carrying them out.</summary>
    Responsible,
    /// <summary>(e) when the measures will be evaluated.</summary>
    EvaluationDate,
}

public enum MeasureStatus
{
    Planned,
    UnderWay,
    Done,
    Dropped,
}

/// <summary>The evaluation's assessment of one measure of the current plan.</summary>
public sealed record MeasureAssessment(Guid MeasureKey, string Assessment);

public sealed record MeasureDraft(
    string Description,
    string When,
    string ResponsibleName,
    Guid? ResponsibleUserId,
    DateOnly? EvaluateOn,
    Guid? MeasureKey = null);

/// <summary>A plan as the principal writes it, before it is adopted as a numbered version.</summary>
public sealed record PlanDraft(
    string Problem,
    IReadOnlyList<MeasureDraft> Measures,
    DateOnly? EvaluationDate,
    string? PupilView,
    string? PupilHeardHow,
    string? ParentsView,
    string? ParentsInformedHow,
    string? ChangeSummary = null)
{
    /// <summary>The legal parts that are missing or blank, in the law's order.</summary>
    public IReadOnlyList<PlanPart> MissingParts()
    {
        var missing = new List<PlanPart>();
        if (string.IsNullOrWhiteSpace(Problem)) missing.Add(PlanPart.Problem);
        var measures = Measures.Where(m => !string.IsNullOrWhiteSpace(m.Description)).ToList();
        if (measures.Count == 0) missing.Add(PlanPart.Measures);
        if (measures.Count == 0 || measures.Any(m => string.IsNullOrWhiteSpace(m.When))) missing.Add(PlanPart.When);
        if (measures.Count == 0 || measures.Any(m => string.IsNullOrWhiteSpace(m.ResponsibleName))) missing.Add(PlanPart.Responsible);
        if (EvaluationDate is null) missing.Add(PlanPart.EvaluationDate);
        return missing;
    }
}

/// <summary>One adopted version of the activity plan. Versions are never changed after adoption.</summary>
public sealed class ActivityPlanVersion
{
    private readonly List<PlanMeasure> _measures = [];

    private ActivityPlanVersion() { }

    internal ActivityPlanVersion(Guid caseId, int version, PlanDraft draft, Actor adoptedBy, DateTime adoptedAtUtc)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Version = version;
        Problem = draft.Problem.Trim();
        EvaluationDate = draft.EvaluationDate!.Value;
        PupilView = draft.PupilView?.Trim();
        PupilHeardHow = draft.PupilHeardHow?.Trim();
        ParentsView = draft.ParentsView?.Trim();
        ParentsInformedHow = draft.ParentsInformedHow?.Trim();
        ChangeSummary = draft.ChangeSummary?.Trim();
        AdoptedAtUtc = adoptedAtUtc;
        AdoptedByUserId = adoptedBy.UserId;
        AdoptedByName = adoptedBy.Name;
        AdoptedByRole = adoptedBy.Role;
        var order = 0;
        foreach (var measure in draft.Measures.Where(m => !string.IsNullOrWhiteSpace(m.Description)))
            _measures.Add(new PlanMeasure(Id, ++order, measure));
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public int Version { get; private set; }
    public string Problem { get; private set; } = "";
    public DateOnly EvaluationDate { get; private set; }
    public string? PupilView { get; private set; }
    public string? PupilHeardHow { get; private set; }
    public string? ParentsView { get; private set; }
    public string? ParentsInformedHow { get; private set; }
    public string? ChangeSummary { get; private set; }
    public DateTime AdoptedAtUtc { get; private set; }
    public Guid AdoptedByUserId { get; private set; }
    public string AdoptedByName { get; private set; } = "";
    public Role AdoptedByRole { get; private set; }
    public IReadOnlyList<PlanMeasure> Measures => _measures.OrderBy(m => m.Order).ToList();

    /// <summary>A measure carried out stays in every later version as carried out: a revision cannot take it out.</summary>
    internal void KeepCarriedOut(PlanMeasure earlier)
    {
        var kept = new PlanMeasure(Id, _measures.Count + 1,
            new MeasureDraft(earlier.Description, earlier.When, earlier.ResponsibleName, earlier.ResponsibleUserId, earlier.EvaluateOn, earlier.MeasureKey));
        kept.CarryStatusFrom(earlier);
        _measures.Add(kept);
    }
}

/// <summary>
/// A measure in a plan version. Its <see cref="MeasureKey"/> stays the same across revisions so that
/// progress follows the measure; its status is the latest progress entry on the case timeline.
/// </summary>
public sealed class PlanMeasure
{
    private PlanMeasure() { }

    internal PlanMeasure(Guid planVersionId, int order, MeasureDraft draft)
    {
        Id = Guid.NewGuid();
        PlanVersionId = planVersionId;
        Order = order;
        MeasureKey = draft.MeasureKey ?? Guid.NewGuid();
        Description = draft.Description.Trim();
        When = draft.When.Trim();
        ResponsibleName = draft.ResponsibleName.Trim();
        ResponsibleUserId = draft.ResponsibleUserId;
        EvaluateOn = draft.EvaluateOn;
        Status = MeasureStatus.Planned;
    }

    public Guid Id { get; private set; }
    public Guid PlanVersionId { get; private set; }
    public int Order { get; private set; }
    public Guid MeasureKey { get; private set; }
    public string Description { get; private set; } = "";
    public string When { get; private set; } = "";
    public string ResponsibleName { get; private set; } = "";
    public Guid? ResponsibleUserId { get; private set; }
    public DateOnly? EvaluateOn { get; private set; }
    public MeasureStatus Status { get; private set; }
    public string? StatusNote { get; private set; }

    internal void SetStatus(MeasureStatus status, string? note)
    {
        Status = status;
        StatusNote = note;
    }

    internal void CarryStatusFrom(PlanMeasure earlier)
    {
        Status = earlier.Status;
        StatusNote = earlier.StatusNote;
    }
}
