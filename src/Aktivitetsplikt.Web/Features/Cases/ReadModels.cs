using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using AutoMapper;

namespace Aktivitetsplikt.Web.Features.Cases;

public sealed record TimelineEntry(
    Guid Id, int Sequence, EntryKind Kind, Guid ActorUserId, string ActorName, Role ActorRole, DateTime RecordedAtUtc, DateTime OccurredAtUtc,
    string Text, string? Detail, PupilView? PupilView, ConcernLocation? Location, int? PlanVersion, Guid? MeasureKey,
    MeasureStatus? MeasureStatus, Guid? CorrectsEntryId, CaseState StateBefore, CaseState StateAfter,
    EnvironmentConclusion? Conclusion = null, DateOnly? RaisedWithPrincipalOn = null, string? ParentsView = null,
    Guid? AttachmentId = null, Guid? MeetingId = null);

public sealed record MeasureView(Guid MeasureKey, int Order, string Description, string When, string ResponsibleName,
    Guid? ResponsibleUserId, DateOnly? EvaluateOn, MeasureStatus Status, string? StatusNote);

public sealed record PlanView(Guid Id, int Version, string Problem, DateOnly EvaluationDate, string? PupilView, string? PupilHeardHow,
    string? ParentsView, string? ParentsInformedHow, string? ChangeSummary, DateTime AdoptedAtUtc, string AdoptedByName, Role AdoptedByRole,
    IReadOnlyList<MeasureView> Measures);

public sealed record FlagView(FlagKind Kind, DateTime SetAtUtc, string SetByName, Role SetByRole, string Reason);

public sealed record DeadlineView(DeadlineKind Kind, DateTime DueUtc, DateTime? MetAtUtc, DateTime? SupersededAtUtc, int? PlanVersion,
    bool ShiftedByHolidays = false);

/// <summary>The pupil left the school and the case ended there: when, where to, the hand-over, who decided and why.</summary>
public sealed record DepartureView(DateOnly LeftOn, string NewSchool, bool SameSchoolOwner, string? Handover, string DecidedBy, string Reason,
    string RecordedByName, DateTime RecordedAtUtc);

/// <summary>
/// Entity → read model maps. Only read models: nothing is ever mapped onto a domain entity, and no
/// read model refers to its own type, so no map can recurse (GHSA-rvv3-g6hj-g44x; ADR 005).
/// </summary>
public sealed class CaseReadModelProfile : Profile
{
    public CaseReadModelProfile()
    {
        CreateMap<CaseEntry, TimelineEntry>();
        CreateMap<PlanMeasure, MeasureView>();
        CreateMap<ActivityPlanVersion, PlanView>();
        CreateMap<CaseFlag, FlagView>();
        CreateMap<Deadline, DeadlineView>();
        CreateMap<PupilDeparture, DepartureView>();
    }

    public static MapperConfiguration CreateConfiguration() => new(cfg => cfg.AddProfile<CaseReadModelProfile>());
}
