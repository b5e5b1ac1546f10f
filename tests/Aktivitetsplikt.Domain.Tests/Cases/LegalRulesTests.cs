using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>The rules of § 12-4 / § 12-5 (formerly §§ 9 A-4, 9 A-5) as DOMAIN.md states them, one at a time.</summary>
public class LegalRulesTests
{
    private static CaseRuleViolation Refusal(Action act) =>
        act.Should().Throw<CaseRuleViolation>().Which;

    // Following up, intervening, notifying

    [Fact]
    public void LogConcern_OnlyLogged_StaysInFollowingUp()
    {
        var @case = LogConcern(Concern(), Staff, Monday);

        @case.State.Should().Be(CaseState.FollowingUp);
        var entry = @case.Entries.Should().ContainSingle().Subject;
        entry.Kind.Should().Be(EntryKind.ConcernLogged);
        entry.OccurredAtUtc.Should().Be(Monday.AddHours(-1));
        entry.Location.Should().Be(ConcernLocation.Schoolyard);
        @case.ReportedByUserId.Should().Be(Staff.UserId);
    }

    [Fact]
    public void LogConcern_WithInterventionAndNotification_DoesAllThreeStepsInOneSubmit()
    {
        var @case = LogConcern(Concern(intervention: "Stopped the fight.", notifyPrincipalNow: true), Staff, Monday);

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Select(e => (e.Kind, e.StateBefore, e.StateAfter)).Should().Equal(
            (EntryKind.ConcernLogged, CaseState.FollowingUp, CaseState.FollowingUp),
            (EntryKind.Intervention, CaseState.FollowingUp, CaseState.Intervened),
            (EntryKind.PrincipalNotified, CaseState.Intervened, CaseState.PrincipalNotified));
    }

    [Fact]
    public void LogConcern_ByThePrincipal_IsAlreadyKnownToThePrincipal()
    {
        var @case = LogConcern(Concern(), Principal, Monday);

        @case.State.Should().Be(CaseState.PrincipalNotified);
    }

    [Fact]
    public void NotifyPrincipal_WithoutIntervention_MovesFromFollowingUp()
    {
        var @case = ACase().Build();

        @case.NotifyPrincipal(Staff, Later, Policy, Calendar, "Told her in the staff room.");

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries[^1].Text.Should().Be("Told her in the staff room.");
    }

    [Theory]
    [InlineData(Role.SchoolOwnerTeam)]
    [InlineData(Role.Administrator)]
    public void LogConcern_ByARoleThatDoesNotWorkAtTheSchool_IsRefused(Role role)
    {
        Refusal(() => LogConcern(Concern(), ActorFor(role), Monday)).Code.Should().Be(RefusalCode.RoleMayNotAct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void LogConcern_WithoutSayingWhatHappened_IsRefused(string whatHappened)
    {
        Refusal(() => LogConcern(Concern(whatHappened: whatHappened))).Code.Should().Be(RefusalCode.ReasonRequired);
    }

    [Fact]
    public void LogConcern_LeadershipSuspectedWithoutAnEmployeeSuspected_IsRefused()
    {
        Refusal(() => LogConcern(Concern(leadershipSuspected: true))).Code.Should().Be(RefusalCode.ReasonRequired);
    }

    // The pupil's voice decides

    [Fact]
    public void PupilVoiceNotSafe_MakesMeasuresRequired()
    {
        var @case = ACase().Investigating().Build();
        @case.MeasuresRequired.Should().BeFalse();

        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "I am scared at break.", VoiceSource.Pupil);

        @case.MeasuresRequired.Should().BeTrue();
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
        @case.Entries[^1].PupilView.Should().Be(PupilView.NotSafe);
        @case.Entries[^1].Detail.Should().Be("pupil");
    }

    [Fact]
    public void PupilSaysNotSafeWhenTheConcernIsLogged_IsRecordedAsThePupilsVoice()
    {
        var @case = ACase().WherePupilSaysNotSafe().Build();

        @case.MeasuresRequired.Should().BeTrue();
        @case.Entries.Should().Contain(e => e.Kind == EntryKind.PupilVoice && e.PupilView == PupilView.NotSafe);
    }

    [Theory]
    [InlineData(VoiceSource.Parent, "parent")]
    [InlineData(VoiceSource.StaffObservation, "staff")]
    public void PupilVoice_FromAParentOrStaff_IsMarkedSo_AndIsKnowledgeToInvestigate_NotThePupilsView(VoiceSource source, string detail)
    {
        var @case = ACase().Build();

        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "He cries every morning.", source);

        @case.Entries[^1].Detail.Should().Be(detail);
        @case.CurrentPupilView.Should().Be(PupilView.Unknown, "only the pupil's own words are the pupil's view");
        @case.MeasuresRequired.Should().BeFalse("the law names the pupil's own statement; a report is knowledge to investigate");
    }

