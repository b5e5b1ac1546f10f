using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Components.Shared;
using Aktivitetsplikt.Web.Features.Cases;
using static Aktivitetsplikt.Web.Tests.Components.CaseFixtures;

namespace Aktivitetsplikt.Web.Tests.Components;

public class CaseActionsTests
{
    private static Task<AngleSharp.Html.Dom.IHtmlDocument> Render(GetCaseDetail.Result detail, Actor viewer,
        CaseActionForm? form = null, CaseTrigger? failed = null, FormErrors? errors = null, string culture = "nb-NO") =>
        ComponentRenderer.RenderAsync<CaseActions>(new Dictionary<string, object?>
        {
            [nameof(CaseActions.Case)] = detail,
            [nameof(CaseActions.UserId)] = viewer.UserId,
            [nameof(CaseActions.Role)] = viewer.Role,
            [nameof(CaseActions.Today)] = new DateOnly(2026, 11, 16),
            [nameof(CaseActions.Form)] = form,
            [nameof(CaseActions.FailedTrigger)] = failed,
            [nameof(CaseActions.Errors)] = errors ?? new FormErrors(),
        }, culture);

    private static IReadOnlyList<string> OfferedTriggers(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("details[data-trigger]").Select(d => d.GetAttribute("data-trigger")!).ToList();

    public static IEnumerable<object[]> Viewers() => new[] { Staff, Principal, Team, Admin }.Select(a => new object[] { a.Role });

    private static Actor ActorFor(Role role) => role switch
    {
        Role.Staff => Staff,
        Role.Principal => Principal,
        Role.SchoolOwnerTeam => Team,
        _ => Admin,
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task EachRole_SeesExactlyTheActionsTheWorkflowPermitsIt(Role role)
    {
        var viewer = ActorFor(role);
        var @case = Investigating();

        var document = await Render(Detail(@case, viewer), viewer);

        // RecordDocument is offered by the Documents section, which streams the file, not as an action form.
        OfferedTriggers(document).Should().BeEquivalentTo(@case.PermittedTriggers(viewer).Where(t => t != CaseTrigger.RecordDocument).Select(t => t.ToString()));
    }

    [Fact]
    public async Task Principal_WhileInvestigating_IsOfferedThePlanButNotClosing_WhenThePupilSaysNotSafe()
    {
        var document = await Render(Detail(Investigating(pupilNotSafe: true), Principal), Principal);

        OfferedTriggers(document).Should().Contain(nameof(CaseTrigger.AdoptPlan)).And.NotContain(nameof(CaseTrigger.Close));
    }

    [Fact]
    public async Task Staff_IsNotOfferedLeadersSteps()
    {
        var document = await Render(Detail(Investigating(), Staff), Staff);

        OfferedTriggers(document).Should().NotContain(new[] { nameof(CaseTrigger.StartInvestigation), nameof(CaseTrigger.AdoptPlan), nameof(CaseTrigger.Close) });
        OfferedTriggers(document).Should().Contain(nameof(CaseTrigger.RecordPupilVoice));
    }

    [Fact]
    public async Task Administrator_IsOfferedNothing_AndToldSo()
    {
        var document = await Render(Detail(Investigating(), Admin), Admin);

        OfferedTriggers(document).Should().BeEmpty();
        document.QuerySelector("[data-testid=no-actions]").Should().NotBeNull();
    }

    [Fact]
    public async Task EveryActionForm_HasItsOwnNameAntiforgeryTokenRevisionAndLabelledFields()
    {
        var detail = Detail(WithPlan(), Principal);
        var document = await Render(detail, Principal);

        foreach (var details in document.QuerySelectorAll("details[data-trigger]"))
        {
            var trigger = details.GetAttribute("data-trigger");
            if (trigger is nameof(CaseTrigger.AdoptPlan) or nameof(CaseTrigger.RevisePlan)) continue;
            var form = details.QuerySelector("form")!;
            form.GetAttribute("method").Should().Be("post");
            form.QuerySelector("input[name=__RequestVerificationToken]").Should().NotBeNull($"{trigger} posts with antiforgery");
            form.QuerySelector("input[name='Form.Revision']")!.GetAttribute("value").Should().Be(detail.Revision.ToString());
            form.QuerySelector("input[name='Form.Trigger']")!.GetAttribute("value").Should().Be(trigger);
            foreach (var field in form.QuerySelectorAll("input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select"))
                document.QuerySelector($"label[for='{field.Id}']").Should().NotBeNull($"field {field.Id} in {trigger} needs a label");
        }
    }

    [Fact]
    public async Task StaffResponsibleForAMeasure_CanUpdateOnlyTheirOwnMeasure()
    {
        var @case = WithPlan();

        var responsible = await Render(Detail(@case, Staff), Staff);
        var other = await Render(Detail(@case, OtherStaff), OtherStaff);

        OfferedTriggers(responsible).Should().Contain(nameof(CaseTrigger.RecordMeasureProgress));
        responsible.QuerySelectorAll("#a-RecordMeasureProgress-MeasureKey option[value]:not([value=''])").Should().HaveCount(1);
        OfferedTriggers(other).Should().NotContain(nameof(CaseTrigger.RecordMeasureProgress));
    }

    [Fact]
    public async Task RefusedStep_IsOpen_ShowsTheReason_AndKeepsWhatTheUserWrote()
    {
        var @case = Investigating(pupilNotSafe: true);
        var errors = new FormErrors { General = "Eleven eller foreldrene har sagt at eleven ikke har det trygt og godt." };
        var form = new CaseActionForm { Trigger = nameof(CaseTrigger.RecordFinding), Text = "Tre elever <b>sender</b> meldinger" };

        var document = await Render(Detail(@case, Principal), Principal, form, CaseTrigger.RecordFinding, errors);

        var details = document.QuerySelector("#action-RecordFinding")!;
        details.HasAttribute("open").Should().BeTrue();
        details.QuerySelector("[data-testid=action-error]")!.TextContent.Should().Contain("ikke har det trygt og godt");
        document.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#a-RecordFinding-Text")!.Value
            .Should().Be("Tre elever <b>sender</b> meldinger", "the input is echoed back as text, encoded, never as markup");
        document.QuerySelector("#action-AdoptPlan")!.HasAttribute("open").Should().BeFalse();
    }

    [Fact]
    public async Task PlanSteps_LinkToThePlanEditorPage_InsteadOfAFormInTheSideColumn()
    {
        var @case = WithPlan();

        var withPlan = await Render(Detail(@case, Principal), Principal);
        var investigating = await Render(Detail(Investigating(), Principal), Principal);

        withPlan.QuerySelector("#action-RevisePlan [data-testid=plan-editor-link]")!.GetAttribute("href").Should().Be($"/saker/{@case.Id}/plan/ny");
        withPlan.QuerySelector("#action-RevisePlan form").Should().BeNull();
        investigating.QuerySelector("#action-AdoptPlan [data-testid=plan-editor-link]")!.TextContent.Should().Be("Skriv aktivitetsplanen");
    }

    [Fact]
    public async Task Nynorsk_ActionsAreNamedInNynorsk()
    {
        var document = await Render(Detail(Investigating(), Principal), Principal, culture: "nn-NO");

        document.QuerySelector("#action-RecordFinding summary")!.TextContent.Should().Be("Registrer funn i undersøkinga");
    }
}
