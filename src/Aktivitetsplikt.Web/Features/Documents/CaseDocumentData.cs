using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using AutoMapper;
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

    public static async Task<CaseDocumentData> LoadAsync(AppDbContext db, IMapper mapper, Case @case, CancellationToken cancellationToken)
    {
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == @case.SchoolId, cancellationToken);
        var owner = await db.SchoolOwners.AsNoTracking().Where(o => o.Id == school.SchoolOwnerId)
            .Select(o => new { o.Name, Governor = new CountyGovernorInfo(o.CountyGovernorName, o.CountyGovernorAddress, o.CountyGovernorWebsite) })
            .SingleAsync(cancellationToken);
        var pupil = await db.Pupils.AsNoTracking().SingleAsync(p => p.Id == @case.PupilId, cancellationToken);
        var others = await db.Pupils.AsNoTracking().Where(p => p.SchoolId == @case.SchoolId && p.Id != @case.PupilId)
            .Select(p => new NameMasking.PupilName(p.FirstName, p.LastName)).ToListAsync(cancellationToken);
        return new CaseDocumentData(
            @case.Id, @case.CaseNumber, school.Name, owner.Name, new NameMasking.PupilName(pupil.FirstName, pupil.LastName), pupil.Group,
            @case.State, @case.CreatedAtUtc,
            @case.Entries.Select(mapper.Map<TimelineEntry>).ToList(),
            @case.Plans.Select(mapper.Map<PlanView>).ToList(),
            @case.Flags.OrderBy(f => f.SetAtUtc).Select(mapper.Map<FlagView>).ToList(),
            @case.Deadlines.OrderBy(d => d.DueUtc).Select(mapper.Map<DeadlineView>).ToList(),
            others,
            new DocumentSender(school.Name, school.Address, school.PrincipalName, school.Phone, school.Email), owner.Governor);
    }
}