    [Theory]
    [InlineData(VoiceSource.Parent)]
    [InlineData(VoiceSource.StaffObservation)]
    public void Close_FromInvestigation_AfterAParentOrStaffReport_WithoutAConclusion_IsRefused(VoiceSource source)
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();
        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "The mother says he cries every morning.", source);

        Refusal(() => @case.Close(Principal, Later.AddHours(1), "Nothing more to do.")).Code.Should().Be(RefusalCode.ReportNotSettled);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.Close);
    }

    [Fact]
    public void Close_FromInvestigation_AfterAParentReport_SettledByAConclusionSafe_Succeeds()
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();
        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "The mother says he cries every morning.", VoiceSource.Parent);
        @case.RecordFinding(Principal, Later.AddMinutes(5), "Talked with the pupil, the class and the SFO staff: no sign of exclusion.",
            conclusion: EnvironmentConclusion.SafeAndGood);

        @case.Close(Principal, Later.AddHours(1), "Investigated; the environment is safe and good.");

        @case.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void InvestigationConcludingNotSafe_MakesMeasuresRequired_EvenWhenThePupilSaysSafe()
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();

        @case.RecordFinding(Principal, Later, "Three pupils say he is shut out of every game.", conclusion: EnvironmentConclusion.NotSafeAndGood);

        @case.MeasuresRequired.Should().BeTrue();
        @case.MeasuresRequiredBecause.Should().Equal(MeasuresGround.InvestigationConcludedNotSafe);
        @case.Entries[^1].Conclusion.Should().Be(EnvironmentConclusion.NotSafeAndGood);
        Refusal(() => @case.Close(Principal, Later.AddHours(1), "The pupil says it is fine.")).Code.Should().Be(RefusalCode.InvestigationConcludedNotSafe);
        @case.PermittedTriggers(Principal).Should().Contain(CaseTrigger.AdoptPlan).And.NotContain(CaseTrigger.Close);
    }

    [Fact]
    public void ConclusionSafe_NeverSettlesWhatThePupilSaid()
    {
        var @case = ACase().Investigating().WherePupilSaysNotSafe().Build();

        @case.RecordFinding(Principal, Later, "Nobody else saw anything.", conclusion: EnvironmentConclusion.SafeAndGood);

        @case.MeasuresRequiredBecause.Should().Equal(MeasuresGround.PupilSaidNotSafe);
        Refusal(() => @case.Close(Principal, Later.AddHours(1), "Nothing seen.")).Code.Should().Be(RefusalCode.MeasuresRequired);
    }

    [Fact]
    public void Close_FromEvaluating_WhenAFindingSinceTheEvaluationStartedConcludesNotSafe_IsRefused()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.Safe).Build();
        @case.RecordFinding(Principal, Later, "The class teacher sees him alone at every break.", conclusion: EnvironmentConclusion.NotSafeAndGood);

        Refusal(() => @case.Close(Principal, Later.AddHours(1), "The pupil says it is fine.")).Code.Should().Be(RefusalCode.InvestigationConcludedNotSafe);
        @case.State.Should().Be(CaseState.Evaluating);
    }

    [Fact]
    public void Close_FromEvaluating_WithOnlyTheFirstInvestigationsNotSafeConclusion_Succeeds()
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();
        @case.RecordFinding(Principal, Later, "Shut out of games.", conclusion: EnvironmentConclusion.NotSafeAndGood);
        @case.AdoptPlan(Principal, Later.AddMinutes(5), CompletePlan());
        foreach (var measure in @case.CurrentPlan!.Measures)
            @case.RecordMeasureProgress(Principal, Later.AddMinutes(6), measure.MeasureKey, MeasureStatus.Done, null);
        @case.StartEvaluation(Principal, Later.AddMinutes(10));
        @case.RecordEvaluation(Principal, Later.AddMinutes(15), PupilView.Safe, "Breaks are fine now.", "The measures worked.");

        @case.Close(Principal, Later.AddHours(1), "Measures worked; the pupil is safe.");

        @case.State.Should().Be(CaseState.Closed);
    }

    // The one lawful way out while not safe: the pupil has left the school

    [Theory]
    [InlineData(CaseState.PrincipalNotified)]
    [InlineData(CaseState.Investigating)]
    [InlineData(CaseState.Measures)]
    [InlineData(CaseState.Evaluating)]
    public void CloseAsPupilLeftSchool_WhilePupilStillSaysNotSafe_ClosesWithWhoWhenWhy_AndTellsTheTeam(CaseState state)
    {
        var @case = ACase().In(state).WherePupilSaysNotSafe().Build();

        @case.CloseAsPupilLeftSchool(Principal, Later, Departure(sameSchoolOwner: true, handover: "Sent the case to the new principal, 17 November."));

        @case.State.Should().Be(CaseState.Closed);
        @case.ClosedAtUtc.Should().Be(Later);
        @case.Departure!.LeftOn.Should().Be(new DateOnly(2026, 11, 16));
        @case.Departure.DecidedBy.Should().Be("The parents");
        @case.Departure.Handover.Should().Be("Sent the case to the new principal, 17 November.");
        @case.Departure.RecordedByName.Should().Be(Principal.Name);
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.PupilLeftSchool);
        entry.Text.Should().Contain("moved to Vestby");
        entry.Detail.Should().Be("Vestby skole");
        entry.OccurredAtUtc.Should().BeBefore(Later);
        @case.Deadlines.Should().OnlyContain(d => !d.IsOpen);
    }

    [Fact]
    public void CloseAsPupilLeftSchool_ToASchoolOfTheSameOwner_WithoutHandover_IsRefused()
    {
        var @case = ACase().Investigating().WherePupilSaysNotSafe().Build();

        Refusal(() => @case.CloseAsPupilLeftSchool(Principal, Later, Departure(sameSchoolOwner: true))).Code.Should().Be(RefusalCode.HandoverRequired);
        @case.State.Should().Be(CaseState.Investigating);
        @case.Departure.Should().BeNull();
    }

    [Fact]
    public void CloseAsPupilLeftSchool_WithoutWhoDecided_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.CloseAsPupilLeftSchool(Principal, Later, Departure(decidedBy: " "))).Code.Should().Be(RefusalCode.DepartureIncomplete);
    }

    [Fact]
    public void Close_WhilePupilSaysNotSafe_HasNoOtherWayOut_ThanThePupilLeaving()
    {
        var @case = ACase().Investigating().WherePupilSaysNotSafe().Build();

        @case.PermittedTriggers(Principal).Should().Contain(CaseTrigger.CloseAsPupilLeftSchool).And.NotContain(CaseTrigger.Close);
        @case.PermittedTriggers(Staff).Should().NotContain(CaseTrigger.CloseAsPupilLeftSchool);
    }

    // Other directly affected pupils are heard (§ 12-4 with §§ 10-1 and 10-2)

    [Theory]
    [InlineData(CaseState.Investigating)]
    [InlineData(CaseState.Measures)]
    [InlineData(CaseState.Evaluating)]
    public void HearOtherPupil_RecordsWhoWasHeardAndWhatTheySaid_AsAnEntryTheFamilysCopiesMask(CaseState state)
    {
        var @case = ACase().In(state).Build();

        @case.HearOtherPupil(Staff, Later, "  Jonas, 6B ", "  He says they never let her join.  ");

        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.OtherPupilHeard);
        entry.Detail.Should().Be("Jonas, 6B");
        entry.Text.Should().Be("He says they never let her join.");
        @case.State.Should().Be(state);
        @case.CurrentPupilView.Should().NotBe(PupilView.NotSafe, "another pupil's words are not the pupil's own view");
    }

    [Theory]
    [InlineData("", "Said something.")]
    [InlineData("Jonas", " ")]
    public void HearOtherPupil_WithoutWhoOrWhat_IsRefused(string who, string what)
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.HearOtherPupil(Staff, Later, who, what)).Code.Should().Be(RefusalCode.ReasonRequired);
    }

    // The evaluation: the parents' view and an assessment per measure

    [Fact]
    public void RecordEvaluation_KeepsTheParentsView_AndAnAssessmentPerMeasure()
    {
        var @case = ACase().Evaluating().Build();
        var measures = @case.CurrentPlan!.Measures;

        @case.RecordEvaluation(Principal, Later, PupilView.Safe, "Breaks are fine now.", "The measures have worked.", " Relieved; want it kept up. ",
            [new MeasureAssessment(measures[0].MeasureKey, "An adult was there every break."), new MeasureAssessment(measures[1].MeasureKey, "Two talks held; the class is kinder.")]);

        var evaluation = @case.Entries.Single(e => e.Kind == EntryKind.Evaluation);
        evaluation.ParentsView.Should().Be("Relieved; want it kept up.");
        var perMeasure = @case.Entries.Where(e => e.Kind == EntryKind.MeasureEvaluated).ToList();
        perMeasure.Select(e => e.MeasureKey).Should().Equal(measures.Select(m => (Guid?)m.MeasureKey));
        perMeasure[0].Text.Should().Be("An adult was there every break.");
        perMeasure[0].Detail.Should().Be(measures[0].Description);
        perMeasure.Should().OnlyContain(e => e.PlanVersion == 1 && e.Sequence > evaluation.Sequence);
    }

    [Fact]
    public void RecordEvaluation_AssessingAMeasureNotInThePlan_IsRefused_AndChangesNothing()
    {
        var @case = ACase().Evaluating().Build();
        var entries = @case.Entries.Count;

        Refusal(() => @case.RecordEvaluation(Principal, Later, PupilView.Safe, "Fine.", "Worked.", "Glad.", [new MeasureAssessment(Guid.NewGuid(), "?")]))
            .Code.Should().Be(RefusalCode.MeasureNotFound);
        @case.Entries.Count.Should().Be(entries);
    }

    // A measure carried out stays in the plan; closing asks for the final status of planned measures

    [Fact]
    public void RevisePlan_WithoutAMeasureCarriedOut_KeepsItAsCarriedOut()
    {
        var @case = ACase().WithMeasures().Build();
        var done = @case.CurrentPlan!.Measures[0];
        @case.RecordMeasureProgress(Principal, Later, done.MeasureKey, MeasureStatus.Done, "Carried out.");
        @case.StartEvaluation(Principal, Later.AddMinutes(1));
        @case.RecordEvaluation(Principal, Later.AddMinutes(2), PupilView.NotSafe, "Still hard at lunch.", "Needs more.");

        @case.RevisePlan(Principal, Later.AddMinutes(3), CompletePlan([PrincipalMeasure(@case.CurrentPlan.Measures[1].MeasureKey)], changeSummary: "Only the talks go on."));

        var kept = @case.CurrentPlan!.Measures.Single(m => m.MeasureKey == done.MeasureKey);
        kept.Status.Should().Be(MeasureStatus.Done);
        kept.Description.Should().Be(done.Description);
        @case.CurrentPlan.Version.Should().Be(2);
    }

    [Fact]
    public void RevisePlan_WithoutADroppedOrPlannedMeasure_TakesItOut()
    {
        var @case = ACase().WithMeasures().Build();
        var planned = @case.CurrentPlan!.Measures[0];
        @case.StartEvaluation(Principal, Later);
        @case.RecordEvaluation(Principal, Later.AddMinutes(1), PupilView.NotSafe, "Still hard.", "Needs more.");

        @case.RevisePlan(Principal, Later.AddMinutes(2), CompletePlan([PrincipalMeasure(@case.CurrentPlan.Measures[1].MeasureKey)]));

        @case.CurrentPlan!.Measures.Should().NotContain(m => m.MeasureKey == planned.MeasureKey);
    }

    [Fact]
    public void Close_FromEvaluating_WhileMeasuresStillReadPlanned_AsksForTheirFinalStatus()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.Safe).Build();

        Refusal(() => @case.Close(Principal, Later, "Safe now.")).Code.Should().Be(RefusalCode.MeasuresStillPlanned);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.Close);

        foreach (var measure in @case.CurrentPlan!.Measures)
            @case.RecordMeasureProgress(Principal, Later, measure.MeasureKey, MeasureStatus.Done, null);
        @case.Close(Principal, Later.AddMinutes(1), "Safe now.");
        @case.State.Should().Be(CaseState.Closed);
    }

    // The date the case was raised with the principal (§ 12-6)

    [Fact]
    public void RaisedWithPrincipal_OnTheConcernOrAParentContact_GivesTheEarliestDate_AndTheCountyGovernorsWeek()
    {
        var @case = LogConcern(Concern() with { RaisedWithPrincipalOn = new DateOnly(2026, 11, 13) });
        @case.RaisedWithPrincipalOn.Should().Be(new DateOnly(2026, 11, 13));

        @case.RecordParentContact(Staff, Later, "The father came to the office.", raisedWithPrincipalOn: new DateOnly(2026, 11, 10));

        @case.RaisedWithPrincipalOn.Should().Be(new DateOnly(2026, 11, 10));
        @case.CountyGovernorMayTakeFrom.Should().Be(new DateOnly(2026, 11, 17));
        @case.Entries[^1].RaisedWithPrincipalOn.Should().Be(new DateOnly(2026, 11, 10));
    }

    [Fact]
    public void RaisedWithPrincipal_NotRecorded_IsNull()
    {
        var @case = ACase().Investigating().Build();

        @case.RaisedWithPrincipalOn.Should().BeNull();
        @case.CountyGovernorMayTakeFrom.Should().BeNull();
    }

    [Fact]
    public void PupilVoice_WithoutSayingSafeOrNot_IsRefused()
    {
        var @case = ACase().Build();

        Refusal(() => @case.RecordPupilVoice(Staff, Later, PupilView.Unknown, "Said something.", VoiceSource.Pupil))
            .Code.Should().Be(RefusalCode.ReasonRequired);
    }

    [Fact]
    public void Close_FromInvestigation_WhilePupilSaysNotSafe_IsRefused()
    {
        var @case = ACase().Investigating().Build();
        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "Not safe.", VoiceSource.Pupil);

        Refusal(() => @case.Close(Principal, Later.AddHours(1), "Nothing more to do."))
            .Code.Should().Be(RefusalCode.MeasuresRequired);
        @case.State.Should().Be(CaseState.Investigating);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.Close);
    }

    [Fact]
    public void Close_FromInvestigation_AfterNotSafeThenSafe_IsStillRefused_MeasuresAreMandatory()
    {
        var @case = ACase().Investigating().Build();
        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "I am scared at break time.", VoiceSource.Pupil);
        @case.RecordPupilVoice(Staff, Later.AddMinutes(5), PupilView.Safe, "The parent says it is better now.", VoiceSource.Parent);

        Refusal(() => @case.Close(Principal, Later.AddHours(1), "It passed.")).Code.Should().Be(RefusalCode.MeasuresRequired);
        @case.MeasuresRequired.Should().BeTrue();
    }

    [Fact]
    public void Close_FromInvestigation_WithoutThePupilHeard_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.Close(Principal, Later, "Nothing happened.")).Code.Should().Be(RefusalCode.PupilNotHeard);
        @case.State.Should().Be(CaseState.Investigating);
    }

    [Fact]
    public void Reopen_StartsAfresh_AnEarlierNotSafeNoLongerMakesMeasuresMandatory()
    {
        var @case = ACase().Closed().Build();
        @case.Reopen(Principal, Later, "New information from the parents.");

        @case.MeasuresRequired.Should().BeFalse();
    }

    [Fact]
    public void Close_FromInvestigation_WithConclusion_WhenPupilSafe_Succeeds()
    {
        var @case = ACase().Investigating().Build();
        @case.RecordPupilVoice(Principal, Later, PupilView.Safe, "It was a one-off; I am fine.", VoiceSource.Pupil);

        @case.Close(Principal, Later.AddHours(1), "  A single incident, resolved; the pupil feels safe.  ");

        @case.State.Should().Be(CaseState.Closed);
        @case.ClosedAtUtc.Should().Be(Later.AddHours(1));
        var closed = @case.Entries[^1];
        closed.Kind.Should().Be(EntryKind.Closed);
        closed.Text.Should().Be("A single incident, resolved; the pupil feels safe.");
        @case.Plans.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Close_WithoutConclusion_IsRefused(string? conclusion)
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();

        Refusal(() => @case.Close(Principal, Later, conclusion!)).Code.Should().Be(RefusalCode.ConclusionRequired);
        @case.State.Should().Be(CaseState.Investigating);
        @case.ClosedAtUtc.Should().BeNull();
    }

    // The activity plan

    public static IEnumerable<object[]> PlanParts() => Enum.GetValues<PlanPart>().Select(p => new object[] { p });

    private static PlanDraft PlanMissing(PlanPart part)
    {
        var complete = CompletePlan(new[] { StaffMeasure() });
        var measure = complete.Measures[0];
        return part switch
        {
            PlanPart.Problem => complete with { Problem = "  " },
            PlanPart.Measures => complete with { Measures = new[] { measure with { Description = "" } } },
            PlanPart.When => complete with { Measures = new[] { measure with { When = "" } } },
            PlanPart.Responsible => complete with { Measures = new[] { measure with { ResponsibleName = " ", ResponsibleUserId = null } } },
            PlanPart.EvaluationDate => complete with { EvaluationDate = null },
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
    }

    [Theory]
    [MemberData(nameof(PlanParts))]
    public void AdoptPlan_MissingEachLegalPart_IsRefusedNamingThatPart(PlanPart part)
    {
        var @case = ACase().Investigating().Build();

        var refusal = Refusal(() => @case.AdoptPlan(Principal, Later, PlanMissing(part)));

        refusal.Code.Should().Be(RefusalCode.PlanIncomplete);
        refusal.Details.Should().Contain(part.ToString());
        refusal.Message.Should().Contain(part.ToString());
        @case.State.Should().Be(CaseState.Investigating);
        @case.Plans.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(PlanParts))]
    public void RevisePlan_MissingEachLegalPart_IsRefusedNamingThatPart(PlanPart part)
    {
        var @case = ACase().WithMeasures().Build();

        var refusal = Refusal(() => @case.RevisePlan(Principal, Later, PlanMissing(part)));

        refusal.Code.Should().Be(RefusalCode.PlanIncomplete);
        refusal.Details.Should().Contain(part.ToString());
        @case.Plans.Should().ContainSingle();
    }

    [Fact]
    public void AdoptPlan_WithoutADraft_ChangesNothing()
    {
        var @case = ACase().Investigating().Build();
        var entries = @case.Entries.Count;

        @case.Invoking(c => c.AdoptPlan(Principal, Later, null!)).Should().Throw<ArgumentNullException>();

        @case.State.Should().Be(CaseState.Investigating);
        @case.Entries.Should().HaveCount(entries);
    }

    [Fact]
    public void AdoptPlan_WithAllFiveParts_MovesToMeasuresAsVersionOne()
    {
        var @case = ACase().Investigating().Build();

        var plan = @case.AdoptPlan(SchoolOwnerTeam, Later, CompletePlan());

        @case.State.Should().Be(CaseState.Measures);
        @case.CurrentPlan.Should().BeSameAs(plan);
        plan.Version.Should().Be(1);
        plan.Problem.Should().Be("The pupil is left out of games and called names at breaks.");
        plan.EvaluationDate.Should().Be(EvaluationDate);
        plan.PupilView.Should().Be("Wants an adult nearby at breaks.");
        plan.ParentsView.Should().Be("Worried; want to be told weekly.");
        plan.AdoptedByUserId.Should().Be(SchoolOwnerTeam.UserId);
        plan.AdoptedByRole.Should().Be(Role.SchoolOwnerTeam);
        plan.AdoptedAtUtc.Should().Be(Later);
        plan.Measures.Select(m => m.ResponsibleUserId).Should().Equal(Staff.UserId, Principal.UserId);
        plan.Measures.Should().OnlyContain(m => m.Status == MeasureStatus.Planned);
        @case.Entries[^1].Kind.Should().Be(EntryKind.PlanAdopted);
        @case.Entries[^1].PlanVersion.Should().Be(1);
    }

    [Fact]
    public void RevisePlan_KeepsEveryEarlierVersionUnchanged()
    {
        var @case = ACase().WithMeasures().Build();
        var first = @case.CurrentPlan!;
        var firstMeasure = first.Measures[0];
        @case.RecordMeasureProgress(Staff, Later, firstMeasure.MeasureKey, MeasureStatus.UnderWay, "Started.");

        var second = @case.RevisePlan(Principal, Later.AddDays(1),
            CompletePlan(new[] { StaffMeasure(firstMeasure.MeasureKey) }, new DateOnly(2026, 12, 7), "Dropped the class talks."));
        @case.RecordMeasureProgress(Staff, Later.AddDays(2), firstMeasure.MeasureKey, MeasureStatus.Done, "Done.");
        var third = @case.RevisePlan(Principal, Later.AddDays(3),
            CompletePlan(new[] { PrincipalMeasure() }, new DateOnly(2026, 12, 14), "New measure."));

        @case.Plans.Should().Equal(first, second, third);
        @case.Plans.Select(p => p.Version).Should().Equal(1, 2, 3);
        @case.CurrentPlan.Should().BeSameAs(third);
        first.EvaluationDate.Should().Be(EvaluationDate);
        first.Measures.Should().HaveCount(2);
        first.Measures[0].Status.Should().Be(MeasureStatus.UnderWay, "progress after a revision belongs to the new version");
        first.Measures[0].StatusNote.Should().Be("Started.");
        first.AdoptedAtUtc.Should().Be(Monday.AddMinutes(20));
        second.EvaluationDate.Should().Be(new DateOnly(2026, 12, 7));
        second.Measures.Should().ContainSingle().Which.Status.Should().Be(MeasureStatus.Done);
        second.ChangeSummary.Should().Be("Dropped the class talks.");
        @case.Entries.Where(e => e.Kind == EntryKind.PlanRevised).Select(e => e.PlanVersion).Should().Equal(2, 3);
        @case.State.Should().Be(CaseState.Measures);
    }

    [Fact]
    public void RevisePlan_CarriesMeasureStatusByMeasureKey()
    {
        var @case = ACase().WithMeasures().Build();
        var kept = @case.CurrentPlan!.Measures[0];
        @case.RecordMeasureProgress(Staff, Later, kept.MeasureKey, MeasureStatus.UnderWay, "Going well.");

        var revised = @case.RevisePlan(Principal, Later.AddDays(1),
            CompletePlan(new[] { StaffMeasure(kept.MeasureKey), PrincipalMeasure() }, changeSummary: "Class talks again."));

        var carried = revised.Measures.Single(m => m.MeasureKey == kept.MeasureKey);
        carried.Status.Should().Be(MeasureStatus.UnderWay);
        carried.StatusNote.Should().Be("Going well.");
        carried.Id.Should().NotBe(kept.Id, "each version has its own measures");
        revised.Measures.Single(m => m.MeasureKey != kept.MeasureKey).Status.Should().Be(MeasureStatus.Planned);
    }

    [Fact]
    public void RevisePlan_FromEvaluatingAfterAnEvaluation_GoesBackToMeasures()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.NotSafe).Build();

        var revised = @case.RevisePlan(Principal, Later, CompletePlan(changeSummary: "Adults at lunch break too."));

        @case.State.Should().Be(CaseState.Measures);
        revised.Version.Should().Be(2);
        @case.Entries[^1].Text.Should().Be("Adults at lunch break too.");
        @case.Entries[^1].PlanVersion.Should().Be(2);
    }

    [Fact]
    public void AdoptPlan_AfterReopening_AddsTheNextVersion()
    {
        var @case = ACase().Closed().Build();
        @case.Reopen(Principal, Later, "New incident.");

        var plan = @case.AdoptPlan(Principal, Later.AddDays(1), CompletePlan());

        plan.Version.Should().Be(2);
        @case.Plans.Should().HaveCount(2);
        @case.State.Should().Be(CaseState.Measures);
    }

    // Measures and who may update them

    [Fact]
    public void Staff_CannotUpdateMeasureTheyAreNotResponsibleFor()
    {
        var @case = ACase().WithMeasures().Build();
        var staffsMeasure = @case.CurrentPlan!.Measures.Single(m => m.ResponsibleUserId == Staff.UserId);

        Refusal(() => @case.RecordMeasureProgress(OtherStaff, Later, staffsMeasure.MeasureKey, MeasureStatus.Done, null))
            .Code.Should().Be(RefusalCode.NotResponsibleForMeasure);
        staffsMeasure.Status.Should().Be(MeasureStatus.Planned);
        @case.PermittedTriggers(OtherStaff).Should().NotContain(CaseTrigger.RecordMeasureProgress);
    }

    [Fact]
    public void Staff_CanUpdateTheirOwnMeasure_AndTheTimelineSaysSo()
    {
        var @case = ACase().WithMeasures().Build();
        var measure = @case.CurrentPlan!.Measures.Single(m => m.ResponsibleUserId == Staff.UserId);

        @case.RecordMeasureProgress(Staff, Later, measure.MeasureKey, MeasureStatus.UnderWay, "First week done.");

        measure.Status.Should().Be(MeasureStatus.UnderWay);
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.MeasureProgress);
        entry.MeasureKey.Should().Be(measure.MeasureKey);
        entry.MeasureStatus.Should().Be(MeasureStatus.UnderWay);
        entry.PlanVersion.Should().Be(1);
    }

    [Theory]
    [InlineData(Role.Principal)]
    [InlineData(Role.SchoolOwnerTeam)]
    public void Leaders_CanUpdateAnyMeasure(Role role)
    {
        var @case = ACase().WithMeasures().Build();
        var staffsMeasure = @case.CurrentPlan!.Measures.Single(m => m.ResponsibleUserId == Staff.UserId);

        @case.RecordMeasureProgress(ActorFor(role), Later, staffsMeasure.MeasureKey, MeasureStatus.Done, null);

        staffsMeasure.Status.Should().Be(MeasureStatus.Done);
    }

    [Fact]
    public void MeasureProgress_DroppedWithoutReason_IsRefused()
    {
        var @case = ACase().WithMeasures().Build();

        Refusal(() => @case.RecordMeasureProgress(Principal, Later, @case.CurrentPlan!.Measures[0].MeasureKey, MeasureStatus.Dropped, " "))
            .Code.Should().Be(RefusalCode.ReasonRequired);
    }

    [Fact]
    public void MeasureProgress_OnAFinishedMeasure_IsRefused()
    {
        var @case = ACase().WithMeasures().Build();
        var key = @case.CurrentPlan!.Measures[0].MeasureKey;
        @case.RecordMeasureProgress(Principal, Later, key, MeasureStatus.Done, null);

        Refusal(() => @case.RecordMeasureProgress(Principal, Later, key, MeasureStatus.UnderWay, null))
            .Code.Should().Be(RefusalCode.MeasureAlreadyFinished);
    }

    [Fact]
    public void MeasureProgress_ForAMeasureNotInTheCurrentPlan_IsRefused()
    {
        var @case = ACase().WithMeasures().Build();

        Refusal(() => @case.RecordMeasureProgress(Principal, Later, Guid.NewGuid(), MeasureStatus.UnderWay, null))
            .Code.Should().Be(RefusalCode.MeasureNotFound);
    }

    // Evaluation and closing

    [Fact]
    public void Close_FromEvaluating_WhenEvaluationSaysNotSafe_IsRefused()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.NotSafe).Build();

        Refusal(() => @case.Close(Principal, Later, "We have done enough.")).Code.Should().Be(RefusalCode.EvaluationSaysNotSafe);
        @case.State.Should().Be(CaseState.Evaluating);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.Close).And.Contain(CaseTrigger.RevisePlan);
    }

    [Fact]
    public void Close_FromEvaluating_WhenPupilSaysNotSafeAfterASafeEvaluation_IsRefused()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.Safe).Build();
        @case.RecordPupilVoice(Staff, Later, PupilView.NotSafe, "It started again yesterday.", VoiceSource.Pupil);

        Refusal(() => @case.Close(Principal, Later.AddHours(1), "Safe.")).Code.Should().Be(RefusalCode.PupilFeelsUnsafe);
    }

    [Fact]
    public void Close_FromEvaluating_WithOnlyAnEarlierRoundsEvaluation_IsRefused()
    {
        var @case = ACase().Evaluating().WithEvaluation(PupilView.NotSafe).Build();
        @case.RevisePlan(Principal, Later, CompletePlan(changeSummary: "More adults."));
        @case.StartEvaluation(Principal, Later.AddDays(7));

        Refusal(() => @case.Close(Principal, Later.AddDays(7), "Safe now.")).Code.Should().Be(RefusalCode.EvaluationMissing);
    }

    [Fact]
    public void Close_FromEvaluating_AfterASafeEvaluation_Succeeds()
    {
        var @case = ACase().Evaluating().WithMeasuresCarriedOut().Build();
        @case.RecordEvaluation(Principal, Later, PupilView.Safe, "I like school again.", "The breaks are calm.");

        @case.Close(Principal, Later.AddHours(1), "Safe and good environment documented in the evaluation.");

        @case.State.Should().Be(CaseState.Closed);
        @case.ClosedAtUtc.Should().Be(Later.AddHours(1));
    }

    [Fact]
    public void RecordEvaluation_KeepsThePupilsViewAndSetsIt()
    {
        var @case = ACase().Evaluating().Build();

        @case.RecordEvaluation(SchoolOwnerTeam, Later, PupilView.NotSafe, " Still afraid at lunch. ", "Partly worked.");

        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.Evaluation);
        entry.PupilView.Should().Be(PupilView.NotSafe);
        entry.Detail.Should().Be("Still afraid at lunch.");
        entry.PlanVersion.Should().Be(1);
        @case.CurrentPupilView.Should().Be(PupilView.NotSafe);
    }

    [Fact]
    public void RecordEvaluation_WithoutThePupilsView_IsRefused()
    {
        var @case = ACase().Evaluating().Build();

        Refusal(() => @case.RecordEvaluation(Principal, Later, PupilView.Unknown, "", "Looks fine to us."))
            .Code.Should().Be(RefusalCode.EvaluationMissing);
    }

    // Reopening

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Reopen_WithoutReason_IsRefused(string? reason)
    {
        var @case = ACase().Closed().Build();
        var entries = @case.Entries.Count;

        Refusal(() => @case.Reopen(Principal, Later, reason!)).Code.Should().Be(RefusalCode.ReasonRequired);
        @case.State.Should().Be(CaseState.Closed);
        @case.Entries.Should().HaveCount(entries);
    }

    [Fact]
    public void Reopen_MovesClosedCaseToInvestigating()
    {
        var @case = ACase().Closed().Build();

        @case.Reopen(SchoolOwnerTeam, Later, "The parents report new name-calling online.");

        @case.State.Should().Be(CaseState.Investigating);
        @case.ClosedAtUtc.Should().BeNull();
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.Reopened);
        entry.Text.Should().Be("The parents report new name-calling online.");
        entry.StateBefore.Should().Be(CaseState.Closed);
        entry.StateAfter.Should().Be(CaseState.Investigating);
    }

    // § 12-5: an employee is suspected

    [Fact]
    public void EmployeeSuspected_NotifiesPrincipalAndSchoolOwnerAtOnce()
    {
        var @case = LogConcern(Concern(employeeSuspected: true, notifyPrincipalNow: false), Staff, Monday);

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.EmployeeSuspected.Should().BeTrue();
        @case.LeadershipSuspected.Should().BeFalse();
        @case.Entries.Where(e => e.Kind is EntryKind.PrincipalNotified or EntryKind.SchoolOwnerNotified)
            .Should().SatisfyRespectively(
                principal => { principal.Kind.Should().Be(EntryKind.PrincipalNotified); principal.RecordedAtUtc.Should().Be(Monday); },
                owner => { owner.Kind.Should().Be(EntryKind.SchoolOwnerNotified); owner.RecordedAtUtc.Should().Be(Monday); });
        @case.Flags.Should().ContainSingle(f => f.Kind == FlagKind.EmployeeSuspected)
            .Which.SetByUserId.Should().Be(Staff.UserId);
    }

    [Fact]
    public void LeadershipSuspected_NotifiesOnlySchoolOwner_AndPrincipalMayNotAct()
    {
        var @case = LogConcern(Concern(employeeSuspected: true, leadershipSuspected: true), Staff, Monday);

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Should().Contain(e => e.Kind == EntryKind.SchoolOwnerNotified)
            .And.NotContain(e => e.Kind == EntryKind.PrincipalNotified);
        @case.PermittedTriggers(Principal).Should().BeEmpty();
        Refusal(() => @case.StartInvestigation(Principal, Later, null)).Code.Should().Be(RefusalCode.LeadershipSuspectedPrincipalExcluded);
        Refusal(() => @case.AddComment(Principal, Later, "Let me see.")).Code.Should().Be(RefusalCode.LeadershipSuspectedPrincipalExcluded);

        @case.StartInvestigation(SchoolOwnerTeam, Later, "The § 9A team investigates.");

        @case.State.Should().Be(CaseState.Investigating);
    }

    [Fact]
    public void LeadershipSuspected_ReportedByAPrincipal_GoesToTheSchoolOwner()
    {
        var @case = LogConcern(Concern(employeeSuspected: true, leadershipSuspected: true), Principal, Monday);

        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Entries.Should().NotContain(e => e.Kind == EntryKind.PrincipalNotified);
        @case.PermittedTriggers(Principal).Should().BeEmpty();
    }

    [Fact]
    public void EmployeeSuspected_CarriesImmediateInvestigationDeadline()
    {
        var @case = LogConcern(Concern(employeeSuspected: true), Staff, Monday);

        @case.Deadlines.Should().ContainSingle(d => d.Kind == DeadlineKind.StartInvestigation)
            .Which.DueUtc.Should().Be(Monday.AddHours(DeadlinePolicy.Default.ImmediateInvestigationHours));
        @case.Deadlines.Should().NotContain(d => d.Kind == DeadlineKind.NotifyPrincipal && d.IsOpen);
    }

    [Fact]
    public void EmployeeSuspected_ImmediateDeadlineFollowsTheSchoolOwnersPolicy()
    {
        var @case = LogConcern(Concern(employeeSuspected: true), Staff, Monday, policy: new DeadlinePolicy(ImmediateInvestigationHours: 4));

        @case.NextDeadlineUtc.Should().Be(Monday.AddHours(4));
    }

    // Flags: escalation, vulnerability, county governor

    public static IEnumerable<object[]> Flags() => new[]
    {
        new object[] { CaseTrigger.EscalateToSchoolOwner, FlagKind.EscalatedToSchoolOwner, EntryKind.Escalated, Role.Principal },
        new object[] { CaseTrigger.FlagParticularVulnerability, FlagKind.ParticularlyVulnerable, EntryKind.ParticularVulnerability, Role.SchoolOwnerTeam },
        new object[] { CaseTrigger.RecordCountyGovernorCase, FlagKind.TakenToCountyGovernor, EntryKind.CountyGovernorCase, Role.Principal },
    };

    private static void SetFlag(Case @case, CaseTrigger trigger, Actor actor, DateTime nowUtc, string reason)
    {
        switch (trigger)
        {
            case CaseTrigger.EscalateToSchoolOwner: @case.EscalateToSchoolOwner(actor, nowUtc, reason); break;
            case CaseTrigger.FlagParticularVulnerability: @case.FlagParticularVulnerability(actor, nowUtc, reason); break;
            case CaseTrigger.RecordCountyGovernorCase: @case.RecordCountyGovernorCase(actor, nowUtc, reason); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger));
        }
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Flag_RecordsWhoWhenAndWhy_WithoutChangingState(CaseTrigger trigger, FlagKind kind, EntryKind entryKind, Role role)
    {
        var @case = ACase().Investigating().Build();
        var actor = ActorFor(role);

        SetFlag(@case, trigger, actor, Later, "  Because it is serious.  ");

        @case.HasFlag(kind).Should().BeTrue();
        var flag = @case.Flags.Single(f => f.Kind == kind);
        flag.SetByUserId.Should().Be(actor.UserId);
        flag.SetByName.Should().Be(actor.Name);
        flag.SetByRole.Should().Be(role);
        flag.SetAtUtc.Should().Be(Later);
        flag.Reason.Should().Be("Because it is serious.");
        flag.CaseId.Should().Be(@case.Id);
        @case.State.Should().Be(CaseState.Investigating);
        @case.Entries[^1].Kind.Should().Be(entryKind);
        @case.Entries[^1].Text.Should().Be("Because it is serious.");
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Flag_CannotBeSetTwice(CaseTrigger trigger, FlagKind kind, EntryKind entryKind, Role role)
    {
        var @case = ACase().Investigating().Build();
        SetFlag(@case, trigger, ActorFor(role), Later, "First time.");
        var entries = @case.Entries.Count;

        Refusal(() => SetFlag(@case, trigger, ActorFor(role), Later.AddDays(1), "Second time."))
            .Code.Should().Be(RefusalCode.AlreadyFlagged);
        @case.Flags.Should().ContainSingle(f => f.Kind == kind).Which.Reason.Should().Be("First time.");
        @case.Entries.Should().HaveCount(entries);
        @case.Entries.Count(e => e.Kind == entryKind).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Flag_WithoutReason_IsRefused(CaseTrigger trigger, FlagKind kind, EntryKind entryKind, Role role)
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => SetFlag(@case, trigger, ActorFor(role), Later, " ")).Code.Should().Be(RefusalCode.ReasonRequired);
        @case.HasFlag(kind).Should().BeFalse();
        @case.Entries.Should().NotContain(e => e.Kind == entryKind);
    }

    [Fact]
    public void CountyGovernorCase_CanBeRecordedOnAClosedCase_AndThenItsDecision()
    {
        var @case = ACase().Closed().Build();

        @case.RecordCountyGovernorCase(Principal, Later, "The parents complained to Statsforvaltaren.");
        @case.RecordCountyGovernorDecision(SchoolOwnerTeam, Later.AddDays(30), "The duty was met.", Later.AddDays(28));

        @case.State.Should().Be(CaseState.Closed);
        var decision = @case.Entries[^1];
        decision.Kind.Should().Be(EntryKind.CountyGovernorDecision);
        decision.OccurredAtUtc.Should().Be(Later.AddDays(28));
        decision.RecordedAtUtc.Should().Be(Later.AddDays(30));
    }

    [Fact]
    public void CountyGovernorDecision_BeforeTheCaseIsTaken_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.RecordCountyGovernorDecision(Principal, Later, "Ordered measures."))
            .Code.Should().Be(RefusalCode.NotTakenToCountyGovernor);
    }

    // Documentation: corrections, the timeline, revisions

    [Fact]
    public void Correction_IsNewEntryPointingAtOriginal_OriginalUnchanged()
    {
        var @case = ACase().Investigating().Build();
        var original = @case.Entries[0];
        var originalText = original.Text;
        var count = @case.Entries.Count;

        @case.CorrectEntry(Staff, Later, original.Id, "It was at the climbing frame.");

        @case.Entries.Should().HaveCount(count + 1);
        @case.Entries[0].Should().BeSameAs(original);
        original.Text.Should().Be(originalText);
        original.CorrectsEntryId.Should().BeNull();
        var correction = @case.Entries[^1];
        correction.Kind.Should().Be(EntryKind.Correction);
        correction.CorrectsEntryId.Should().Be(original.Id);
        correction.Text.Should().Be("It was at the climbing frame.");
        correction.ActorUserId.Should().Be(Staff.UserId);
    }

    [Fact]
    public void Staff_CannotCorrectSomeoneElsesEntry()
    {
        var @case = ACase().Investigating().Build();
        var principalsEntry = @case.Entries.First(e => e.ActorUserId == Principal.UserId);

        Refusal(() => @case.CorrectEntry(Staff, Later, principalsEntry.Id, "No.")).Code.Should().Be(RefusalCode.OnlyOwnEntries);
        Refusal(() => @case.CorrectEntry(OtherStaff, Later, @case.Entries[0].Id, "No.")).Code.Should().Be(RefusalCode.OnlyOwnEntries);
    }

    [Fact]
    public void Leaders_CanCorrectAnyEntry()
    {
        var @case = ACase().Investigating().Build();

        @case.CorrectEntry(SchoolOwnerTeam, Later, @case.Entries[0].Id, "Date corrected after talking to the teacher.");

        @case.Entries[^1].CorrectsEntryId.Should().Be(@case.Entries[0].Id);
    }

    [Fact]
    public void Correction_OfAnEntryNotInTheCase_IsRefused()
    {
        var @case = ACase().Investigating().Build();

        Refusal(() => @case.CorrectEntry(Principal, Later, Guid.NewGuid(), "Fix.")).Code.Should().Be(RefusalCode.EntryNotFound);
    }

    public static IEnumerable<object[]> Triggers() => Enum.GetValues<CaseTrigger>().Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(Triggers))]
    public void EveryIntentMethod_AppendsATimelineEntryWithActorRoleUtcTimeAndStates(CaseTrigger trigger)
    {
        var (state, role) = (
            from s in ExpectedWorkflow.States
            from r in ExpectedWorkflow.For(trigger).Roles
            where ExpectedWorkflow.Destination(s, trigger) is not null
            select (s, r)).First();
        var @case = ACase().In(state).ReadyFor(trigger).Build();
        var actor = ActorFor(role);
        var before = @case.Entries.Count;

        CaseSteps.Fire(@case, trigger, actor, Later);

        var added = @case.Entries.Skip(before).ToList();
        added.Should().NotBeEmpty();
        added.Should().AllSatisfy(entry =>
        {
            entry.CaseId.Should().Be(@case.Id);
            entry.ActorUserId.Should().Be(actor.UserId);
            entry.ActorName.Should().Be(actor.Name);
            entry.ActorRole.Should().Be(role);
            entry.RecordedAtUtc.Should().Be(Later);
            entry.RecordedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
            entry.StateBefore.Should().Be(state);
            entry.StateAfter.Should().Be(@case.State);
            // Entries the system writes (notified, plan version N, evaluation started) carry no prose of their
            // own: the UI words them from their kind and fields. Everything a person writes is kept.
            if (entry.Kind is not (EntryKind.PrincipalNotified or EntryKind.SchoolOwnerNotified or EntryKind.InvestigationStarted
                or EntryKind.EvaluationStarted or EntryKind.PlanAdopted or EntryKind.PlanRevised))
                entry.Text.Should().NotBeNullOrWhiteSpace();
        });
        @case.UpdatedAtUtc.Should().Be(Later);
    }

    [Fact]
    public void Entries_AreNumberedInTheOrderTheyHappened()
    {
        var @case = ACase().Closed().Build();

        @case.Entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, @case.Entries.Count));
        @case.Entries.Select(e => e.RecordedAtUtc).Should().BeInAscendingOrder();
        @case.Entries.Select(e => e.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Revision_IncreasesOnEachChange()
    {
        var @case = ACase().Build();
        var revisions = new List<int> { @case.Revision };
        var now = Later;

        foreach (var step in new Action[]
        {
            () => @case.RecordIntervention(Staff, now, "Stepped in."),
            () => @case.NotifyPrincipal(Staff, now, Policy, Calendar),
            () => @case.StartInvestigation(Principal, now, null),
            () => @case.RecordFinding(Principal, now, "Confirmed."),
            () => @case.AddComment(Staff, now, "Noted."),
            () => @case.AdoptPlan(Principal, now, CompletePlan()),
            () => @case.StartEvaluation(Principal, now),
            () => @case.RecordEvaluation(Principal, now, PupilView.Safe, "Fine.", "Worked."),
            () => @case.RecordMeasureProgress(Principal, now, @case.CurrentPlan!.Measures[0].MeasureKey, MeasureStatus.Done, null),
            () => @case.RecordMeasureProgress(Principal, now, @case.CurrentPlan!.Measures[1].MeasureKey, MeasureStatus.Dropped, "Not needed."),
            () => @case.Close(Principal, now, "Safe."),
        })
        {
            step();
            revisions.Add(@case.Revision);
        }

        revisions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void RefusedStep_ChangesNothing()
    {
        var @case = ACase().Investigating().WherePupilSaysNotSafe().Build();
        var (state, revision, entries, updated) = (@case.State, @case.Revision, @case.Entries.Count, @case.UpdatedAtUtc);

        Refusal(() => @case.Close(Principal, Later, "Done."));

        @case.State.Should().Be(state);
        @case.Revision.Should().Be(revision);
        @case.Entries.Should().HaveCount(entries);
        @case.UpdatedAtUtc.Should().Be(updated);
        @case.ClosedAtUtc.Should().BeNull();
    }

    // What each role is offered

    public static IEnumerable<object[]> PermittedInInvestigating() => new[]
    {
        new object[] { Role.Staff, new[] { CaseTrigger.RecordIntervention, CaseTrigger.ReportEmployeeSuspicion, CaseTrigger.RecordPupilVoice, CaseTrigger.RecordParentContact, CaseTrigger.AddComment, CaseTrigger.CorrectEntry, CaseTrigger.HearOtherPupil, CaseTrigger.AddAttachment, CaseTrigger.WithdrawAttachment, CaseTrigger.RecordMeeting } },
        new object[] { Role.Principal, new[] { CaseTrigger.RecordIntervention, CaseTrigger.ReportEmployeeSuspicion, CaseTrigger.RecordFinding, CaseTrigger.RecordPupilVoice, CaseTrigger.RecordParentContact, CaseTrigger.AdoptPlan, CaseTrigger.Close, CaseTrigger.EscalateToSchoolOwner, CaseTrigger.FlagParticularVulnerability, CaseTrigger.RecordCountyGovernorCase, CaseTrigger.AddComment, CaseTrigger.CorrectEntry, CaseTrigger.RecordDocument, CaseTrigger.CloseAsPupilLeftSchool, CaseTrigger.HearOtherPupil, CaseTrigger.AddAttachment, CaseTrigger.WithdrawAttachment, CaseTrigger.SetAttachmentFamilyVisibility, CaseTrigger.RecordMeeting } },
        new object[] { Role.SchoolOwnerTeam, new[] { CaseTrigger.ReportEmployeeSuspicion, CaseTrigger.RecordFinding, CaseTrigger.RecordPupilVoice, CaseTrigger.RecordParentContact, CaseTrigger.AdoptPlan, CaseTrigger.Close, CaseTrigger.FlagParticularVulnerability, CaseTrigger.RecordCountyGovernorCase, CaseTrigger.AddComment, CaseTrigger.CorrectEntry, CaseTrigger.RecordDocument, CaseTrigger.CloseAsPupilLeftSchool, CaseTrigger.HearOtherPupil, CaseTrigger.AddAttachment, CaseTrigger.WithdrawAttachment, CaseTrigger.SetAttachmentFamilyVisibility, CaseTrigger.RecordMeeting } },
        new object[] { Role.Administrator, Array.Empty<CaseTrigger>() },
    };

    [Theory]
    [MemberData(nameof(PermittedInInvestigating))]
    public void PermittedTriggers_WhileInvestigating_AreWhatThatRoleMayDo(Role role, CaseTrigger[] expected)
    {
        var @case = ACase().Investigating().WithPupilHeardSafe().Build();

        @case.PermittedTriggers(ActorFor(role)).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void PermittedTriggers_WhilePupilSaysNotSafe_DoNotOfferClosing()
    {
        var @case = ACase().Investigating().WherePupilSaysNotSafe().Build();

        @case.PermittedTriggers(Principal).Should().Contain(CaseTrigger.AdoptPlan).And.NotContain(CaseTrigger.Close);
    }

    [Fact]
    public void PermittedTriggers_OnTheLeadershipPath_ExcludeThePrincipalButNotTheSchoolOwner()
    {
        var @case = ACase().Investigating().WithLeadershipSuspected().Build();

        @case.PermittedTriggers(Principal).Should().BeEmpty();
        @case.PermittedTriggers(SchoolOwnerTeam).Should().Contain(new[] { CaseTrigger.AdoptPlan, CaseTrigger.RecordFinding });
        @case.PermittedTriggers(Staff).Should().Contain(CaseTrigger.RecordPupilVoice);
    }

    [Theory]
    [MemberData(nameof(TransitionTableTests.AllStates), MemberType = typeof(TransitionTableTests))]
    public void PermittedTriggers_ForTheAdministrator_AreNoneInAnyState(CaseState state)
    {
        ACase().In(state).Build().PermittedTriggers(Administrator).Should().BeEmpty();
    }

    [Fact]
    public void PermittedTriggers_OfferStaffMeasureProgressOnlyForTheirOwnOpenMeasures()
    {
        var @case = ACase().WithMeasures().WithPlan(CompletePlan(new[] { StaffMeasure() })).Build();

        @case.PermittedTriggers(Staff).Should().Contain(CaseTrigger.RecordMeasureProgress);
        @case.PermittedTriggers(OtherStaff).Should().NotContain(CaseTrigger.RecordMeasureProgress);

        @case.RecordMeasureProgress(Staff, Later, @case.CurrentPlan!.Measures[0].MeasureKey, MeasureStatus.Done, null);

        @case.PermittedTriggers(Staff).Should().NotContain(CaseTrigger.RecordMeasureProgress);
        @case.PermittedTriggers(Principal).Should().NotContain(CaseTrigger.RecordMeasureProgress, "no measure is open any more");
    }
}
