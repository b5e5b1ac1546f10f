using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using AutoMapper;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>Real cases made through the domain's intent methods, turned into the read model the case page renders.</summary>
public static class CaseFixtures
{
    public static readonly DateTime Monday = new(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc);
    public static readonly Actor Staff = new(Guid.NewGuid(), "Kari Lærer", Role.Staff);
    public static readonly Actor OtherStaff = new(Guid.NewGuid(), "Ola Assistent", Role.Staff);
    public static readonly Actor Principal = new(Guid.NewGuid(), "Randi Rektor", Role.Principal);
    public static readonly Actor Team = new(Guid.NewGuid(), "Siri Berg", Role.SchoolOwnerTeam);
    public static readonly Actor Admin = new(Guid.NewGuid(), "Arne Admin", Role.Administrator);

    private static readonly IMapper Mapper = CaseReadModelProfile.CreateConfiguration().CreateMapper();

    public static Case Logged(bool pupilNotSafe = false) => Case.LogConcern(
        new ConcernReport(Guid.NewGuid(), Guid.NewGuid(), "Emma sat alone at every break this week.", Monday.AddHours(-2),
            ConcernLocation.Schoolyard, null, NotifyPrincipalNow: true, PupilSaysNotSafe: pupilNotSafe, EmployeeSuspected: false, LeadershipSuspected: false),
        Staff, "2026-0001", Monday, DeadlinePolicy.Default, SchoolCalendar.WeekdaysOnly);

    public static Case Investigating(bool pupilNotSafe = false)
    {
        var @case = Logged(pupilNotSafe);
        @case.StartInvestigation(Principal, Monday.AddHours(1), "Talk with Emma and her class.");
        return @case;
    }

    public static Case WithPlan()
    {
        var @case = Investigating(pupilNotSafe: true);
        @case.AdoptPlan(Principal, Monday.AddHours(2), new PlanDraft("Emma is left out at breaks.",
            new[] { new MeasureDraft("An adult joins Emma's group at every break", "Every break from week 48", Staff.Name, Staff.UserId, null) },
            new DateOnly(2026, 11, 30), "Emma says she wants someone to play with.", "Talk with her teacher", "The parents agree.", "Meeting at school"));
        return @case;
    }

    public static GetCaseDetail.Result Detail(Case @case, Actor viewer) => new(
        @case.Id, @case.CaseNumber, @case.SchoolId, "Nordvik skole", @case.PupilId, "Emma Hansen", "5A",
        @case.State, @case.Revision, @case.CreatedAtUtc, Staff.Name, @case.CurrentPupilView, @case.MeasuresRequired,
        @case.Flags.Select(Mapper.Map<FlagView>).ToList(),
        @case.Entries.Select(Mapper.Map<TimelineEntry>).ToList(),
        @case.Plans.Select(p => Mapper.Map<PlanView>(p) with { Measures = p.Measures.Select(Mapper.Map<MeasureView>).ToList() }).ToList(),
        @case.Deadlines.Select(Mapper.Map<DeadlineView>).ToList(),
        @case.PermittedTriggers(viewer),
        @case.NextDeadlineUtc,
        false);
}
