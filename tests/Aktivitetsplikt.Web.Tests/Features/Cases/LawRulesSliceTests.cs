using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>The rules of § 12-4 and § 12-6 as the slices carry them: who said it, the investigation's conclusion, the date raised with the principal.</summary>
public sealed class LawRulesSliceTests : SliceTest
{
    [Fact]
    public async Task RecordFinding_ConcludingNotSafe_MakesMeasuresMandatory_AndTheCasePageSaysWhy()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.Safe, "Emma sier det går fint.", VoiceSource.Pupil));

        await App.SendAs(Org.Principal1, new RecordFinding.Command(id, null, "Tre elever forteller at Emma holdes utenfor hver dag.",
            Conclusion: EnvironmentConclusion.NotSafeAndGood));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id));
        detail.MeasuresRequired.Should().BeTrue();
        detail.MeasuresRequiredBecause.Should().Equal(MeasuresGround.InvestigationConcludedNotSafe);
        detail.Timeline[^1].Conclusion.Should().Be(EnvironmentConclusion.NotSafeAndGood);
        detail.May(CaseTrigger.Close).Should().BeFalse();
        var close = () => App.SendAs(Org.Principal1, new CloseCase.Command(id, null, "Eleven sier det går fint."));
        (await close.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.InvestigationConcludedNotSafe);
    }

    [Fact]
    public async Task RaisedWithPrincipal_OnTheConcernAndOnAParentContact_ShowsTheEarliestDateAndTheCountyGovernorsWeek()
    {
        var today = SchoolCalendar.OsloDate(Clock.UtcDateTime);
        var logged = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Emma gråt i garderoben.", Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Classroom, null, true, false, false, false, RaisedWithPrincipalOn: today.AddDays(-2)));

        await App.SendAs(Org.Principal1, new RecordParentContact.Command(logged.CaseId, null, "Mor tok saken opp med rektor på telefon.",
            RaisedWithPrincipalOn: today.AddDays(-5)));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(logged.CaseId));
        detail.RaisedWithPrincipalOn.Should().Be(today.AddDays(-5));
        detail.CountyGovernorMayTakeFrom.Should().Be(today.AddDays(2));
        detail.Timeline.Should().Contain(e => e.Kind == EntryKind.ConcernLogged && e.RaisedWithPrincipalOn == today.AddDays(-2));
    }

    [Fact]
    public async Task RaisedWithPrincipal_InTheFuture_IsRefusedByTheValidator()
    {
        var id = await App.ACase().Investigating();
        var tomorrow = SchoolCalendar.OsloDate(Clock.UtcDateTime).AddDays(1);

        await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new RecordParentContact.Command(id, null, "Telefon.", RaisedWithPrincipalOn: tomorrow)))
            .Should().ThrowAsync<FluentValidation.ValidationException>();
    }
}
