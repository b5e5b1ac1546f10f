using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using AutoMapper;
using DelegationView = Aktivitetsplikt.Web.Features.Delegations.DelegationView;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>Everything a case document shows, as read models: the documents never see an entity.</summary>
public sealed record CaseDocumentData(
    Guid CaseId, string CaseNumber, string SchoolName, string SchoolOwnerName, NameMasking.PupilName Pupil, string PupilGroup,
    CaseState State, DateTime CreatedAtUtc, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<PlanView> Plans,
    IReadOnlyList<FlagView> Flags, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<NameMasking.PupilName> OtherPupils,
    DocumentSender Sender, CountyGovernorInfo CountyGovernor)
{
    public string PupilName => Pupil.FullName;

    public PlanView? Plan(int version) => Plans.FirstOrDefault(p => p.Version == version);

    /// <summary>Why measures are mandatory: the pupil said so, the school's investigation concluded so, or both.</summary>
    public IReadOnlyList<MeasuresGround> MeasuresRequiredBecause { get; init; } = [];
    /// <summary>The earliest date the pupil or parents raised the case with the principal (§ 12-6).</summary>
    public DateOnly? RaisedWithPrincipalOn { get; init; }
    /// <summary>A week after it was raised with the principal: from then the county governor can take the case.</summary>
    public DateOnly? CountyGovernorMayTakeFrom { get; init; }
    /// <summary>Set when the case ended because the pupil left the school.</summary>
    public DepartureView? Departure { get; init; }
    /// <summary>The delegations that cover this case (its own, or its pupil's grade), withdrawn ones too.</summary>
    public IReadOnlyList<DelegationView> Delegations { get; init; } = [];
    /// <summary>The files attached to the case, withdrawn ones included (the bundle lists them all).</summary>
    public IReadOnlyList<Evidence.AttachmentView> Attachments { get; init; } = [];
    /// <summary>The meetings recorded on the case.</summary>
    public IReadOnlyList<Evidence.MeetingView> Meetings { get; init; } = [];

    /// <summary>
    /// The names of the other pupils heard on the case: the school's own bundle shows them, the family's copies
    /// (the parent letter, the masked plan) always mask them, wherever they stand.
    /// </summary>
    public IReadOnlyList<string> HeardPupils =>
        NameMasking.Usable(Timeline.Where(e => e.Kind == EntryKind.OtherPupilHeard && !string.IsNullOrWhiteSpace(e.Detail)).Select(e => e.Detail!), Pupil);

    /// <summary>What the family's copies mask: the school's other pupils named in the plans, and every pupil heard on the case.</summary>
    public IReadOnlyList<string> NamesToMaskForTheFamily(IEnumerable<string>? chosen = null) =>
        NameMasking.Usable((chosen ?? NameMasking.Suggest(Plans, OtherPupils, Pupil)).Concat(HeardPupils), Pupil);

    public static async Task<CaseDocumentData> LoadAsync(AppDbContext db, IMapper mapper, Case @case, CancellationToken cancellationToken)
    {
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == @case.SchoolId, cancellationToken);
        var owner = await db.SchoolOwners.AsNoTracking().Where(o => o.Id == school.SchoolOwnerId)
            .Select(o => new { o.Name, Governor = new CountyGovernorInfo(o.CountyGovernorName, o.CountyGovernorAddress, o.CountyGovernorWebsite) })
            .SingleAsync(cancellationToken);
        // A "si fra" case has no pupil until the principal identifies one: its documents then name nobody.
        var pupil = @case.PupilId is { } pupilId ? await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupilId, cancellationToken) : null;
        var pupilGroup = pupil?.Group ?? "";
        var delegations = (await db.Delegations.AsNoTracking().Where(d => d.SchoolId == @case.SchoolId && (d.CaseId == @case.Id || d.CaseId == null))
                .OrderBy(d => d.GrantedAtUtc).ToListAsync(cancellationToken))
            .Where(d => d.CaseId == @case.Id || (d.Grade is { } grade && pupil is not null && Domain.Organisation.Delegation.GroupInGrade(pupilGroup, grade)))
            .Select(d => DelegationView.From(d, d.CaseId is null ? null : @case.CaseNumber)).ToList();
        var others = await db.Pupils.AsNoTracking().Where(p => p.SchoolId == @case.SchoolId && p.Id != @case.PupilId)
            .Select(p => new NameMasking.PupilName(p.FirstName, p.LastName)).ToListAsync(cancellationToken);
        return new CaseDocumentData(
            @case.Id, @case.CaseNumber, school.Name, owner.Name, new NameMasking.PupilName(pupil?.FirstName ?? "", pupil?.LastName ?? ""), pupilGroup,
            @case.State, @case.CreatedAtUtc,
            @case.Entries.Select(mapper.Map<TimelineEntry>).ToList(),
            @case.Plans.Select(mapper.Map<PlanView>).ToList(),
            @case.Flags.OrderBy(f => f.SetAtUtc).Select(mapper.Map<FlagView>).ToList(),
            @case.Deadlines.OrderBy(d => d.DueUtc).Select(mapper.Map<DeadlineView>).ToList(),
            others,
            new DocumentSender(school.Name, school.Address, school.PrincipalName, school.Phone, school.Email), owner.Governor)
        {
            MeasuresRequiredBecause = @case.MeasuresRequiredBecause,
            RaisedWithPrincipalOn = @case.RaisedWithPrincipalOn,
            CountyGovernorMayTakeFrom = @case.CountyGovernorMayTakeFrom,
            Departure = @case.Departure is { } departure ? mapper.Map<DepartureView>(departure) : null,
            Delegations = delegations,
            Attachments = [.. @case.Attachments.OrderBy(a => a.AddedAtUtc).Select(Evidence.ListAttachments.From)],
            Meetings = [.. @case.Meetings.OrderBy(m => m.HeldAtUtc).Select(Evidence.ListMeetings.From)],
        };
    }
}
