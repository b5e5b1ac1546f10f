using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class HearOtherPupilAndEvaluationTests : SliceTest
{
    [Fact]
    public async Task HearOtherPupil_ByStaffWhoReported_RecordsWhoAndWhat_ForTheTimeline()
    {
        var id = await App.ACase().Investigating();

        await App.SendAs(Org.StaffA, new HearOtherPupil.Command(id, null, "Jonas, 5B", "Jonas sier at de andre aldri lar Emma være med."));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        var entry = detail.Timeline[^1];
        entry.Kind.Should().Be(EntryKind.OtherPupilHeard);
        entry.Detail.Should().Be("Jonas, 5B");
        entry.Text.Should().Be("Jonas sier at de andre aldri lar Emma være med.");
    }

    [Fact]
    public async Task HearOtherPupil_WithoutAName_IsRefusedByTheValidator()
    {
        var id = await App.ACase().Investigating();

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new HearOtherPupil.Command(id, null, " ", "Sa noe.")))
            .Should().ThrowAsync<ValidationException>();
    }

    [Fact]
    public async Task RecordEvaluation_KeepsTheParentsViewAndAnAssessmentPerMeasure()
    {
        var id = await App.ACase().Evaluating();
        var measure = (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0];

        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Emma sier hun er trygg.", "Tiltakene har virket.",
            "Foreldrene ser at Emma gleder seg til skolen igjen.", [new MeasureAssessment(measure.MeasureKey, "Voksen til stede hvert friminutt; virket godt.")]));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        detail.Timeline.Single(e => e.Kind == EntryKind.Evaluation).ParentsView.Should().Be("Foreldrene ser at Emma gleder seg til skolen igjen.");
        detail.Timeline.Single(e => e.Kind == EntryKind.MeasureEvaluated).Text.Should().Be("Voksen til stede hvert friminutt; virket godt.");
    }

    [Fact]
    public async Task RecordEvaluation_WithoutTheParentsView_IsRefusedByTheValidator()
    {
        var id = await App.ACase().Evaluating();

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Trygg.", "Virket.", " ")))
            .Should().ThrowAsync<ValidationException>();
    }
}
