using System.Collections.Concurrent;
using Aktivitetsplikt.Domain.Cases;
using AutoMapper;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>
/// A case as read at one revision, with its history mapped to the read models the case page shows. Nothing in it depends
/// on who looks or when: the viewer's permitted steps are asked of the case's own workflow per request
/// (<see cref="PermittedTriggers"/>), and everything that changes with the clock (overdue) is computed by the caller.
/// </summary>
public sealed class KeptCase
{
    private readonly Case _case;

    private KeptCase(Case @case, IMapper mapper)
    {
        _case = @case;
        Timeline = [.. @case.Entries.Select(mapper.Map<TimelineEntry>)];
        Plans = [.. @case.Plans.Select(mapper.Map<PlanView>)];
        Flags = [.. @case.Flags.OrderBy(f => f.SetAtUtc).Select(mapper.Map<FlagView>)];
        Deadlines = [.. @case.Deadlines.OrderBy(d => d.DueUtc).Select(mapper.Map<DeadlineView>)];
        Attachments = [.. @case.Attachments.OrderBy(a => a.AddedAtUtc).Select(Evidence.ListAttachments.From)];
        Meetings = [.. @case.Meetings.OrderBy(m => m.HeldAtUtc).Select(Evidence.ListMeetings.From)];
        OtherPupilsHeard = [.. @case.Entries.Where(e => e.Kind == EntryKind.OtherPupilHeard && e.Detail != null).OrderBy(e => e.Sequence).Select(e => e.Detail!)];
        Departure = @case.Departure is { } departure ? mapper.Map<DepartureView>(departure) : null;
        MeasuresRequiredBecause = @case.MeasuresRequiredBecause;
        RaisedWithPrincipalOn = @case.RaisedWithPrincipalOn;
        CountyGovernorMayTakeFrom = @case.CountyGovernorMayTakeFrom;
    }

    /// <summary>The case as read (no tracking, never changed afterwards) and its history mapped once.</summary>
    public static KeptCase From(Case @case, IMapper mapper) => new(@case, mapper);

    public Guid Id => _case.Id;
    public int Revision => _case.Revision;
    public string CaseNumber => _case.CaseNumber;
    public Guid SchoolId => _case.SchoolId;
    public Guid? PupilId => _case.PupilId;
    public Guid ReportedByUserId => _case.ReportedByUserId;
    public CaseState State => _case.State;
    public DateTime CreatedAtUtc => _case.CreatedAtUtc;
    public PupilView CurrentPupilView => _case.CurrentPupilView;
    public bool MeasuresRequired => MeasuresRequiredBecause.Count > 0;
    public DateTime? NextDeadlineUtc => _case.NextDeadlineUtc;
    public SiFraOrigin? SiFraOrigin => _case.SiFraOrigin;
    public IReadOnlyList<TimelineEntry> Timeline { get; }
    public IReadOnlyList<PlanView> Plans { get; }
    public IReadOnlyList<FlagView> Flags { get; }
    public IReadOnlyList<DeadlineView> Deadlines { get; }
    public IReadOnlyList<Evidence.AttachmentView> Attachments { get; }
    public IReadOnlyList<Evidence.MeetingView> Meetings { get; }
    /// <summary>The "other pupil heard" entries' names, in the order they were recorded (the documents section masks them).</summary>
    public IReadOnlyList<string> OtherPupilsHeard { get; }
    public DepartureView? Departure { get; }
    public IReadOnlyList<MeasuresGround> MeasuresRequiredBecause { get; }
    public DateOnly? RaisedWithPrincipalOn { get; }
    public DateOnly? CountyGovernorMayTakeFrom { get; }

    /// <summary>
    /// What <paramref name="actor"/> may do now, asked of the whole case's workflow exactly as on a case just read. One
    /// request at a time: the case is shared by every request that views it at this revision, and its machine is built on
    /// first use.
    /// </summary>
    public IReadOnlyList<CaseTrigger> PermittedTriggers(Actor actor)
    {
        lock (_case) return _case.PermittedTriggers(actor);
    }
}

/// <summary>
/// The cases last read, each under its revision (ADR 034). Every change to a case goes through one of its intent methods,
/// each of which ends by raising <see cref="Case.Revision"/> in the same save as the change, so a case kept at the revision
/// the database has now is the case as a read now would give it — on this instance or after another instance's change.
/// The caller reads the revision first (one row) and reads the whole case only when it has changed or is not kept.
/// Bounded in number and in idle time, so that cases nobody views again do not stay in memory.
/// </summary>
public sealed class KeptCases(TimeProvider time)
{
    /// <summary>A case not viewed for this long is dropped when room is needed.</summary>
    public static readonly TimeSpan IdleBound = TimeSpan.FromMinutes(5);
    /// <summary>At most this many cases are kept (a case with its history is some tens of KB).</summary>
    public const int MaxCases = 512;

    private sealed class Entry(KeptCase @case, DateTime usedAtUtc)
    {
        public KeptCase Case { get; } = @case;
        public DateTime UsedAtUtc { get; set; } = usedAtUtc;
    }

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    /// <summary>The case kept at exactly <paramref name="revision"/>, or null.</summary>
    public KeptCase? Find(Guid caseId, int revision)
    {
        if (!_entries.TryGetValue(caseId, out var entry) || entry.Case.Revision != revision) return null;
        entry.UsedAtUtc = time.GetUtcNow().UtcDateTime;
        return entry.Case;
    }

    /// <summary>Keeps <paramref name="case"/> under its own revision (the one it was read at), unless a later revision is kept already.</summary>
    public KeptCase Keep(KeptCase @case)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_entries.Count >= MaxCases && !_entries.ContainsKey(@case.Id)) Prune(now);
        _entries.AddOrUpdate(@case.Id, _ => new Entry(@case, now),
            (_, kept) => kept.Case.Revision > @case.Revision ? kept : new Entry(@case, now));
        return @case;
    }

    private void Prune(DateTime now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (now - entry.UsedAtUtc >= IdleBound) _entries.TryRemove(id, out _);
        }
        if (_entries.Count < MaxCases) return;
        // All in use: the least recently viewed half goes.
        foreach (var (id, _) in _entries.OrderBy(e => e.Value.UsedAtUtc).Take(_entries.Count / 2).ToList())
            _entries.TryRemove(id, out _);
    }
}
