using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>AdoptPlan and RevisePlan (one source file, AdoptPlan.cs).</summary>
public sealed class AdoptPlanTests : SliceTest
{
    [Fact]
    public async Task AdoptPlan_WithAllFiveParts_MovesToMeasures_StoresVersionOne_AndSetsEvaluationDeadline()
    {
        var id = await App.ACase().Investigating();
        var evaluateOn = new DateOnly(2026, 12, 9);

        await App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, CaseBuilder.CompletePlan(Org.StaffA, evaluateOn)));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Measures);
        var plan = @case.Plans.Should().ContainSingle().Subject;
        plan.Version.Should().Be(1);
        plan.Problem.Should().Be("Eleven blir holdt utenfor i friminuttene.");
        plan.EvaluationDate.Should().Be(evaluateOn);
        plan.AdoptedByUserId.Should().Be(Org.Principal1.Id);
        plan.PupilView.Should().NotBeNullOrWhiteSpace();
        var measure = plan.Measures.Should().ContainSingle().Subject;
        measure.ResponsibleUserId.Should().Be(Org.StaffA.Id);
        measure.Status.Should().Be(MeasureStatus.Planned);
        @case.Entries[^1].Kind.Should().Be(EntryKind.PlanAdopted);
        @case.Entries[^1].PlanVersion.Should().Be(1);
        @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.EvaluatePlan && d.IsOpen && d.PlanVersion == 1)
            .Which.DueUtc.Should().Be(new DateTime(2026, 12, 9, 22, 59, 59, DateTimeKind.Utc));
    }

    [Fact]
    public async Task AdoptPlan_WithMissingParts_IsRefusedAsPlanIncomplete_AndNothingIsSaved()
    {
        var id = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(id);
        var incomplete = new PlanInput("", new[] { new MeasureInput("Voksen i friminuttene", "", "Kari A Lærer", null, null) }, null,
            null, null, null, null);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new AdoptPlan.Command(id, before.Revision, incomplete)))
            .Should().ThrowAsync<CaseRuleViolation>();

        refused.Which.Code.Should().Be(RefusalCode.PlanIncomplete);
        refused.Which.Details.Should().Equal(nameof(PlanPart.Problem), nameof(PlanPart.When), nameof(PlanPart.EvaluationDate));
        (await App.SnapshotAsync(id)).Should().Be(before);
        (await App.WithDb(db => db.PlanVersions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task AdoptPlan_WithResponsibleUserFromAnotherSchool_IsAValidationError()
    {
        var id = await App.ACase().Investigating();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1,
                new AdoptPlan.Command(id, null, CaseBuilder.CompletePlan(Org.Staff2, CaseBuilder.EvaluationDate(App)))))
            .Should().ThrowAsync<ValidationException>();

        refused.Which.Errors.Should().ContainSingle(e => e.PropertyName == "Plan.Measures");
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task AdoptPlan_ByStaff_IsRefusedAsRoleMayNotAct()
    {
        var id = await App.ACase().Investigating();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.StaffA,
                new AdoptPlan.Command(id, null, CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App)))))
            .Should().ThrowAsync<CaseRuleViolation>();
        refused.Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }

    [Fact]
    public async Task RevisePlan_InMeasures_AddsVersionTwo_KeepsVersionOneInTheDatabase_AndCarriesMeasureStatus()
    {
        var id = await App.ACase().Measures();
        var v1 = (await App.LoadCaseAsync(id)).CurrentPlan!;
        var key = v1.Measures[0].MeasureKey;
        await App.SendAs(Org.StaffA, new RecordMeasureProgress.Command(id, null, key, MeasureStatus.UnderWay, "Startet mandag."));
        Clock.Advance(TimeSpan.FromDays(2));
        var revised = new PlanInput("Eleven blir holdt utenfor, også i gymtimene.",
            new[]
            {
                new MeasureInput("Voksen til stede i friminuttene", "Alle storefriminutt", Org.StaffA.DisplayName, Org.StaffA.Id, null, key),
                new MeasureInput("Læreren setter sammen grupper i gym", "Alle gymtimer", Org.StaffB.DisplayName, Org.StaffB.Id, null),
            },
            new DateOnly(2026, 12, 16), "Eleven vil ha faste grupper.", "Samtale", "Foreldrene er enige.", "Telefon");

        await App.SendAs(Org.Principal1, new RevisePlan.Command(id, null, revised, "Nytt tiltak i gymtimene."));

        var versions = await App.WithDb(db => db.PlanVersions.AsNoTracking().Include(p => p.Measures).Where(p => p.CaseId == id)
            .OrderBy(p => p.Version).ToListAsync());
        versions.Select(v => v.Version).Should().Equal(1, 2);
        versions[0].Problem.Should().Be(v1.Problem);
        versions[0].EvaluationDate.Should().Be(v1.EvaluationDate);
        versions[0].Measures.Should().ContainSingle();
        versions[1].ChangeSummary.Should().Be("Nytt tiltak i gymtimene.");
        versions[1].Measures.Should().HaveCount(2);
        versions[1].Measures.Single(m => m.MeasureKey == key).Status.Should().Be(MeasureStatus.UnderWay);

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Measures);
        @case.Entries[^1].Kind.Should().Be(EntryKind.PlanRevised);
        @case.Deadlines.Where(d => d.Kind == DeadlineKind.EvaluatePlan).Should().HaveCount(2)
            .And.ContainSingle(d => d.IsOpen && d.PlanVersion == 2);
    }

    [Fact]
    public async Task RevisePlan_AfterNotSafeEvaluation_MovesBackToMeasures()
    {
        var id = await App.ACase().Evaluating();
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.NotSafe, "Fortsatt alene i gym.", "Delvis virket.", "Foreldrene er informert og enige."));

        await App.SendAs(Org.Principal1, new RevisePlan.Command(id, null,
            CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App), "Også i gymtimene."), "Nye tiltak etter evalueringen."));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.Measures);
        @case.Plans.Select(p => p.Version).Should().Equal(1, 2);
    }

    [Fact]
    public async Task RevisePlan_WithoutChangeSummary_IsAValidationError()
    {
        var id = await App.ACase().Measures();

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1,
                new RevisePlan.Command(id, null, CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App)), " ")))
            .Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().Contain(e => e.PropertyName == nameof(RevisePlan.Command.ChangeSummary));
    }
}
