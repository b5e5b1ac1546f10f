using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>
/// The family's part (a guardian's view, a meeting request, a disagreement with the plan) and the principal identifying the
/// pupil of a "si fra" case: what each records, and what the law's rules make of it.
/// </summary>
public class FamilyStepsTests
{
    [Fact]
    public void GiveFamilyView_RecordsTheParentsViewAndThePupilsViewAsTheParentTellsIt_AsTheParents()
    {
        var @case = ACase().Investigating().Build();

        @case.GiveFamilyView(Guardian, Later, new FamilyViewReport("We are worried.", "He says nobody lets him join in.", PupilView.NotSafe));

        var parents = @case.Entries.Single(e => e.Kind == EntryKind.FamilyView);
        parents.Text.Should().Be("We are worried.");
        parents.ActorRole.Should().Be(Role.Guardian);
        var told = @case.Entries.Single(e => e.Kind == EntryKind.PupilVoice);
        told.Text.Should().Be("He says nobody lets him join in.");
        told.PupilView.Should().Be(PupilView.NotSafe);
        VoiceSources.Of(told).Should().Be(VoiceSource.Parent, "a parent's account of the pupil's view is not the pupil's own statement");
        told.ActorName.Should().Be(Guardian.Name);
    }

    [Fact]
    public void AParentsAccountThatThePupilIsNotSafe_DoesNotSetThePupilsView_ButMustBeSettledBeforeClosing()
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();

        @case.GiveFamilyView(Guardian, Later, new FamilyViewReport(null, "She cries every morning before school.", PupilView.NotSafe));

        @case.CurrentPupilView.Should().Be(PupilView.Safe, "only the pupil's own words set the pupil's view");
        @case.MeasuresRequired.Should().BeFalse();
        var close = () => @case.Close(Principal, Later.AddHours(1), "Nothing more to do.");
        close.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.ReportNotSettled);
    }

    [Fact]
    public void GiveFamilyView_WithNeitherView_IsRefusedAndLeavesNoTrace()
    {
        var @case = ACase().Investigating().Build();
        var before = @case.Entries.Count;

        var act = () => @case.GiveFamilyView(Guardian, Later, new FamilyViewReport(" ", null, PupilView.Unknown));

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.ReasonRequired);
        @case.Entries.Should().HaveCount(before);
    }

    [Fact]
    public void GiveFamilyView_WithoutSayingHowThePupilFeels_RecordsNoPupilView()
    {
        var @case = ACase().Investigating().Build();

        @case.GiveFamilyView(Guardian, Later, new FamilyViewReport(null, "He does not want to talk about it.", PupilView.Unknown));

        @case.Entries.Single(e => e.Kind == EntryKind.PupilVoice).PupilView.Should().BeNull();
    }

    [Fact]
    public void FamilySteps_OnAClosedCase_AreRefusedAsNotAllowedInTheState()
    {
        var @case = ACase().Closed().Build();

        var view = () => @case.GiveFamilyView(Guardian, Later, new FamilyViewReport("We disagree that it is over.", null, PupilView.Unknown));
        var meeting = () => @case.RequestMeeting(Guardian, Later, "Talk about what happened.", null);
        var disagree = () => @case.DisagreeWithPlan(Guardian, Later, "The plan", "It did not work.");

        view.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.NotAllowedInState);
        meeting.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.NotAllowedInState);
        disagree.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.NotAllowedInState);
    }

    [Fact]
    public void DisagreeWithPlan_IsRecordedAgainstThePlanVersionInForce_WithWhatAndWhy()
    {
        var @case = ACase().WithMeasures().Build();

        @case.DisagreeWithPlan(Guardian, Later, "Adult present at every break", "He is bullied on the way home, not at breaks.");

        var entry = @case.Entries.Last();
        entry.Kind.Should().Be(EntryKind.PlanDisagreement);
        entry.Detail.Should().Be("Adult present at every break");
        entry.Text.Should().Be("He is bullied on the way home, not at breaks.");
        entry.PlanVersion.Should().Be(1);
        @case.State.Should().Be(CaseState.Measures);
    }

    [Fact]
    public void RequestMeeting_KeepsWhyAndWhenItSuits()
    {
        var @case = ACase().PrincipalNotified().Build();

        @case.RequestMeeting(Guardian, Later, "We want to hear what the school will do.", "Tuesdays after 15");

        var entry = @case.Entries.Last();
        entry.Kind.Should().Be(EntryKind.MeetingRequested);
        (entry.Text, entry.Detail).Should().Be(("We want to hear what the school will do.", "Tuesdays after 15"));
    }

    [Fact]
    public void IdentifyPupil_MakesTheSiFraCaseThePupils_AndIsRecorded()
    {
        var @case = ACase().PrincipalNotified().FromSiFraWithoutPupil().Build();
        @case.PupilId.Should().BeNull();

        @case.IdentifyPupil(Principal, Later, PupilId, SchoolId, "Emma Hansen, 5A", "The message names her class.");

        @case.PupilId.Should().Be(PupilId);
        var entry = @case.Entries.Last();
        entry.Kind.Should().Be(EntryKind.PupilIdentified);
        (entry.Text, entry.Detail, entry.ActorRole).Should().Be(("The message names her class.", "Emma Hansen, 5A", Role.Principal));
    }

    [Fact]
    public void IdentifyPupil_Twice_IsRefusedByItsGuard()
    {
        var @case = ACase().Investigating().FromSiFraWithoutPupil().Build();
        @case.IdentifyPupil(Principal, Later, PupilId, SchoolId, "Emma Hansen, 5A", "Named in the message.");

        var again = () => @case.IdentifyPupil(Principal, Later.AddHours(1), Guid.NewGuid(), SchoolId, "Noah Johansen, 5A", "Changed my mind.");

        again.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.PupilAlreadyIdentified);
        @case.PupilId.Should().Be(PupilId);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.IdentifyPupil);
    }

    [Fact]
    public void IdentifyPupil_OnACaseLoggedForAPupil_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        var act = () => @case.IdentifyPupil(Principal, Later, Guid.NewGuid(), SchoolId, "Noah Johansen, 5A", "Wrong pupil.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.PupilAlreadyIdentified);
    }

    [Fact]
    public void IdentifyPupil_WithAPupilOfAnotherSchool_IsRefusedAndLeavesNoTrace()
    {
        var @case = ACase().PrincipalNotified().FromSiFraWithoutPupil().Build();
        var before = @case.Entries.Count;

        var act = () => @case.IdentifyPupil(Principal, Later, PupilId, Guid.NewGuid(), "Emma Hansen, 5A", "Named in the message.");

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.PupilNotAtSchool);
        @case.PupilId.Should().BeNull();
        @case.Entries.Should().HaveCount(before);
    }
}
