using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Delegations;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>
/// A teacher's list reads their measure and delegated cases from keys kept per user (ADR 035), yet never lags a change made
/// in this instance: a measure's responsible changed, a delegation given or withdrawn, a new concern in a delegated grade,
/// school leadership suspected, a pupil moved to another class outside any command. Another instance's change (a save this
/// instance never sees) shows within the bound. No teacher ever sees another's cases.
/// </summary>
public sealed class ListCasesStaffScopeTests : SliceTest
{
    private async Task<IReadOnlyList<Guid>> ListOf(UserAccount user, ListCases.Query? query = null) =>
        (await App.SendAs(user, query ?? new ListCases.Query(Show: ListCases.Status.All, PageSize: 200))).Items.Select(i => i.Id).ToList();

    /// <summary>What the scope itself says, read live: the list must show exactly these.</summary>
    private Task<List<Guid>> LiveScopeOf(UserAccount user) =>
        App.WithDb(db => db.Cases.AsNoTracking().Where(c => c.ReportedByUserId == user.Id
            || db.CasesWithMeasuresOf(user.Id).Contains(c.Id) || db.CasesDelegatedTo(user.Id).Contains(c.Id)).Select(c => c.Id).ToListAsync());

    /// <summary>Within the keys' bound: the clock does not move, so only the drop can show the change.</summary>
    private Task ReviseResponsible(Guid caseId, UserAccount responsible) =>
        App.SendAs(Org.Principal1, new RevisePlan.Command(caseId, null,
            CaseBuilder.CompletePlan(responsible, CaseBuilder.EvaluationDate(App)), "Ny ansvarlig for tiltaket."));

    [Fact]
    public async Task ATeachersList_ShowsACaseOnceTheyAreMadeResponsibleForAMeasure_AndNotOnceTakenOff()
    {
        var own = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Investigating();
        var measures = await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).MeasureResponsible(Org.StaffB).Measures();
        (await ListOf(Org.StaffA)).Should().Equal(own);

        await ReviseResponsible(measures, Org.StaffA);

        (await ListOf(Org.StaffA)).Should().BeEquivalentTo([own, measures]);
        (await ListOf(Org.StaffA)).Should().BeEquivalentTo(await LiveScopeOf(Org.StaffA));

        await ReviseResponsible(measures, Org.StaffB);

        (await ListOf(Org.StaffA)).Should().Equal(own);
        (await ListOf(Org.StaffB)).Should().Contain(measures);
    }

    [Fact]
    public async Task ATeachersList_ShowsADelegatedCaseOnceDelegated_AndNotOnceWithdrawn()
    {
        var theirs = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).PrincipalNotified();
        (await ListOf(Org.StaffB)).Should().BeEmpty();

        var delegation = await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, theirs, null, "Ivar følger opp saken."));

        (await ListOf(Org.StaffB)).Should().Equal(theirs);

        await App.SendAs(Org.Principal1, new WithdrawDelegation.Command(delegation));

        (await ListOf(Org.StaffB)).Should().BeEmpty();
    }

    [Fact]
    public async Task ATeachersList_ShowsANewConcernInTheirDelegatedGrade_AsSoonAsItIsLogged()
    {
        await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, null, "5", "Avdelingsleder for 5. trinn."));
        (await ListOf(Org.StaffB)).Should().BeEmpty();

        var emma = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).FollowingUp();

        (await ListOf(Org.StaffB)).Should().Equal(emma);
    }

    [Fact]
    public async Task ATeachersList_DropsADelegatedCase_OnceSchoolLeadershipIsSuspected()
    {
        var emma = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).PrincipalNotified();
        await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, emma, null, "Ivar følger opp saken."));
        (await ListOf(Org.StaffB)).Should().Equal(emma);

        await App.SendAs(Org.StaffA, new ReportEmployeeSuspicion.Command(emma, null, "Rektor er mistenkt.", LeadershipSuspected: true));

        (await ListOf(Org.StaffB)).Should().BeEmpty("a delegate acts for school leadership, which may not see the case");
    }

    [Fact]
    public async Task ATeachersList_FollowsAPupilMovedIntoTheirDelegatedGrade_SavedOutsideAnyCommand()
    {
        await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffB.Id, null, "5", "Avdelingsleder for 5. trinn."));
        var olivia = await App.ACase().ReportedBy(Org.StaffA).About(Org.Olivia).FollowingUp();
        (await ListOf(Org.StaffB)).Should().BeEmpty("Olivia is in 6B");

        // As an import would place her: its own context, no command.
        await App.WithDb(async db =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.Id == Org.Olivia.Id);
            pupil.Place(pupil.SchoolId, "5C");
            return await db.SaveChangesAsync();
        });

        (await ListOf(Org.StaffB)).Should().Equal(olivia);
    }

    [Fact]
    public async Task AChangeThisInstanceIsNotTold_ShowsWithinTheBound()
    {
        var measures = await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).MeasureResponsible(Org.StaffB).Measures();
        (await ListOf(Org.StaffA)).Should().BeEmpty();

        // As another app instance's change reaches this one: in the database, through no save of this instance's contexts.
        await App.WithDb(db => db.PlanMeasures.Where(m => m.ResponsibleUserId == Org.StaffB.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ResponsibleUserId, (Guid?)Org.StaffA.Id)));
        Clock.Advance(StaffScopeKeys.Bound);

        (await ListOf(Org.StaffA)).Should().Equal(measures);
    }

    [Fact]
    public async Task TwoTeachersLists_AreEachTheirOwn_ViewedInTurn()
    {
        var a = await App.ACase().ReportedBy(Org.StaffB).About(Org.Emma).MeasureResponsible(Org.StaffA).Measures();
        var b = await App.ACase().ReportedBy(Org.StaffA).About(Org.Noah).MeasureResponsible(Org.StaffB).Measures();
        var onlyA = await App.ACase().ReportedBy(Org.StaffA).About(Org.Olivia).MeasureResponsible(Org.StaffA).Measures();
        var other = await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).FollowingUp();

        for (var round = 0; round < 2; round++)
        {
            (await ListOf(Org.StaffA)).Should().BeEquivalentTo([a, b, onlyA]).And.BeEquivalentTo(await LiveScopeOf(Org.StaffA));
            (await ListOf(Org.StaffB)).Should().BeEquivalentTo([a, b]).And.BeEquivalentTo(await LiveScopeOf(Org.StaffB));
            (await ListOf(Org.Staff2)).Should().Equal(other);
        }
        await App.SendAs(Org.Principal1, new DelegateCases.Command(Org.StaffA.Id, null, "5", "Avdelingsleder for 5. trinn."));
        (await ListOf(Org.StaffB)).Should().BeEquivalentTo([a, b], "StaffA's delegation is not StaffB's");
        (await ListOf(Org.Staff2)).Should().Equal(other);
    }
}
