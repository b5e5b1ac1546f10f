using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// The pupil signed in with Feide gives their own view (ADR 021): the pupil's own statement, self-reported, as a pupil's
/// "I don't feel safe" through si fra is (ADR 016) — never confused with a guardian's account of the pupil.
/// </summary>
public class PupilOwnViewTests
{
    [Fact]
    public void GivePupilsOwnView_NotSafe_IsThePupilsOwnSelfReportedStatement_AndMakesMeasuresMandatory()
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();

        @case.GivePupilsOwnView(PupilSelf, Later, "They take my things in the changing room.", PupilView.NotSafe);

        var entry = @case.Entries.Last();
        entry.Kind.Should().Be(EntryKind.PupilVoice);
        entry.Text.Should().Be("They take my things in the changing room.");
        entry.ActorRole.Should().Be(Role.Pupil);
        VoiceSources.Of(entry).Should().Be(VoiceSource.Pupil, "the pupil's own words are the pupil's statement (§ 12-4)");
        VoiceSources.IsSelfReported(entry.Detail).Should().BeTrue();
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
        @case.MeasuresRequired.Should().BeTrue();
        var close = () => @case.Close(Principal, Later.AddHours(1), "Nothing more to do.");
        close.Should().Throw<CaseRuleViolation>();
    }

    [Fact]
    public void GivePupilsOwnView_Safe_IsRecordedWithTheView_ButDoesNotSetThePupilsView()
    {
        var @case = ACase().Investigating().Build();

        @case.GivePupilsOwnView(PupilSelf, Later, "It is better now.", PupilView.Safe);

        @case.Entries.Last().PupilView.Should().Be(PupilView.Safe);
        @case.CurrentPupilView.Should().Be(PupilView.Unknown, "that the pupil is safe now is for the school to hear and evaluate with the pupil");
    }

    [Fact]
    public void GivePupilsOwnView_WithoutText_IsRefusedAndLeavesNoTrace()
    {
        var @case = ACase().Investigating().Build();
        var before = @case.Entries.Count;

        var act = () => @case.GivePupilsOwnView(PupilSelf, Later, "  ", PupilView.NotSafe);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.ReasonRequired);
        @case.Entries.Should().HaveCount(before);
    }

    [Fact]
    public void ThePupil_CannotGiveTheParentsView_NorAGuardianThePupilsOwn()
    {
        var @case = ACase().Investigating().Build();
        var before = @case.Entries.Count;

        var asParents = () => @case.GiveFamilyView(PupilSelf, Later, new FamilyViewReport("We are worried.", null, PupilView.Unknown));
        var asPupil = () => @case.GivePupilsOwnView(Guardian, Later, "I am not safe.", PupilView.NotSafe);

        asParents.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
        asPupil.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
        @case.Entries.Should().HaveCount(before);
    }

    [Fact]
    public void ThePupil_MayNotDisagreeWithThePlan_OrTakeAnyStaffStep()
    {
        var @case = ACase().WithMeasures().Build();

        @case.PermittedTriggers(PupilSelf).Should().BeEquivalentTo([CaseTrigger.GiveFamilyView, CaseTrigger.RequestMeeting]);
    }
}
