using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Oversight;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Oversight;

/// <summary>
/// The overview's count of overdue deadlines is computed from the cases' next deadline and the open deadlines' index, not by
/// looking each deadline's case up (ADR 039): it must still be exactly the open deadlines past due of the team's cases, read
/// here from the deadlines table itself — not a closed case's, not another school owner's, not one due exactly now, and every
/// one of a case that has more than one.
/// </summary>
public sealed class OverviewOverdueCountTests : SliceTest
{
    [Fact]
    public async Task OverdueTotal_IsEveryOpenDeadlinePastDueOfTheTeamsCases_AndOnlyThose()
    {
        var twoOverdue = await App.ACase().About(Org.Emma).PrincipalNotified();
        var dueExactlyNow = await App.ACase().About(Org.Noah).Investigating();
        var closed = await App.ACase().About(Org.Olivia).Closed();
        var otherSchool = await App.ACase().About(Org.Leah).ReportedBy(Org.Staff2).PrincipalNotified();
        var notYetNotified = await App.ACase().About(Org.Oskar).ReportedBy(Org.Staff2).FollowingUp();
        var otherOwners = await AnotherSchoolOwnersCaseAsync();

        // The investigation's deadline (days) comes before the plan's (weeks): the clock stops exactly at the plan's.
        var planDue = await DueAsync(dueExactlyNow, DeadlineKind.AdoptPlan);
        var investigationDue = await DueAsync(twoOverdue, DeadlineKind.StartInvestigation);
        investigationDue.Should().BeBefore(planDue.AddMinutes(-1));
        // The domain keeps one open deadline per case today; the count must not depend on that.
        await AddOpenDeadlineAsync(twoOverdue, investigationDue.AddMinutes(1));
        Clock.UtcNow = new DateTimeOffset(planDue);

        var overview = await App.SendAs(Org.Team, new GetOverview.Query());

        var expected = await OpenPastDueAsync(planDue, Org.School1.Id, Org.School2.Id);
        overview.OverdueTotal.Should().Be(expected.Count);
        expected.Count(d => d.CaseId == twoOverdue).Should().Be(2);
        expected.Should().Contain(d => d.CaseId == otherSchool).And.Contain(d => d.CaseId == notYetNotified)
            .And.NotContain(d => d.CaseId == dueExactlyNow || d.CaseId == closed);
        (await OpenPastDueAsync(planDue, await SchoolOfAsync(otherOwners))).Should().NotBeEmpty("another school owner's case is overdue too");
        overview.Overdue.Select(o => o.CaseId).Should().BeEquivalentTo(expected.Select(d => d.CaseId), "the table lists the same deadlines it counts");

        var oneSchool = await App.SendAs(Org.Team, new GetOverview.Query(Org.School2.Id));
        oneSchool.OverdueTotal.Should().Be((await OpenPastDueAsync(planDue, Org.School2.Id)).Count).And.Be(2);
    }

    [Fact]
    public async Task ADeadlineDueExactlyNow_IsNotYetOverdue_AndIsCountedOnceItHasPassed()
    {
        var id = await App.ACase().Investigating();
        var due = await DueAsync(id, DeadlineKind.AdoptPlan);
        Clock.UtcNow = new DateTimeOffset(due);
        (await App.SendAs(Org.Team, new GetOverview.Query())).OverdueTotal.Should().Be(0, "due exactly now is not past due");

        Clock.UtcNow = new DateTimeOffset(due) + SummaryCache.OverviewBound;

        (await App.SendAs(Org.Team, new GetOverview.Query())).OverdueTotal.Should().Be(1);
    }

    private sealed record OpenDeadline(Guid CaseId, DateTime DueUtc);

    /// <summary>The open deadlines past due at <paramref name="now"/> of the given schools' cases, from the tables as they are.</summary>
    private Task<List<OpenDeadline>> OpenPastDueAsync(DateTime now, params Guid[] schools) => App.WithDb(async db =>
    {
        var cases = (await db.Cases.AsNoTracking().Select(c => new { c.Id, c.SchoolId }).ToListAsync())
            .Where(c => schools.Contains(c.SchoolId)).Select(c => c.Id).ToHashSet();
        return (await db.Deadlines.AsNoTracking().ToListAsync())
            .Where(d => cases.Contains(d.CaseId) && d.IsOverdue(now))
            .Select(d => new OpenDeadline(d.CaseId, d.DueUtc))
            .ToList();
    });

    /// <summary>The case's open deadline of that kind, as the database holds it (PostgreSQL keeps microseconds).</summary>
    private async Task<DateTime> DueAsync(Guid caseId, DeadlineKind kind) => DateTime.SpecifyKind(await App.WithDb(db =>
        db.Deadlines.Where(d => d.CaseId == caseId && d.Kind == kind && d.MetAtUtc == null && d.SupersededAtUtc == null)
            .Select(d => d.DueUtc).SingleAsync()), DateTimeKind.Utc);

    private Task<Guid> SchoolOfAsync(Guid caseId) => App.WithDb(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.SchoolId).SingleAsync());

    /// <summary>
    /// A second open deadline on the case, due after its first (so its next deadline stays the first, as the aggregate keeps
    /// it), written as a row: no step makes one today. The kept figures are dropped as a committed command would drop them.
    /// </summary>
    private async Task AddOpenDeadlineAsync(Guid caseId, DateTime dueUtc)
    {
        var id = Guid.NewGuid();
        var created = App.Clock.UtcDateTime;
        var kind = nameof(DeadlineKind.EvaluatePlan);
        await App.WithDb(db => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Deadlines" ("Id", "CaseId", "Kind", "DueUtc", "CreatedAtUtc", "ShiftedByHolidays") VALUES ({id}, {caseId}, {kind}, {dueUtc}, {created}, {false})"""));
        App.Services.GetRequiredService<SummaryCache>().CaseChanged();
    }

    /// <summary>A school owner of its own with one school and a concern not yet told to its principal (a deadline today).</summary>
    private async Task<Guid> AnotherSchoolOwnersCaseAsync()
    {
        var owner = new SchoolOwner("Sørby kommune");
        var school = new School(owner.Id, "Sørby skole");
        var pupil = new Pupil(school.Id, "Tuva", "Strand", "4A");
        var staff = new UserAccount("sondre.laerer", "Sondre Lærer", Role.Staff, owner.Id, school.Id);
        await App.WithDb(db =>
        {
            db.SchoolOwners.Add(owner);
            db.Schools.Add(school);
            db.Pupils.Add(pupil);
            db.Users.Add(staff);
            return db.SaveChangesAsync();
        });
        var logged = await App.SendAs(staff, new LogConcern.Command(pupil.Id, "Tuva blir holdt utenfor i friminuttene.",
            App.Clock.UtcDateTime.AddHours(-1), ConcernLocation.Schoolyard, null, NotifyPrincipalNow: false, PupilSaysNotSafe: false,
            EmployeeSuspected: false, LeadershipSuspected: false));
        return logged.CaseId;
    }
}
