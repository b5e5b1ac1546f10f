using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Bunit;
using static Aktivitetsplikt.Web.Tests.Components.CaseFixtures;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>The case page's action panel, in bUnit: what each role is offered, and which step is the primary one.</summary>
public class CaseActionsTests
{
    private static IRenderedComponent<CaseActions> Render(StepContext context, Case @case, Actor viewer) =>
        context.Render<CaseActions>(p => p
            .Add(c => c.Case, Detail(@case, viewer))
            .Add(c => c.Viewer, new StepViewer(viewer.UserId, viewer.Role, new DateOnly(2026, 11, 16)))
            .Add(c => c.NowUtc, Monday));

    private static IReadOnlyList<string> Offered(IRenderedComponent<CaseActions> panel) =>
        panel.FindAll("[data-trigger]").Select(d => d.GetAttribute("data-trigger")!).ToList();

    private static string? Primary(IRenderedComponent<CaseActions> panel) =>
        panel.FindAll("[data-primary=true]").SingleOrDefault()?.GetAttribute("data-trigger");

    public static TheoryData<Role> Viewers() => new() { Role.Staff, Role.Principal, Role.SchoolOwnerTeam, Role.Administrator };

    private static Actor ActorFor(Role role) => role switch
    {
        Role.Staff => Staff,
        Role.Principal => Principal,
        Role.SchoolOwnerTeam => Team,
        _ => Admin,
    };

    private static readonly CaseTrigger[] OfferedElsewhere =
        [CaseTrigger.RecordDocument, .. Aktivitetsplikt.Web.Features.Evidence.AttachmentsSection.Triggers];

    [Theory]
    [MemberData(nameof(Viewers))]
    public void EachRole_SeesExactlyTheStepsTheWorkflowPermitsIt(Role role)
    {
        using var context = new StepContext();
        var viewer = ActorFor(role);
        foreach (var @case in new[] { Logged(), Investigating(), WithPlan() })
        {
            var panel = Render(context, @case, viewer);

            // RecordDocument is offered by the Documents section, which streams the file, and the attachments' steps by the
            // Attachments section, which reads it; not as steps here.
            Offered(panel).Should().BeEquivalentTo(@case.PermittedTriggers(viewer).Where(t => !OfferedElsewhere.Contains(t)).Select(t => t.ToString()),
                $"{role} on a case in {@case.State}");
        }
    }

    [Fact]
    public void EveryTriggerButThoseOfDocumentsAndAttachments_HasItsSlicesComponent()
    {
        // The family's steps (a guardian's or the pupil's own) are taken on the family's page, not on the staff's case page.
        Role[] family = [Role.Guardian, Role.Pupil];
        StepForms.All.Keys.Should().BeEquivalentTo(Enum.GetValues<CaseTrigger>().Where(t => !OfferedElsewhere.Contains(t)
            && !CaseWorkflow.RolesByTrigger[t].All(family.Contains)));
    }

    [Fact]
    public void Administrator_IsOfferedNothing_AndToldSo()
    {
        using var context = new StepContext();
        var panel = Render(context, Investigating(), Admin);

        Offered(panel).Should().BeEmpty();
        panel.Find("[data-testid=no-actions]").TextContent.Should().Be("Du har ingen handlinger i denne saken nå.");
    }

    [Fact]
    public void NotifiedCase_ThePrimaryStepIsStartingTheInvestigation_WithItsDeadline()
    {
        using var context = new StepContext();
        var @case = Logged();

        var panel = Render(context, @case, Principal);

        Primary(panel).Should().Be(nameof(CaseTrigger.StartInvestigation));
        panel.Find("[data-testid=next-step] h3").TextContent.Should().Be("Start undersøkelse");
        var due = @case.Deadlines.Single(d => d.Kind == Domain.Deadlines.DeadlineKind.StartInvestigation && d.MetAtUtc is null).DueUtc;
        panel.Find("[data-testid=next-step-deadline]").TextContent.Should().Contain("Frist: " + Infrastructure.UiText.ToOslo(due).ToString("dd.MM.yyyy"));
        panel.Find("#action-StartInvestigation button[type=submit]").GetAttribute("data-variant").Should().Be("primary", "the one main action is drawn as the main button");
        panel.FindAll("[data-primary=true]").Should().ContainSingle("there is one primary action");
    }

