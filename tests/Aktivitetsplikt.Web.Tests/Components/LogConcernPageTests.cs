using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Necessity;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>
/// The interactive concern form (/meld) in bUnit, over the app's real services and pipeline on a temp SQLite
/// database with the small test organisation, signed in as staff A at Testvik skole.
/// </summary>
public sealed class LogConcernPageTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private TestApp? _app;

    private TestApp App => _app!;

    public async Task InitializeAsync()
    {
        // The search waits for a pause in typing, then queries SQLite; on a busy shared machine that takes more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        _app = await TestApp.CreateAsync();
        _bunit.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        _bunit.Services.AddAktivitetsplikt(App.Storage);
        _bunit.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(App.Clock));
        _bunit.Services.AddScoped<ScopedSender>();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.GetRequiredService<CurrentUser>().ActAs(App.Org.StaffA);
    }

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
    }

    private IRenderedComponent<LogConcernPage> RenderForm()
    {
        var form = _bunit.Render<LogConcernPage>();
        form.WaitForAssertion(() => form.Find("form[data-interactive=true]"));
        return form;
    }

    private static IReadOnlyList<string> PupilChoices(IRenderedComponent<LogConcernPage> form) =>
        form.FindAll("#f-PupilId option[value]:not([value=''])").Select(o => o.TextContent).ToList();

    private static string? Chosen(IRenderedComponent<LogConcernPage> form, string selectId) =>
        form.Find(selectId).QuerySelector("option[selected]")?.GetAttribute("value") ?? form.Find(selectId).GetAttribute("value");

    private static string TextIn(IElement field) => field.GetAttribute("value") ?? field.TextContent;

    private Task<int> CaseCountAsync() => App.WithDb(db => db.Cases.CountAsync());

    [Fact]
    public void SearchAsYouType_ByNameOrClass_ShowsOnlyMatchingPupilsOfTheUsersOwnSchool()
    {
        var form = RenderForm();
        PupilChoices(form).Should().BeEquivalentTo("Emma Hansen (5A)", "Noah Johansen (5A)", "Olivia Olsen (6B)");

        form.Find("#pupil-search").Input("olse");
        form.WaitForAssertion(() => PupilChoices(form).Should().Equal("Olivia Olsen (6B)"));
        Chosen(form, "#f-PupilId").Should().Be(App.Org.Olivia.Id.ToString(), "the only match is chosen");
        form.Find("[data-testid=pupil-count]").TextContent.Should().Be("Én elev passer søket.");

        form.Find("#pupil-search").Input("5a");
        form.WaitForAssertion(() => PupilChoices(form).Should().Contain(["Emma Hansen (5A)", "Noah Johansen (5A)"]));

        form.Find("#pupil-search").Input("Leah");
        form.WaitForAssertion(() => form.Find("[data-testid=pupil-count]").TextContent.Should().Be("Ingen elever passer søket"));
        PupilChoices(form).Should().NotContain(p => p.StartsWith("Leah"), "Leah goes to the other school");
    }

    [Fact]
    public void ChoosingAPupilAfterASearch_KeepsWhatWasAlreadyWritten_AndAnotherSearchDoesNotUnchooseIt()
    {
        var form = RenderForm();
        form.Find("#f-WhatHappened").Change("Emma satt alene i hele storefriminuttet og gråt.");
        form.Find("#f-Intervention").Change("Jeg satte meg sammen med henne.");
        form.Find("#f-EmployeeSuspected").Change(true);

        form.Find("#pupil-search").Input("emma");
        form.WaitForAssertion(() => PupilChoices(form).Should().Equal("Emma Hansen (5A)"));
        form.Find("#f-PupilId").Change(App.Org.Emma.Id.ToString());
        form.Find("#pupil-search").Input("olivia");
        form.WaitForAssertion(() => PupilChoices(form).Should().Contain("Olivia Olsen (6B)"));

        Chosen(form, "#f-PupilId").Should().Be(App.Org.Emma.Id.ToString());
        PupilChoices(form).Should().Contain("Emma Hansen (5A)", "the chosen pupil stays in the list");
        TextIn(form.Find("#f-WhatHappened")).Should().Be("Emma satt alene i hele storefriminuttet og gråt.");
        TextIn(form.Find("#f-Intervention")).Should().Be("Jeg satte meg sammen med henne.");
        form.Find("#f-EmployeeSuspected").HasAttribute("checked").Should().BeTrue();
    }

    [Fact]
    public async Task SubmittingAnEmptyForm_ReportsEveryMissingFieldAtOnce_InTheSummaryAndByEachField_AndSavesNothing()
    {
        var form = RenderForm();
        form.Find("#f-OccurredAtUtc").Change("");

        form.Find("form").Submit();

        var summary = form.WaitForElement("[data-testid=error-summary]");
        summary.QuerySelectorAll("li").Select(li => li.TextContent).Should().Equal(
            "Velg eleven saken gjelder.", "Skriv hva du så eller hørte.", "Skriv når det skjedde (dato og klokkeslett).", "Velg hvor det skjedde.");
        summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Equal("#f-PupilId", "#f-WhatHappened", "#f-OccurredAtUtc", "#f-Location");
        foreach (var field in new[] { "f-PupilId", "f-WhatHappened", "f-OccurredAtUtc", "f-Location" })
        {
            form.Find($"#{field}-error").TextContent.Should().NotBeEmpty();
            form.Find($"#{field}").GetAttribute("aria-invalid").Should().Be("true");
        }
        (await CaseCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ARefusalFromThePipeline_IsShownByItsField_AndKeepsEverythingTyped()
    {
        var form = RenderForm();
        form.Find("#f-PupilId").Change(App.Org.Noah.Id.ToString());
        form.Find("#f-WhatHappened").Change("Noah ble holdt utenfor i gymmen.");
        form.Find("#f-Location").Change(nameof(ConcernLocation.Classroom));
        form.Find("#f-LeadershipSuspected").Change(true);

        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("#f-LeadershipSuspected-error").TextContent
            .Should().Be("Skoleledelsen kan bare være mistenkt når saken gjelder noen som arbeider på skolen."));
        TextIn(form.Find("#f-WhatHappened")).Should().Be("Noah ble holdt utenfor i gymmen.");
        Chosen(form, "#f-PupilId").Should().Be(App.Org.Noah.Id.ToString());
        (await CaseCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task SubmittingACompleteForm_LogsTheCase_AndTheReceiptShowsItsCaseNumber()
    {
        var form = RenderForm();
        form.Find("#pupil-search").Input("noah");
        form.WaitForAssertion(() => Chosen(form, "#f-PupilId").Should().Be(App.Org.Noah.Id.ToString()));
        form.Find("#f-WhatHappened").Change("Noah ble dyttet i garderoben.");
        form.Find("#f-Location").Change(nameof(ConcernLocation.Other));

        form.Find("form").Submit();

        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        form.WaitForAssertion(() => navigation.Uri.Should().Contain("/meld/kvittering/"));
        var caseId = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var logged = await App.LoadCaseAsync(caseId);
        logged.PupilId.Should().Be(App.Org.Noah.Id);
        logged.State.Should().Be(CaseState.PrincipalNotified, "'notify the principal now' is ticked by default");

        var receipt = _bunit.Render<ConcernReceipt>(p => p.Add(r => r.CaseId, caseId));

        receipt.Find("[role=status]").TextContent.Should().Contain("Bekymringen er registrert").And.Contain($"Saksnummer: {logged.CaseNumber}");
        logged.CaseNumber.Should().Be("2026-0001");
    }

    [Fact]
    public void ADraftTheBrowserKept_AfterAReload_FillsTheEmptyForm_AndSaysSo()
    {
        var module = _bunit.JSInterop.SetupModule("./js/concern-draft.js");
        module.Setup<LogConcern.Form?>("track", _ => true).SetResult(new LogConcern.Form
        {
            PupilId = App.Org.Olivia.Id.ToString(),
            WhatHappened = "Skrevet før forbindelsen ble borte.",
            OccurredAt = "2026-11-18T09:30",
            Location = nameof(ConcernLocation.Schoolyard),
        });

        var form = RenderForm();

        form.Find("[data-testid=draft-restored]").TextContent.Should().Contain("Det er ikke sendt ennå");
        TextIn(form.Find("#f-WhatHappened")).Should().Be("Skrevet før forbindelsen ble borte.");
        Chosen(form, "#f-PupilId").Should().Be(App.Org.Olivia.Id.ToString());
        Chosen(form, "#f-Location").Should().Be(nameof(ConcernLocation.Schoolyard));
    }

    [Fact]
    public async Task TheFormCarriesAOneTimeKey_AndARetryAfterAReload_ShowsTheFirstReceipt_InsteadOfASecondCase()
    {
        var form = RenderForm();
        var key = form.Find("input[name='Form.SubmissionKey']").GetAttribute("value");
        Guid.TryParse(key, out _).Should().BeTrue("the key is made when the form is rendered");
        form.Find("#f-PupilId").Change(App.Org.Noah.Id.ToString());
        form.Find("#f-WhatHappened").Change("Noah ble dyttet i garderoben.");
        form.Find("#f-Location").Change(nameof(ConcernLocation.Other));
        form.Find("form").Submit();
        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        form.WaitForAssertion(() => navigation.Uri.Should().Contain("/meld/kvittering/"));
        var firstReceipt = navigation.Uri;

        // The connection broke before the browser saw the receipt: after the reload the tab's draft, key and all, is back.
        var module = _bunit.JSInterop.SetupModule("./js/concern-draft.js");
        module.Setup<LogConcern.Form?>("track", _ => true).SetResult(new LogConcern.Form
        {
            PupilId = App.Org.Noah.Id.ToString(),
            WhatHappened = "Noah ble dyttet i garderoben.",
            OccurredAt = UiText.InputValue(App.Clock.UtcDateTime),
            Location = nameof(ConcernLocation.Other),
            NotifyPrincipalNow = true,
            SubmissionKey = key,
        });
        navigation.NavigateTo("/meld");
        var again = RenderForm();
        again.Find("input[name='Form.SubmissionKey']").GetAttribute("value").Should().Be(key);
        again.Find("form").Submit();

        again.WaitForAssertion(() => navigation.Uri.Should().Be(firstReceipt));
        (await CaseCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task AFormOpenedFromANecessityRecord_IsFilledFromIt_AndTheCaseItMakesIsLinkedToTheRecord()
    {
        var occurred = App.Clock.UtcDateTime.AddHours(-2);
        var recordId = await App.SendAs(App.Org.StaffA, new RecordNecessity.Command(App.Org.Emma.Id, occurred, "Gangen ved gymsalen", "Kari A Lærer",
            "Emma slo en medelev og reagerte ikke på tilsnakk.", "Holdt Emma i armene til hun roet seg.", 4, "Ingen",
            null, App.Clock.UtcDateTime.AddMinutes(-30), "Kari A Lærer", Aktivitetsplikt.Domain.Necessity.PupilAccountStatus.Declined, null,
            "Samtale etter timen.", "Samtale med foreldrene i morgen."));
        var navigation = _bunit.Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo($"/meld?protokoll={recordId}");

        var form = RenderForm();

        form.Find("[data-testid=from-necessity]").TextContent.Should().Contain("opprettes fra protokollen").And.Contain("velg hvor det skjedde");
        Chosen(form, "#f-PupilId").Should().Be(App.Org.Emma.Id.ToString());
        TextIn(form.Find("#f-WhatHappened")).Should().Be("Emma slo en medelev og reagerte ikke på tilsnakk.");
        TextIn(form.Find("#f-Intervention")).Should().Be("Holdt Emma i armene til hun roet seg.");
        form.Find("#f-OccurredAtUtc").GetAttribute("value").Should().Be(UiText.InputValue(occurred));
        form.Find("input[name='Form.NecessityRecordId']").GetAttribute("value").Should().Be(recordId.ToString());
        Chosen(form, "#f-Location").Should().BeNullOrEmpty("the record's place is free text: the user chooses where");

        form.Find("#f-Location").Change(nameof(ConcernLocation.Other));
        form.Find("form").Submit();

        form.WaitForAssertion(() => navigation.Uri.Should().Contain("/meld/kvittering/"));
        var caseId = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        (await App.WithDb(db => db.NecessityRecords.Where(r => r.Id == recordId).Select(r => r.CaseId).SingleAsync())).Should().Be(caseId);
        (await App.LoadCaseAsync(caseId)).Entries.Should().Contain(e => e.Kind == EntryKind.NecessityRecordLinked);
    }

    [Fact]
    public async Task AFormOpenedFromARecordTheUserMayNotSee_SaysSo_AndLinksNothing()
    {
        var recordId = await App.SendAs(App.Org.StaffB, new RecordNecessity.Command(App.Org.Emma.Id, App.Clock.UtcDateTime.AddHours(-2), "Gangen",
            "Kari B", "Det som skjedde før.", "Det som ble gjort.", 4, "Ingen", null, null, null,
            Aktivitetsplikt.Domain.Necessity.PupilAccountStatus.Declined, null, "Samtale.", "Oppfølging."));
        _bunit.Services.GetRequiredService<BunitNavigationManager>().NavigateTo($"/meld?protokoll={recordId}");

        var form = RenderForm();

        form.Find("[data-testid=from-necessity]").TextContent.Should().Contain("finnes ikke, eller du har ikke tilgang");
        TextIn(form.Find("#f-WhatHappened")).Should().BeEmpty("nothing of a record staff A may not see is shown");
        form.Find("input[name='Form.NecessityRecordId']").GetAttribute("value").Should().BeNullOrEmpty();
    }

    [Fact]
    public void EveryFreshForm_GetsItsOwnKey()
    {
        var first = RenderForm().Find("input[name='Form.SubmissionKey']").GetAttribute("value");
        var second = RenderForm().Find("input[name='Form.SubmissionKey']").GetAttribute("value");

        first.Should().NotBe(second);
    }
}
