using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>The case list on the stored work order (ADR 024): every order pages each case exactly once, within the scope.</summary>
public sealed class ListCasesPagingTests : SliceTest
{
    /// <summary>Nine cases at two schools in every state, some with a deadline and some without (closed, measures).</summary>
    private async Task<IReadOnlyList<Guid>> NineCases() =>
    [
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).FollowingUp(),
        await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).Intervened(),
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Olivia).PrincipalNotified(),
        await App.ACase().ReportedBy(Org.StaffB).About(Org.Emma).Investigating(),
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Noah).MeasureResponsible(Org.StaffB).Measures(),
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Olivia).MeasureResponsible(Org.StaffA).Evaluating(),
        await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).Closed(),
        await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).FollowingUp(),
        await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).Investigating(),
    ];

    private async Task<List<ListCases.Item>> AllPages(Domain.Organisation.UserAccount user, ListCases.Query query)
    {
        var items = new List<ListCases.Item>();
        var first = await App.SendAs(user, query with { Page = 1 });
        items.AddRange(first.Items);
        for (var page = 2; page <= first.PageCount; page++)
            items.AddRange((await App.SendAs(user, query with { Page = page })).Items);
        items.Should().HaveCount(first.Total, "the pages together hold the total");
        return items;
    }

    public static TheoryData<ListCases.SortColumn, bool> EveryOrder()
    {
        var orders = new TheoryData<ListCases.SortColumn, bool>();
        foreach (var column in Enum.GetValues<ListCases.SortColumn>())
        {
            orders.Add(column, false);
            orders.Add(column, true);
        }
        return orders;
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task Paging_ShowsEveryCaseExactlyOnce_InTheSameOrderAsOnePage(ListCases.SortColumn sort, bool descending)
    {
        var cases = await NineCases();
        var query = new ListCases.Query(Show: ListCases.Status.All, Sort: sort, Descending: descending, PageSize: 2);

        var paged = await AllPages(Org.Team, query);
        var onePage = (await App.SendAs(Org.Team, query with { PageSize = 200 })).Items;

        paged.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(cases);
        paged.Select(i => i.Id).Should().Equal(onePage.Select(i => i.Id));
    }

    [Fact]
    public async Task DefaultOrder_IsNewConcernsFirst_ThenByStep_ThenNearestDeadline_ClosedLast()
    {
        await NineCases();

        var items = (await App.SendAs(Org.Team, new ListCases.Query(Show: ListCases.Status.All))).Items;

        items.Select(i => Case.WorkRankOf(i.State)).Should().BeInAscendingOrder();
        items.Take(4).Should().OnlyContain(i => i.State == CaseState.FollowingUp || i.State == CaseState.Intervened || i.State == CaseState.PrincipalNotified);
        items[^1].State.Should().Be(CaseState.Closed);
        foreach (var step in items.GroupBy(i => i.State))
        {
            var deadlines = step.Select(i => i.NextDeadlineUtc ?? DateTime.MaxValue).ToList();
            deadlines.Should().BeInAscendingOrder("within a step the nearest deadline comes first and a case without one last");
        }
    }

    [Fact]
    public async Task SortingByEachColumn_OrdersByThatColumn()
    {
        await NineCases();
        async Task<IReadOnlyList<ListCases.Item>> Sorted(ListCases.SortColumn column, bool descending = false) =>
            (await App.SendAs(Org.Team, new ListCases.Query(Show: ListCases.Status.All, Sort: column, Descending: descending))).Items;

        (await Sorted(ListCases.SortColumn.Number)).Select(i => i.CaseNumber).Should().BeInAscendingOrder(StringComparer.Ordinal);
        (await Sorted(ListCases.SortColumn.Number, true)).Select(i => i.CaseNumber).Should().BeInDescendingOrder(StringComparer.Ordinal);
        (await Sorted(ListCases.SortColumn.Pupil)).Select(i => i.PupilName).Should().BeInAscendingOrder(StringComparer.Ordinal);
        (await Sorted(ListCases.SortColumn.Pupil, true)).Select(i => i.PupilName).Should().BeInDescendingOrder(StringComparer.Ordinal);
        (await Sorted(ListCases.SortColumn.State)).Select(i => Case.WorkRankOf(i.State)).Should().BeInAscendingOrder("the workflow's order");
        (await Sorted(ListCases.SortColumn.State, true)).Select(i => Case.WorkRankOf(i.State)).Should().BeInDescendingOrder();
        (await Sorted(ListCases.SortColumn.Updated)).Select(i => i.UpdatedAtUtc).Should().BeInAscendingOrder();
        (await Sorted(ListCases.SortColumn.Created, true)).Select(i => i.CreatedAtUtc).Should().BeInDescendingOrder();

        foreach (var descending in new[] { false, true })
        {
            var byDeadline = await Sorted(ListCases.SortColumn.Deadline, descending);
            var withDeadline = byDeadline.TakeWhile(i => i.NextDeadlineUtc is not null).Select(i => i.NextDeadlineUtc!.Value).ToList();
            byDeadline.Skip(withDeadline.Count).Should().OnlyContain(i => i.NextDeadlineUtc == null, "cases without a deadline come last either way");
            withDeadline.Should().NotBeEmpty();
            if (descending) withDeadline.Should().BeInDescendingOrder();
            else withDeadline.Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public async Task APrincipal_NeverSeesAnotherSchoolsCase_OnAnyPage_InAnyOrder()
    {
        await NineCases();

        foreach (var sort in Enum.GetValues<ListCases.SortColumn>())
        {
            var items = await AllPages(Org.Principal1, new ListCases.Query(Show: ListCases.Status.All, Sort: sort, PageSize: 1));
            items.Should().HaveCount(7).And.OnlyContain(i => i.SchoolId == Org.School1.Id);
        }
        (await AllPages(Org.Principal2, new ListCases.Query(Show: ListCases.Status.All, PageSize: 1)))
            .Should().HaveCount(2).And.OnlyContain(i => i.SchoolId == Org.School2.Id);
    }

    [Fact]
    public async Task ATeacher_SeesOnlyTheCasesTheyReportedOrHoldAMeasureIn_OnEveryPage()
    {
        var cases = await NineCases();

        var staffB = await AllPages(Org.StaffB, new ListCases.Query(Show: ListCases.Status.All, PageSize: 1));

        // Reported: Noah intervened, Emma investigating, Noah closed; a measure: Noah's measures case.
        staffB.Select(i => i.Id).Should().BeEquivalentTo([cases[1], cases[3], cases[4], cases[6]]);
        (await AllPages(Org.Staff2, new ListCases.Query(Show: ListCases.Status.All, PageSize: 1))).Select(i => i.Id)
            .Should().BeEquivalentTo([cases[7], cases[8]]);
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task ATeachersList_PagesEveryCaseInTheirScopeExactlyOnce_InTheSameOrderAsOnePage(ListCases.SortColumn sort, bool descending)
    {
        var cases = await NineCases();
        var query = new ListCases.Query(Show: ListCases.Status.All, Sort: sort, Descending: descending, PageSize: 1);

        var paged = await AllPages(Org.StaffB, query);
        var onePage = (await App.SendAs(Org.StaffB, query with { PageSize = 200 })).Items;

        paged.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo([cases[1], cases[3], cases[4], cases[6]]);
        paged.Select(i => i.Id).Should().Equal(onePage.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task ATeachersReportedMeasureAndDelegatedCases_ArePagedInThePrincipalsOrder(ListCases.SortColumn sort, bool descending)
    {
        var cases = await NineCases();
        // Kari (StaffA) reported 0, 2, 4 and 5, holds the measure in 5 (both), and is delegated Emma's investigation (3).
        await App.SendAs(Org.Principal1, new Web.Features.Delegations.DelegateCases.Command(Org.StaffA.Id, cases[3], null, "Kari følger opp Emma."));
        var query = new ListCases.Query(Show: ListCases.Status.All, Sort: sort, Descending: descending, PageSize: 2);

        var teacher = (await AllPages(Org.StaffA, query)).Select(i => i.Id).ToList();
        var principal = (await App.SendAs(Org.Principal1, query with { PageSize = 200 })).Items.Select(i => i.Id);

        teacher.Should().OnlyHaveUniqueItems().And.BeEquivalentTo([cases[0], cases[2], cases[3], cases[4], cases[5]]);
        teacher.Should().Equal(principal.Where(teacher.Contains), "the parts of the teacher's scope are merged into the one order");
    }

    [Fact]
    public async Task TheStoredWorkOrder_FollowsEveryStep()
    {
        await NineCases();
        Clock.Advance(TimeSpan.FromDays(2));
        await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).Closed();

        var stored = await App.WithDb(db => db.Cases.AsNoTracking()
            .Select(c => new { c.State, c.WorkRank, c.NextDeadlineUtc, c.DueOrderUtc }).ToListAsync());

        stored.Should().HaveCount(10).And.AllSatisfy(c =>
        {
            c.WorkRank.Should().Be(Case.WorkRankOf(c.State));
            c.DueOrderUtc.Should().Be(c.NextDeadlineUtc ?? Case.NoDeadline);
        });
    }

    [Fact]
    public async Task AnUndefinedState_IsAValidationError_NotAnError()
    {
        await FluentActions.Awaiting(() => App.SendAs(Org.Team, new ListCases.Query(State: (CaseState)99)))
            .Should().ThrowAsync<FluentValidation.ValidationException>();
    }
}
