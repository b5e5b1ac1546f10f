using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using AutoMapper;

namespace Aktivitetsplikt.Web.Features.Cases;

public sealed record TimelineEntry(
    Guid Id, int Sequence, EntryKind Kind, Guid ActorUserId, string ActorName, Role ActorRole, DateTime RecordedAtUtc, DateTime OccurredAtUtc,
    string Text, string? Detail, PupilView? PupilView, ConcernLocation? Location, int? PlanVersion, Guid? MeasureKey,
    MeasureStatus? MeasureStatus, Guid? CorrectsEntryId, CaseState StateBefore, CaseState StateAfter);

public sealed record MeasureView(Guid MeasureKey, int Order, string Description, string When, string ResponsibleName,
    Guid? ResponsibleUserId, DateOnly? EvaluateOn, MeasureStatus Status, string? StatusNote);

public sealed record PlanView(Guid Id, int Version, string Problem, DateOnly EvaluationDate, string? PupilView, string? PupilHeardHow,
    string? ParentsView, string? ParentsInformedHow, string? ChangeSummary, DateTime AdoptedAtUtc, string AdoptedByName, Role AdoptedByRole,
    IReadOnlyList<MeasureView> Measures);

public sealed record FlagView(FlagKind Kind, DateTime SetAtUtc, string SetByName, Role SetByRole, string Reason);

public sealed record DeadlineView(DeadlineKind Kind, DateTime DueUtc, DateTime? MetAtUtc, DateTime? SupersededAtUtc, int? PlanVersion);

/// <summary>Entity → read model maps. Only read models: nothing is ever mapped onto a domain entity.</summary>
public sealed class CaseReadModelProfile : Profile
{
    public CaseReadModelProfile()
    {
        WithoutLinqExtensionMethods(this);
        CreateMap<CaseEntry, TimelineEntry>();
        CreateMap<PlanMeasure, MeasureView>();
        CreateMap<ActivityPlanVersion, PlanView>();
        CreateMap<CaseFlag, FlagView>();
        CreateMap<Deadline, DeadlineView>();
    }

    public static MapperConfiguration CreateConfiguration() =>
        new(cfg =>
        {
            WithoutLinqExtensionMethods((Profile)cfg);
            cfg.AddProfile(new CaseReadModelProfile());
        });

    /// <summary>
    /// AutoMapper 8 (the only version served here) scans System.Linq's extension methods to map
    /// members like "Count()". On .NET 10 that assembly has methods with generic constraints that
    /// make its scan throw at start-up, and no read model here needs them: so the scan list is
    /// emptied. A test calls AssertConfigurationIsValid on this configuration.
    /// </summary>
    private static void WithoutLinqExtensionMethods(Profile profile)
    {
        var field = typeof(Profile).GetField("_sourceExtensionMethods", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            ?? throw new InvalidOperationException("AutoMapper's Profile changed: revisit CaseReadModelProfile.WithoutLinqExtensionMethods.");
        ((System.Collections.IList)field.GetValue(profile)!).Clear();
    }
}
