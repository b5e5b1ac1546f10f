using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Components;
using static Aktivitetsplikt.Web.Tests.Components.CaseFixtures;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public class PlanComparisonTests
{
    private static (PlanView V1, PlanView V2) RevisedPlans()
    {
        var @case = WithPlan();
        @case.StartEvaluation(Principal, Monday.AddDays(7));
        @case.RecordEvaluation(Principal, Monday.AddDays(7), PupilView.NotSafe, "Still alone in gym.", "Breaks are better; gym is not.");
        var kept = @case.CurrentPlan!.Measures[0];
        @case.RevisePlan(Principal, Monday.AddDays(8), new PlanDraft("Emma is left out at breaks and in gym.",
            new[]
            {
                new MeasureDraft(kept.Description, "Every break from week 49", kept.ResponsibleName, kept.ResponsibleUserId, null, kept.MeasureKey),
                new MeasureDraft("The teacher makes the gym groups", "Every gym lesson", "Kari Lærer", Staff.UserId, null),
            },
            new DateOnly(2026, 12, 14), "Emma says breaks are fine now but gym is not.", "Talk with her teacher", "The parents agree.", "Meeting at school",
            "New measure for gym after the evaluation."));
        var detail = Detail(@case, Principal);
        return (detail.Plans[0], detail.Plans[1]);
    }

    [Fact]
    public void Compare_ShowsChangedPartsAndMeasures_FollowedByTheirKey()
    {
        var (v1, v2) = RevisedPlans();

        var result = PlanComparison.Compare(v1, v2);

        result.FromVersion.Should().Be(1);
        result.ToVersion.Should().Be(2);
        result.Plan.Select(p => p.Field).Should().BeEquivalentTo("PlanPart.Problem", "PlanPart.EvaluationDate", "Plan.PupilViewHeading");
        result.Plan.Single(p => p.Field == "PlanPart.Problem").After.Should().Be("Emma is left out at breaks and in gym.");
        result.Measures.Should().ContainSingle(m => m.Kind == PlanComparison.ChangeKind.Added && m.Description == "The teacher makes the gym groups");
        var changed = result.Measures.Single(m => m.Kind == PlanComparison.ChangeKind.Changed);
        changed.Parts.Should().ContainSingle(p => p.Field == "Plan.When" && p.Before == "Every break from week 48" && p.After == "Every break from week 49");
    }

    [Fact]
    public void Compare_AVersionWithItself_HasNoChanges()
    {
        var (v1, _) = RevisedPlans();

        PlanComparison.Compare(v1, v1).Any.Should().BeFalse();
    }

    [Fact]
    public void Compare_AMeasureLeftOut_IsRemoved()
    {
        var (v1, v2) = RevisedPlans();

        var backwards = PlanComparison.Compare(v2, v1);

        backwards.Measures.Should().ContainSingle(m => m.Kind == PlanComparison.ChangeKind.Removed && m.Description == "The teacher makes the gym groups");
    }

    [Fact]
    public void Compare_AMeasureCarriedOut_IsCarriedOut_NeverTakenOut()
    {
        var @case = WithPlan();
        var done = @case.CurrentPlan!.Measures[0];
        @case.RecordMeasureProgress(Principal, Monday.AddDays(6), done.MeasureKey, MeasureStatus.Done, "Carried out for three weeks.");
        @case.StartEvaluation(Principal, Monday.AddDays(7));
        @case.RecordEvaluation(Principal, Monday.AddDays(7), PupilView.NotSafe, "Gym is still hard.", "Breaks are fine; gym is not.");
        @case.RevisePlan(Principal, Monday.AddDays(8), new PlanDraft("Emma is left out in gym.",
            [new MeasureDraft("The teacher makes the gym groups", "Every gym lesson", "Kari Lærer", Staff.UserId, null)],
            new DateOnly(2026, 12, 14), "Gym is hard.", "Talk", "The parents agree.", "Meeting", "Gym after the evaluation."));
        var detail = Detail(@case, Principal);

        var result = PlanComparison.Compare(detail.Plans[0], detail.Plans[1]);

        detail.Plans[1].Measures.Should().ContainSingle(m => m.MeasureKey == done.MeasureKey).Which.Status.Should().Be(MeasureStatus.Done);
        result.Measures.Should().ContainSingle(m => m.Description == done.Description).Which.Kind.Should().Be(PlanComparison.ChangeKind.CarriedOut);
        result.Measures.Should().NotContain(m => m.Kind == PlanComparison.ChangeKind.Removed);
    }
}
