using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class ListCasesTests : SliceTest
{
    /// <summary>
    /// Emma: logged by staff A, following up. Noah: logged by staff B, investigating. Leah (school 2):
    /// logged by staff C, principal notified. Olivia: logged by staff B with a measure for staff A.
    /// </summary>
    private async Task<(Guid Emma, Guid Noah, Guid Leah, Guid Olivia)> FourCases()
    {
        var emma = await App.ACase().ReportedBy(Org.StaffA).About(Org.Emma).FollowingUp();
        var noah = await App.ACase().ReportedBy(Org.StaffB).About(Org.Noah).Investigating();
        var leah = await App.ACase().ReportedBy(Org.Staff2).About(Org.Leah).PrincipalNotified();
        var olivia = await App.ACase().ReportedBy(Org.StaffB).About(Org.Olivia).MeasureResponsible(Org.StaffA).Measures();
        return (emma, noah, leah, olivia);
    }

    private async Task<IReadOnlyList<Guid>> Ids(UserAccount user, ListCases.Query? query = null) =>
        (await App.SendAs(user, query ?? new ListCases.Query(Show: ListCases.Status.All))).Items.Select(i => i.Id).ToList();

    [Fact]
    public async Task ListCases_ShowsEachRoleOnlyItsNeedToKnowScope()
    {
        var (emma, noah, leah, olivia) = await FourCases();

        (await Ids(Org.StaffA)).Should().BeEquivalentTo(new[] { emma, olivia }, "staff A reported Emma's case and holds a measure in Olivia's");
        (await Ids(Org.StaffB)).Should().BeEquivalentTo(new[] { noah, olivia });
        (await Ids(Org.Staff2)).Should().BeEquivalentTo(new[] { leah });
        (await Ids(Org.Principal1)).Should().BeEquivalentTo(new[] { emma, noah, olivia });
        (await Ids(Org.Principal2)).Should().BeEquivalentTo(new[] { leah });
        (await Ids(Org.Team)).Should().BeEquivalentTo(new[] { emma, noah, leah, olivia });
        (await Ids(Org.Admin)).Should().BeEmpty();
    }

    [Fact]
    public async Task ListCases_OrdersNewConcernsFirst_ThenByStep()
    {
        var (emma, noah, leah, olivia) = await FourCases();

        (await Ids(Org.Team, new ListCases.Query())).Should().Equal(emma, leah, noah, olivia);
    }

    [Fact]
    public async Task ListCases_FiltersByStateAndSchool()
    {
        var (_, noah, leah, _) = await FourCases();

        (await Ids(Org.Team, new ListCases.Query(State: CaseState.Investigating))).Should().Equal(noah);
        (await Ids(Org.Team, new ListCases.Query(SchoolId: Org.School2.Id))).Should().Equal(leah);
        (await Ids(Org.Principal2, new ListCases.Query(SchoolId: Org.School1.Id))).Should().BeEmpty("a filter never widens the scope");
    }

    [Fact]
    public async Task ListCases_FiltersOpenAndClosed()
    {
        var (emma, noah, leah, olivia) = await FourCases();
        var closed = await App.ACase().ReportedBy(Org.StaffA).About(Org.Noah).Closed();

        (await Ids(Org.Team, new ListCases.Query())).Should().BeEquivalentTo(new[] { emma, noah, leah, olivia });
        (await Ids(Org.Team, new ListCases.Query(Show: ListCases.Status.Closed))).Should().Equal(closed);
        (await Ids(Org.Team, new ListCases.Query(Show: ListCases.Status.All))).Should().HaveCount(5);
    }

    [Fact]
    public async Task ListCases_OverdueOnly_ShowsCasesPastTheirNextDeadline()
    {
        var (emma, _, _, _) = await FourCases();
        (await Ids(Org.Team, new ListCases.Query(OverdueOnly: true))).Should().BeEmpty();

        Clock.Advance(TimeSpan.FromDays(1));

        var result = await App.SendAs(Org.Team, new ListCases.Query(OverdueOnly: true));
        result.Items.Select(i => i.Id).Should().Equal(emma);
        result.Items[0].IsOverdue.Should().BeTrue();
    }

    [Fact]
    public async Task ListCases_SearchesPupilNameCaseInsensitively_AndCaseNumber()
    {
        var (emma, _, leah, _) = await FourCases();

        (await Ids(Org.Team, new ListCases.Query(Search: "emma HANSEN"))).Should().Equal(emma);
        (await Ids(Org.Team, new ListCases.Query(Search: "2026-0003"))).Should().Equal(leah);
        (await Ids(Org.Team, new ListCases.Query(Search: "nobody"))).Should().BeEmpty();
    }

    [Fact]
    public async Task ListCases_Pages_WithTheTotalOfAllMatches()
    {
        await FourCases();

        var first = await App.SendAs(Org.Team, new ListCases.Query(PageSize: 3));
        var second = await App.SendAs(Org.Team, new ListCases.Query(Page: 2, PageSize: 3));

        first.Total.Should().Be(4);
        first.PageCount.Should().Be(2);
        first.Items.Should().HaveCount(3);
        second.Items.Should().ContainSingle();
        first.Items.Select(i => i.Id).Should().NotIntersectWith(second.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ListCases_ItemCarriesSchoolPupilAndFlags()
    {
        var (_, _, leah, _) = await FourCases();

        var item = (await App.SendAs(Org.Principal2, new ListCases.Query())).Items.Single();

        item.Id.Should().Be(leah);
        item.SchoolName.Should().Be(Org.School2.Name);
        item.PupilName.Should().Be("Leah Berg");
        item.PupilGroup.Should().Be("8A");
        item.State.Should().Be(CaseState.PrincipalNotified);
        item.EmployeeSuspected.Should().BeFalse();
    }

    [Fact]
    public async Task ListCases_WithPageSizeZero_IsAValidationError()
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Team, new ListCases.Query(PageSize: 0)))
            .Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().Contain(e => e.PropertyName == nameof(ListCases.Query.PageSize));
    }
}