    [Fact]
    public void PupilNotSafe_WhileInvestigating_ThePrimaryStepIsThePlan_ALinkToThePlanEditor_AndClosingIsNotOffered()
    {
        using var context = new StepContext();
        var @case = Investigating(pupilNotSafe: true);

        var panel = Render(context, @case, Principal);

        Primary(panel).Should().Be(nameof(CaseTrigger.AdoptPlan));
        var link = panel.Find("#action-AdoptPlan a[data-testid=plan-link]");
        link.GetAttribute("href").Should().Be($"/saker/{@case.Id}/plan/ny");
        link.GetAttribute("data-variant").Should().Be("primary");
        Offered(panel).Should().NotContain(nameof(CaseTrigger.Close));
    }

    [Fact]
    public void PlanInPlace_ThePrimaryStepIsTheEvaluation_AndRevisingIsASecondaryLink()
    {
        using var context = new StepContext();
        var @case = WithPlan();

        var panel = Render(context, @case, Principal);

        Primary(panel).Should().Be(nameof(CaseTrigger.StartEvaluation));
        panel.Find("[data-testid=next-step-deadline]").TextContent.Should().Contain("30.11.2026");
        var revise = panel.Find("#group-Progress #action-RevisePlan a");
        revise.GetAttribute("href").Should().Be($"/saker/{@case.Id}/plan/ny");
        revise.GetAttribute("data-variant").Should().Be("secondary");
    }

    [Fact]
    public void Staff_HasNoPrimaryStep_WhenTheNextStepIsTheLeaders()
    {
        using var context = new StepContext();

        var panel = Render(context, Investigating(pupilNotSafe: true), Staff);

        Primary(panel).Should().BeNull("adopting the plan is the principal's step");
        Offered(panel).Should().Contain(nameof(CaseTrigger.RecordPupilVoice)).And.NotContain(nameof(CaseTrigger.StartInvestigation));
    }

    [Fact]
    public void SecondarySteps_AreGroupedAndFolded()
    {
        using var context = new StepContext();

        var panel = Render(context, Investigating(), Principal);

        panel.FindAll("details.step-group").Select(g => g.Id).Should().Equal("group-Progress", "group-Record", "group-FlagAndNotify", "group-CommentAndCorrect");
        panel.FindAll("details.step-group").Should().OnlyContain(g => !g.HasAttribute("open"));
        panel.Find("#group-Record > summary").TextContent.Should().StartWith("Registrer");
        panel.Find("#group-Record #action-RecordFinding").Should().NotBeNull();
        panel.Find("#group-CommentAndCorrect #action-AddComment").Should().NotBeNull();
    }

    [Fact]
    public void EveryStepForm_HasLabelledFields_AndNoFormPostsTheOldWay()
    {
        using var context = new StepContext();

        var panel = Render(context, WithPlan(), Principal);

        foreach (var form in panel.FindAll("[data-trigger] form"))
        {
            form.HasAttribute("method").Should().BeFalse("a step is sent through the circuit, not posted");
            foreach (var field in form.QuerySelectorAll("input:not([type=radio]):not([type=checkbox]), textarea, select"))
                panel.FindAll($"label[for='{field.Id}']").Should().NotBeEmpty($"field {field.Id} needs a label");
        }
    }

    [Fact]
    public void StaffResponsibleForAMeasure_CanUpdateOnlyTheirOwnMeasure()
    {
        using var context = new StepContext();
        var @case = WithPlan();

        var responsible = Render(context, @case, Staff);
        var other = Render(context, @case, OtherStaff);

        Offered(responsible).Should().Contain(nameof(CaseTrigger.RecordMeasureProgress));
        responsible.FindAll("#a-RecordMeasureProgress-MeasureKey option:not([value=''])").Should().HaveCount(1);
        Offered(other).Should().NotContain(nameof(CaseTrigger.RecordMeasureProgress));
    }

    [Fact]
    public void Nynorsk_StepsAndGroupsAreNamedInNynorsk()
    {
        using var context = new StepContext(culture: "nn-NO");

        var panel = Render(context, Investigating(), Principal);

        panel.Find("#action-RecordFinding > summary").TextContent.Should().Be("Registrer funn i undersøkinga");
        panel.Find("#actions-heading").TextContent.Should().Be("Kva kan gjerast no");
    }
}
