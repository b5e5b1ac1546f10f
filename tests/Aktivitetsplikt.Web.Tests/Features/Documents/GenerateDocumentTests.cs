using System.Security.Cryptography;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Deadlines;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Features.Notifications;
using Aktivitetsplikt.Web.Tests.Support;
using System.Globalization;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

public sealed class GenerateDocumentTests : SliceTest
{
    private static readonly string[] PartHeadings =
    {
        "a) problemet tiltakene skal løse",
        "b)–e) Tiltakene: hva, når, hvem og når de evalueres",
        "e) når tiltakene skal evalueres",
    };

    /// <summary>Emma's case with a plan whose text names Noah (full name) and Olivia (first name only).</summary>
    private async Task<Guid> CaseWithPlanNamingOthersAsync()
    {
        var id = await App.ACase().Investigating();
        Clock.Advance(TimeSpan.FromMinutes(10));
        var plan = CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App),
            problem: "Emma blir holdt utenfor av Noah Johansen og Olivia i friminuttene.");
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, plan with { ParentsView = "Foreldrene mener Olivia er pådriver." }));
        Clock.Advance(TimeSpan.FromMinutes(10));
        return id;
    }

    [Fact]
    public async Task ActivityPlan_IsAValidDocx_WithTheFiveLegalPartsVersionSchoolPupilAndViews()
    {
        var id = await CaseWithPlanNamingOthersAsync();

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1));

        result.ContentType.Should().Be(DocxWriter.ContentType);
        result.FileName.Should().Be($"aktivitetsplan-{result.Case.CaseNumber}-v1.docx");
        var docx = Docx.Open(result.Content);
        docx.ValidationErrors.Should().BeEmpty();
        docx.Headings("Heading1").Should().ContainInOrder(PartHeadings).And.ContainInOrder("Elevens syn", "Foreldrenes syn");
        docx.Paragraphs.Should().Contain(p => p.Text == "Versjon: 1");
        docx.Paragraphs.Should().Contain(p => p.Text == "Skole: Testvik skole");
        docx.Paragraphs.Should().Contain(p => p.Text == "Elev: Emma Hansen, 5A");
        docx.Paragraphs.Should().Contain(p => p.Text == $"Saksnummer: {result.Case.CaseNumber}");
        docx.Paragraphs.Should().Contain(p => p.Text == "Fastsatt av: Randi Rektor (Rektor)");
        docx.AllText.Should().Contain("Noah Johansen").And.Contain("Eleven ønsker at en voksen er ute i friminuttene.")
            .And.Contain("Foreldrene mener Olivia er pådriver.").And.Contain("Voksen til stede i friminuttene").And.Contain(Org.StaffA.DisplayName);
    }

    [Fact]
    public async Task ActivityPlan_Masked_NamesNoOtherPupil_ButStillNamesTheCasesOwnPupil()
    {
        var id = await CaseWithPlanNamingOthersAsync();
        var options = await App.SendAs(Org.Principal1, new GetDocumentOptions.Query(id));
        options.SuggestedMaskNames.Should().BeEquivalentTo("Noah Johansen", "Olivia");

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1,
            options.SuggestedMaskNames.Append("Emma").ToList()));

        result.FileName.Should().EndWith("-v1-skjermet.docx");
        var docx = Docx.Open(result.Content);
        docx.ValidationErrors.Should().BeEmpty();
        docx.AllText.Should().NotContain("Noah").And.NotContain("Johansen").And.NotContain("Olivia");
        docx.AllText.Should().Contain("Emma blir holdt utenfor av [navn skjult] og [navn skjult]").And.Contain("Elev: Emma Hansen, 5A")
            .And.Contain("Navn på andre elever er skjult i denne kopien.");
        docx.Headings("Heading1").Should().ContainInOrder(PartHeadings);
    }

    [Fact]
    public async Task TheCasePagesRead_CarriesTheSameDocumentOptions_AsGetDocumentOptions_HeardPupilsAndPlanNamesIncluded()
    {
        var (id, _) = await CaseWithTheWorkflowDataAsync();

        var own = await App.SendAs(Org.Principal1, new GetDocumentOptions.Query(id));
        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true));

        detail.DocumentOptions.Should().NotBeNull();
        detail.DocumentOptions!.PlanVersions.Should().Equal(own.PlanVersions).And.NotBeEmpty();
        detail.DocumentOptions.SuggestedMaskNames.Should().Equal(own.SuggestedMaskNames).And.Contain("Jonas Berg");
    }

    [Fact]
    public async Task BeforeAPlan_OnlyThePupilsHeardAreSuggestedForMasking_AndNoPlanVersionIsOffered()
    {
        var id = await App.ACase().Investigating();
        await App.SendAs(Org.StaffA, new HearOtherPupil.Command(id, null, "Jonas Berg", "Han sier at de andre aldri lar Emma være med."));

        var detail = await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true));
        var own = await App.SendAs(Org.Principal1, new GetDocumentOptions.Query(id));

        detail.DocumentOptions!.PlanVersions.Should().BeEmpty();
        detail.DocumentOptions.SuggestedMaskNames.Should().Equal("Jonas Berg");
        own.SuggestedMaskNames.Should().Equal("Jonas Berg");
    }

    [Fact]
    public async Task APupilAddedToTheSchool_IsSuggestedOnTheNextView_ThoughTheSchoolsNamesAreKeptBetweenViews()
    {
        var id = await App.ACase().Investigating();
        var plan = CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App), problem: "Emma blir holdt utenfor av Sindre Lund i friminuttene.");
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, plan));
        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true))).DocumentOptions!.SuggestedMaskNames
            .Should().NotContain("Sindre Lund", "no such pupil yet");

        await App.SendAs(Org.Admin, new Web.Features.Admin.AddPupil.Command(Org.School1.Id, "Sindre", "Lund", "5A"));

        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id, WithDocumentOptions: true))).DocumentOptions!.SuggestedMaskNames
            .Should().Contain("Sindre Lund");
        (await App.SendAs(Org.Principal1, new GetDocumentOptions.Query(id))).SuggestedMaskNames.Should().Contain("Sindre Lund");
    }

    [Fact]
    public async Task TheCasePagesRead_HasNoDocumentOptions_ForATeacher_NorWhenNotAskedFor()
    {
        var id = await CaseWithPlanNamingOthersAsync();

        (await App.SendAs(Org.StaffA, new GetCaseDetail.Query(id, WithDocumentOptions: true))).DocumentOptions.Should().BeNull();
        (await App.SendAs(Org.Principal1, new GetCaseDetail.Query(id))).DocumentOptions.Should().BeNull();
        (await App.SendAs(Org.Team, new GetCaseDetail.Query(id, WithDocumentOptions: true))).DocumentOptions!.SuggestedMaskNames
            .Should().BeEquivalentTo("Noah Johansen", "Olivia");
    }

    [Fact]
    public async Task GeneratingADocument_RecordsItOnTheTimeline_WithTheHashOfTheReturnedBytes_AndItsAuditEntry()
    {
        var id = await CaseWithPlanNamingOthersAsync();
        var before = await App.SnapshotAsync(id);

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1));

        var hash = Convert.ToHexString(SHA256.HashData(result.Content)).ToLowerInvariant();
        result.Sha256.Should().Be(hash);
        var @case = await App.LoadCaseAsync(id);
        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.DocumentGenerated);
        entry.Text.Should().Be(result.FileName);
        entry.Detail.Should().Be("sha256:" + hash);
        entry.PlanVersion.Should().Be(1);
        entry.ActorUserId.Should().Be(Org.Principal1.Id);
        @case.State.Should().Be(before.State);
        @case.Revision.Should().Be(result.Case.Revision);
        // One audit entry for the command, on this case, at the same instant as the timeline entry: they commit together.
        var audit = (await App.AuditEntriesAsync(id)).Where(a => a.Action == "GenerateDocument").Should().ContainSingle().Subject;
        audit.AtUtc.Should().Be(entry.RecordedAtUtc);
        audit.StateBefore.Should().Be(before.State);
        audit.Details.Should().Contain("ActivityPlan").And.Contain("\"MaskedNameCount\":0");
        (await App.VerifyChainAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task ActivityPlan_HasOneMeasuresTable_WhatWhenWhoEvaluatedAndStatus_AndTheLegalReferenceOnce()
    {
        var id = await CaseWithPlanNamingOthersAsync();

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1));

        var docx = Docx.Open(result.Content);
        docx.Paragraphs.Should().Contain(p => p.Text == "b) Tiltak").And.Contain(p => p.Text == "c) Når").And.Contain(p => p.Text == "d) Hvem gjennomfører")
            .And.Contain(p => p.Text == "e) Evalueres").And.Contain(p => p.Text == "Status");
        docx.Paragraphs.Count(p => p.Text == "b) Tiltak").Should().Be(1, "the measures stand in one table, not one per part");
        docx.Paragraphs.Count(p => p.Text.Contains("§ 12-4 tredje ledd", StringComparison.Ordinal)).Should().Be(1, "the legal reference stands once");
    }

    [Fact]
    public async Task EveryDocument_IsExemptFromPublicAccess_OnEveryPage_NumbersItsPages_AndCarriesTheSchoolsLetterhead()
    {
        var id = await CaseWithPlanNamingOthersAsync();
        await App.SendAs(Org.Admin, new Web.Features.Admin.SetSchoolLetterhead.Command(Org.School1.Id, "Skoleveien 1\n9999 Testvik", "Randi Rektor", "70 00 00 00", "testvik@example.org"));

        foreach (var kind in new[] { DocumentKind.ActivityPlan, DocumentKind.ParentLetter, DocumentKind.CaseBundle })
        {
            var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, kind, kind == DocumentKind.ActivityPlan ? 1 : null));

            var docx = Docx.Open(result.Content);
            docx.ValidationErrors.Should().BeEmpty(kind.ToString());
            docx.HeaderText.Should().Be("Unntatt offentlighet, jf. offentleglova § 13 og forvaltningslova § 13 første ledd nr. 1", kind.ToString());
            docx.FooterFields.Should().Equal(["PAGE", "NUMPAGES"], kind.ToString());
            docx.FooterText.Should().Contain($"Testvik skole · saksnummer {result.Case.CaseNumber}");
            docx.AllText.Should().Contain("Skoleveien 1\n9999 Testvik").And.Contain("Telefon 70 00 00 00").And.Contain("E-post testvik@example.org")
                .And.Contain("Rektor: Randi Rektor").And.Contain($"Saksnummer: {result.Case.CaseNumber}").And.Contain("Dato: ");
        }
    }

    [Fact]
    public async Task ParentLetter_NamesWhichCountyGovernor_WithAddressAndWebsite_TheConditions_AndTheMeasures()
    {
        var id = await CaseWithPlanNamingOthersAsync();
        await App.SendAs(Org.Admin, new Web.Features.Admin.SetCountyGovernor.Command("Statsforvalteren i Testfylke", "Postboks 1, 9999 Testby", "https://www.statsforvalteren.no/test/"));

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ParentLetter));

        var text = Docx.Open(result.Content).AllText;
        text.Should().Contain("Statsforvalteren i Testfylke\nPostboks 1, 9999 Testby\nhttps://www.statsforvalteren.no/test/")
            .And.Contain("tatt opp med rektor").And.Contain("minst én uke").And.Contain("skolen Emma går på nå, Testvik skole")
            .And.Contain("muntlig eller skriftlig").And.Contain("Tiltakene skal evalueres");
        text.Should().NotContain("Noah").And.NotContain("Olivia", "other pupils named in the plan are masked in the letter");
    }

    [Fact]
    public async Task ParentLetter_OnAClosedCase_SaysItIsClosed_AndPromisesNoEvaluation()
    {
        var id = await App.ACase().Closed();

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ParentLetter));

        var text = Docx.Open(result.Content).AllText;
        text.Should().Contain("Saken ble avsluttet").And.Contain("ikke planlagt flere tiltak eller evalueringer");
        text.Should().NotContain("skal evalueres").And.NotContain("evaluerer nå");
    }

    [Fact]
    public async Task AMaskedCopy_KeepsTheMaskedNamesOutOfTheAuditLog()
    {
        var id = await CaseWithPlanNamingOthersAsync();

        await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1, new[] { "Noah Johansen" }));

        var audit = (await App.AuditEntriesAsync(id)).Single(a => a.Action == "GenerateDocument");
        audit.Details.Should().NotContain("Noah").And.Contain("\"MaskedNameCount\":1");
    }

    [Fact]
    public async Task CaseBundle_HoldsEveryTimelineEntryInOrder_EveryPlanVersion_AndTheAuditVerification()
    {
        var id = await App.ACase().PupilSaysNotSafe().Evaluating();
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.NotSafe, "Fortsatt alene i gymtimene.", "Tiltaket virker delvis.", "Foreldrene er informert og enige."));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new RevisePlan.Command(id, null,
            CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App)), "Nytt tiltak i gymtimene."));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.ParentLetter));
        Clock.Advance(TimeSpan.FromMinutes(10));

        var result = await App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        result.FileName.Should().Be($"dokumentasjon-{result.Case.CaseNumber}.docx");
        var docx = Docx.Open(result.Content);
        docx.ValidationErrors.Should().BeEmpty();
        var @case = await App.LoadCaseAsync(id);
        var entriesBefore = @case.Entries.Take(@case.Entries.Count - 1).ToList();
        var texts = new UiTextInCulture("nb-NO");
        docx.Headings("Heading3").Where(h => char.IsDigit(h[0])).Should()
            .ContainInOrder(entriesBefore.Select(e => $"{e.Sequence}. {texts.Enum(e.Kind)}"));
        docx.AllText.Should().Contain("Fortsatt alene i gymtimene.").And.Contain("Tiltaket virker delvis.").And.Contain("Nytt tiltak i gymtimene.")
            .And.Contain("Revisjonsloggen er kontrollert og er hel").And.Contain("§ 12-6").And.Contain("Rektor varslet")
            .And.Contain("Dokument laget: foreldrebrev-" + result.Case.CaseNumber + ".docx (SHA-256 ");
        docx.Headings("Heading2").Should().Equal("Aktivitetsplan versjon 1", "Aktivitetsplan versjon 2");
        docx.Headings("Heading1").Should().Contain(new[] { "Markeringer", "Varsler", "Aktivitetsplaner", "Evalueringer", "Frister", "Saksgang", "Kontroll av revisjonsloggen" });
        docx.Headings("Heading1").Take(2).Should().Equal("Innhold", "Vedleggsliste");
        docx.Paragraphs.Should().Contain(p => p.Text == "Den skriftlige planen og alle versjonene av den (§ 12-4 tredje ledd)", "the contents say which paragraph each part documents");
        docx.Paragraphs.Count(p => p.Text.StartsWith("Dokumenterer: ", StringComparison.Ordinal)).Should().Be(9, "every part states what it documents");
        docx.AllText.Should().Contain("foreldrebrev-", "the letter handed out is in the attachment index");
        // Every timeline entry: the meta line gives who, role and when.
        docx.AllText.Should().Contain("Kari A Lærer (Ansatt)").And.Contain("Randi Rektor (Rektor)").And.Contain("Undersøkes → Tiltak");
    }

    /// <summary>
    /// Emma's case with this session's workflow data: raised with the principal by the parents, the school's conclusion
    /// (not safe), a parent's report in the pupil's-voice step, Jonas Berg heard, the case delegated to Ola, a plan whose
    /// "when" names Jonas, and an evaluation with the parents' view and an assessment of the measure.
    /// </summary>
    private async Task<(Guid Id, DateOnly RaisedOn)> CaseWithTheWorkflowDataAsync()
    {
        var id = await App.ACase().Investigating();
        var raisedOn = SchoolCalendar.OsloDate(Clock.UtcDateTime).AddDays(-2);
        await App.SendAs(Org.Principal1, new RecordParentContact.Command(id, null, "Mor ringte rektor om friminuttene.", RaisedWithPrincipalOn: raisedOn));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new RecordPupilVoice.Command(id, null, PupilView.NotSafe, "Far sier at Emma gruer seg til skolen.", VoiceSource.Parent));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.StaffA, new HearOtherPupil.Command(id, null, "Jonas Berg", "Han sier at de andre aldri lar Emma være med."));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new RecordFinding.Command(id, null, "Observasjonene bekrefter at Emma er alene.", Conclusion: EnvironmentConclusion.NotSafeAndGood));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new Web.Features.Delegations.DelegateCases.Command(Org.StaffB.Id, id, null, "Ola er avdelingsleder for mellomtrinnet."));
        Clock.Advance(TimeSpan.FromMinutes(10));
        var plan = CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App));
        await App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, plan with
        {
            Measures = [plan.Measures[0] with { When = "Alle storefriminutt, også når Jonas Berg er ute" }],
        }));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.SendAs(Org.Principal1, new StartEvaluation.Command(id, null));
        Clock.Advance(TimeSpan.FromMinutes(10));
        var measure = (await App.LoadCaseAsync(id)).CurrentPlan!.Measures[0];
        await App.SendAs(Org.Principal1, new RecordEvaluation.Command(id, null, PupilView.Safe, "Emma sier hun er trygg nå.", "Tiltakene har virket.",
            "Foreldrene ser at Emma gleder seg til skolen igjen.", [new MeasureAssessment(measure.MeasureKey, "Voksen til stede hvert friminutt; virket godt.")]));
        Clock.Advance(TimeSpan.FromMinutes(10));
        return (id, raisedOn);
    }

    [Fact]
    public async Task CaseBundle_ShowsTheConclusion_WhoSaidIt_TheDateRaisedWithThePrincipal_TheOtherPupilHeard_TheDelegation_AndEachMeasuresEvaluation()
    {
        var (id, raisedOn) = await CaseWithTheWorkflowDataAsync();

        var result = await App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        var docx = Docx.Open(result.Content);
        docx.ValidationErrors.Should().BeEmpty();
        var raised = raisedOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var governor = raisedOn.AddDays(7).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        docx.AllText.Should()
            .Contain($"Tatt opp med rektor: {raised}. Statsforvalteren kan behandle saken fra {governor}.")
            .And.Contain("Tiltak er påkrevd fordi: ").And.Contain("Skolens undersøkelse konkluderer med at eleven ikke har et trygt og godt skolemiljø.")
            .And.Contain("Skolens konklusjon: Eleven har ikke et trygt og godt skolemiljø")
            .And.Contain("Hvem sa det: Foreldrene")
            .And.Contain("Hørt: Jonas Berg", "the school's own bundle names the other pupil heard")
            .And.Contain("Han sier at de andre aldri lar Emma være med.")
            .And.Contain("Ola B Assistent behandler saken for rektor").And.Contain("Ola er avdelingsleder for mellomtrinnet.")
            .And.Contain("Rektor ser saken og har fortsatt ansvaret.")
            .And.Contain("Foreldrenes syn: Foreldrene ser at Emma gleder seg til skolen igjen.")
            .And.Contain("Skolens vurdering av hvert tiltak")
            .And.Contain("Voksen til stede hvert friminutt; virket godt.")
            .And.Contain("Fastsette aktivitetsplan", "the deadline for adopting the plan is listed");
        docx.Headings("Heading2").Should().Contain("Delegert fra rektor");
    }

    [Fact]
    public async Task TheFamilysCopies_NeverNameTheOtherPupilHeard_TheLetterAndTheMaskedPlan()
    {
        var (id, raisedOn) = await CaseWithTheWorkflowDataAsync();
        var options = await App.SendAs(Org.Principal1, new GetDocumentOptions.Query(id));
        options.SuggestedMaskNames.Should().Contain("Jonas Berg", "a pupil heard on the case is suggested for masking");

        var letter = Docx.Open((await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ParentLetter))).Content);
        // The family's masked copy masks a heard pupil even when no name was typed.
        var plan = Docx.Open((await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1, []))).Content);
        var schoolPlan = Docx.Open((await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1))).Content);

        schoolPlan.AllText.Should().Contain("Jonas Berg", "the school's own copy is unmasked, so the family copies' masking is what keeps the name out");
        foreach (var (copy, name) in new[] { (letter, "letter"), (plan, "masked plan") })
        {
            copy.ValidationErrors.Should().BeEmpty(name);
            copy.AllText.Should().NotContain("Jonas", name).And.NotContain("Berg", name);
            copy.HeaderText.Should().NotContain("Jonas", name);
        }
        plan.AllText.Should().Contain("også når [navn skjult] er ute").And.Contain("Navn på andre elever er skjult i denne kopien.");
        letter.AllText.Should().Contain("også når [navn skjult] er ute");
        var raised = raisedOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        letter.AllText.Should().Contain($"Skolen har registrert at saken ble tatt opp med rektor {raised}. Statsforvalteren kan derfor behandle saken fra "
            + raisedOn.AddDays(7).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + ".");
    }

    [Theory]
    [InlineData("nb-NO", "fordi Emma sluttet ved skolen", "Den nye skolen har samme skoleeier, og saken er overlevert dit.")]
    [InlineData("nn-NO", "fordi Emma slutta ved skolen", "Den nye skolen har same skoleeigar, og saka er overlevert dit.")]
    public async Task ACaseEndedBecauseThePupilLeftTheSchool_TheLetterSaysSo_AndTheBundleSaysHowItEnded(string culture, string left, string handedOver)
    {
        var id = await App.ACase().PupilSaysNotSafe().Measures();
        await App.SendAs(Org.Principal1, new CloseAsPupilLeftSchool.Command(id, null, SchoolCalendar.OsloDate(Clock.UtcDateTime), "Vestby skole", true,
            "Saken er sendt til rektor ved Vestby skole.", "Foreldrene", "Familien flyttet."));
        Clock.Advance(TimeSpan.FromMinutes(10));

        var letter = Docx.Open((await InCulture(culture, () => App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ParentLetter)))).Content);
        var bundle = Docx.Open((await InCulture(culture, () => App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.CaseBundle)))).Content);

        letter.AllText.Should().Contain(left).And.Contain("Vestby skole").And.Contain(handedOver);
        letter.AllText.Should().NotContain("trygt og godt skolemiljø, og det er ikke planlagt", "the letter does not say the school found the pupil safe");
        bundle.Headings("Heading2").Should().ContainSingle(h => h == (culture == "nb-NO" ? "Slik ble saken avsluttet" : "Slik vart saka avslutta"));
        bundle.AllText.Should().Contain("Vestby skole").And.Contain("Saken er sendt til rektor ved Vestby skole.").And.Contain("Familien flyttet.")
            .And.Contain("Foreldrene");
    }

    [Fact]
    public async Task CaseBundle_SaysWhichDeadlineTheRoutineMovedForASchoolHoliday()
    {
        Clock.UtcNow = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero); // Friday 10:00 in Oslo
        await App.SendAs(Org.Admin, new Web.Features.Admin.SetDeadlinePolicy.Command(3, 24, HolidaysShiftDeadlines: true));
        await App.SendAs(Org.Admin, new Web.Features.Admin.AddSchoolHoliday.Command(new DateOnly(2026, 11, 23), "Planleggingsdag"));
        var id = await App.LogConcernAsync(Org.StaffA, Org.Emma, "Emma ble dyttet.", notify: true);
        (await App.LoadCaseAsync(id)).Deadlines.Should().Contain(d => d.ShiftedByHolidays, "the routine moved the investigation deadline");

        var result = await App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        Docx.Open(result.Content).AllText.Should().Contain("Starte undersøkelse (skoleeierens rutine), flyttet for skolefri etter rutinen");
    }

    [Fact]
    public async Task CaseBundle_StatesTheChainHead_SoAFiledCopyAnchorsTheLogOutsideTheDatabase()
    {
        var id = await App.ACase().Investigating();
        var head = await App.VerifyChainAsync();

        var result = await App.SendAs(Org.Team, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        var text = Docx.Open(result.Content).AllText;
        text.Should().Contain($"siste kontrollerte oppføring er nr. {head.EntriesChecked}").And.Contain(head.HeadHash);
        // The head is the chain as it stood while the document was made; the command's own audit entry follows it.
        head.HeadHash.Should().Be((await App.AuditEntriesAsync()).Single(a => a.Sequence == head.EntriesChecked).Hash);
    }

    [Theory]
    [InlineData("nb-NO", "Statsforvalteren", "Informasjon om saken om skolemiljøet til Emma")]
    [InlineData("nn-NO", "Statsforvaltaren", "Informasjon om saka om skolemiljøet til Emma")]
    public async Task ParentLetter_InTheUsersLanguage_TellsOfTheRightsAndTheRouteToTheCountyGovernor(string culture, string governor, string title)
    {
        var id = await App.ACase().PupilSaysNotSafe().Measures();

        var result = await InCulture(culture, () => App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ParentLetter)));

        result.FileName.Should().Be($"foreldrebrev-{result.Case.CaseNumber}.docx");
        var docx = Docx.Open(result.Content);
        docx.ValidationErrors.Should().BeEmpty();
        docx.Headings("Title").Should().Equal(title);
        docx.AllText.Should().Contain(governor).And.Contain("§ 12-6").And.Contain("rektor").And.Contain("Emma Hansen, 5A").And.Contain("§ 9 A-9")
            .And.Contain("versjon 1");
        docx.AllText.Should().NotContain("Eleven satt alene i friminuttet", "the letter names no one and quotes nothing from the case");
    }

    [Fact]
    public async Task Staff_AreRefused_AndNothingIsWritten()
    {
        var id = await App.ACase().Measures();
        var before = await App.SnapshotAsync(id);

        var act = () => App.SendAs(Org.StaffA, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 1));

        await act.Should().ThrowAsync<ForbiddenException>();
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task ThePrincipalOfAnotherSchool_IsRefusedAsNotFound_AndNoEntryIsWritten()
    {
        var id = await App.ACase().Measures();
        var entries = (await App.LoadCaseAsync(id)).Entries.Count;

        var act = () => App.SendAs(Org.Principal2, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        await act.Should().ThrowAsync<NotFoundOrNoAccessException>();
        (await App.LoadCaseAsync(id)).Entries.Should().HaveCount(entries);
    }

    [Fact]
    public async Task APlanVersionTheCaseDoesNotHave_IsRefused_AndNothingIsWritten()
    {
        var id = await App.ACase().Measures();
        var before = await App.SnapshotAsync(id);

        var act = () => App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.ActivityPlan, 2));

        (await act.Should().ThrowAsync<CaseRuleViolation>()).Which.Code.Should().Be(RefusalCode.PlanVersionNotFound);
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task AClosedCase_CanStillBeDocumented()
    {
        var id = await App.ACase().Closed();

        var result = await App.SendAs(Org.Principal1, new GenerateDocument.Command(id, DocumentKind.CaseBundle));

        Docx.Open(result.Content).ValidationErrors.Should().BeEmpty();
        (await App.LoadCaseAsync(id)).Entries[^1].Kind.Should().Be(EntryKind.DocumentGenerated);
    }

    private static async Task<T> InCulture<T>(string culture, Func<Task<T>> work)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return await work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>The resource texts, read directly, to name entry kinds as the document does.</summary>
    private sealed class UiTextInCulture
    {
        private readonly IReadOnlyDictionary<string, string> _texts;

        public UiTextInCulture(string culture) => _texts = JsonStringLocalizerFactory.Load(culture);

        public string Enum<TEnum>(TEnum value) where TEnum : struct, System.Enum => _texts[$"{typeof(TEnum).Name}.{value}"];
    }
}
