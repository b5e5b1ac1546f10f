using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Documents;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// The security review's hostile-input corpus, kept: XSS- and SQL-shaped text, formula prefixes, NUL and every C0
/// control, U+FFFE, unpaired surrogates, bidi overrides, zero-width characters, a 20k-character word, far past and
/// future dates, malformed ids and numbers, and 1 MB and 10 MB bodies, sent through every query parameter, every
/// route value, every static form and, for the interactive forms, their form models and commands through the real
/// pipeline. None may answer 500 (or throw what the UI cannot explain), nothing that the rules refuse may be stored,
/// nothing may be reflected unescaped, and every document of every case must still be made.
/// The probe counts are written to the test output; docs/security.md ("Hostile input") quotes them.
/// </summary>
public sealed class HostileInputTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    private const string ScriptPayload = "<script>alert('x')</script>";

    /// <summary>The client key for Marte Larsen, Jakob's mother in the demo data (signed in as ID-porten would: <see cref="AppFactory.NewGuardianClientAsync"/>).</summary>
    private const string Guardian = "guardian:Marte Larsen";
    /// <summary>The client key for Jakob Larsen himself, a pupil of 6A (signed in as Feide would: <see cref="AppFactory.NewPupilClientAsync"/>).</summary>
    private const string Pupil = "pupil:Jakob Larsen";

    /// <summary>The family's pages, a guardian's or a pupil's: a refusal there must be a page they can read.</summary>
    private static bool IsFamily(string user) => user is Guardian or Pupil;

    // The corpus posts hundreds of times from one client address: the public pages' per-address limits would answer 429
    // long before the probes reach the forms' own rules. (SiFraRateLimitTests proves the limits.)
    private readonly bool _limitsRaised = RaiseSiFraLimits(app);

    private static bool RaiseSiFraLimits(AppFactory app)
    {
        app.Settings["SiFra:RateLimits:MessagesPerHourPerAddress"] = "100000";
        app.Settings["SiFra:RateLimits:StatusRequestsPerHourPerAddress"] = "100000";
        return true;
    }
    private const string ImagePayload = "<img src=x onerror=alert(1)>";

    /// <summary>The corpus: (name, value). Values that cannot travel in a URL as they are (lone surrogates) go as the bytes a browser would send.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Corpus = BuildCorpus();

    private static List<(string, string)> BuildCorpus()
    {
        var corpus = new List<(string, string)>
        {
            ("xss-script", ScriptPayload),
            ("xss-attribute", "\" onmouseover=\"alert(1)\" x=\"" + ImagePayload),
            ("xss-url", "javascript:alert(1)"),
            ("sql-or", "' OR '1'='1' --"),
            ("sql-drop", "Robert'); DROP TABLE Cases;--"),
            ("formula-equals", "=HYPERLINK(\"http://x\";\"klikk\")"),
            ("formula-plus", "+47 12345678"),
            ("formula-minus", "-2+3"),
            ("formula-at", "@SUM(A1:A9)"),
            ("nul", "før\0etter"),
            ("del", "før\u007Fetter"),
            ("c1-nel", "før\u0085etter"),
            ("fffe", "før\uFFFEetter"),
            ("ffff", "før\uFFFFetter"),
            ("lone-high-surrogate", "før\uD800etter"),
            ("lone-low-surrogate", "før\uDC00etter"),
            ("bidi-override", "elev\u202Efdp.exe"),
            ("bidi-isolate", "\u2067Emma\u2069"),
            ("zero-width", "E\u200Bm\u200Cm\u200Da\uFEFF\u2060"),
            ("word-20k", new string('x', 20_000)),
            ("date-past", "0001-01-01"),
            ("date-future", "9999-12-31"),
            ("datetime-past", "0001-01-01T00:00"),
            ("datetime-future", "9999-12-31T23:59"),
            ("month-past", "0001-01"),
            ("month-future", "9999-12"),
            ("guid-malformed", "not-a-guid"),
            ("guid-empty", Guid.Empty.ToString()),
            ("guid-unknown", "6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            ("number-text", "abc"),
            ("number-huge", "99999999999999999999"),
            ("number-negative", "-1"),
            ("number-zero", "0"),
            ("number-max", "2147483647"),
            ("number-decimal", "1,5"),
            ("empty", ""),
            ("blank", "   "),
            ("path-like", "../../etc/passwd"),
        };
        for (var c = 1; c < 32; c++) corpus.Add(($"c0-{c:X2}", $"før{(char)c}etter"));
        return corpus;
    }

    /// <summary>Raw query values that are not valid UTF-8 or not valid escapes at all.</summary>
    private static readonly string[] RawQueryValues = ["%ED%A0%80", "%", "%zz", "%00", "%C0%AF"];

    private static readonly UTF8Encoding Utf8 = new(false, false);

    [Fact]
    public async Task EveryQueryParameterAndRouteValue_AnswersWithoutA500_AndReflectsNothingUnescaped()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var (school, ola) = await app.QueryAsync(async db => (
            await db.Schools.Where(s => s.Name == "Nordvik skole").Select(s => s.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "ola.sfo").Select(u => u.Id).SingleAsync()));
        var emma = await app.QueryAsync(db => db.Pupils.Where(p => p.FirstName == "Emma").Select(p => p.Id).FirstAsync());
        var queries = new (string User, string Path, string[] Parameters)[]
        {
            ("randi.rektor", "/saker", ["sok", "status", "vis", "skole", "frist", "side"]),
            ("randi.rektor", "/saker/eksport.csv", ["sok", "status", "vis", "skole", "frist", "navn"]),
            ("randi.rektor", "/statistikk", ["fra", "til", "skole"]),
            ("randi.rektor", "/statistikk/eksport.csv", ["fra", "til", "skole"]),
            ("randi.rektor", $"/saker/{jakob}/plan/endringer", ["fra", "til"]),
            ("randi.rektor", $"/saker/{jakob}", ["utfort"]),
            ("randi.rektor", $"/saker/{jakob}/logg", ["side"]),
            ("randi.rektor", $"/saker/{jakob}/plan/1/utskrift", ["maske"]),
            ("randi.rektor", $"/saker/{jakob}/plan/ny", ["fraMote"]),
            ("randi.rektor", "/varsler", ["side"]),
            ("randi.rektor", "/", ["side"]),
            ("kari.laerer", "/meld", ["elev"]),
            ("siri.9a", "/oversikt", ["skole"]),
            ("siri.9a", "/statistikk", ["fra", "til", "skole"]),
            ("arne.admin", "/admin", ["lagret"]),
            ("arne.admin", "/admin/elever/ny", ["skole", "lagret"]),
            ("arne.admin", "/admin/brukere/ny", ["lagret"]),
            ("arne.admin", $"/admin/brukere/{ola}", ["lagret"]),
            ("arne.admin", $"/admin/skoler/{school}", ["lagret"]),
            ("arne.admin", "/admin/frister", ["lagret"]),
            ("siri.9a", "/personvern", ["sok"]),
            ("siri.9a", "/arkiv", ["kjoring"]),
            ("arne.admin", "/admin/elever", ["q", "skole", "klasse", "inaktive", "side", "lagret"]),
            ("arne.admin", $"/admin/elever/{emma}", ["lagret"]),
            ("randi.rektor", "/nodrett", ["side"]),
            ("", "/logg-inn", ["ReturnUrl"]),
            ("", "/si-fra", ["skole"]),
            ("", "/si-fra/kvittering", ["kode"]),
            (Guardian, $"/familie/sak/{jakob}", ["sendt"]),
            (Pupil, $"/familie/sak/{jakob}", ["sendt"]),
        };
        var routes = new (string User, string Template)[]
        {
            ("randi.rektor", "/saker/{0}"),
            ("randi.rektor", "/saker/{0}/logg"),
            ("randi.rektor", "/saker/{0}/plan/ny"),
            ("randi.rektor", "/saker/{0}/plan/endringer"),
            ("randi.rektor", "/saker/{0}/plan/1/utskrift"),
            ("randi.rektor", $"/saker/{jakob}/plan/{{0}}/utskrift"),
            ("randi.rektor", $"/saker/{jakob}/vedlegg/{{0}}"),
            ("randi.rektor", $"/saker/{jakob}/vedlegg/{{0}}/bilde"),
            ("kari.laerer", "/meld/kvittering/{0}"),
            ("arne.admin", "/admin/skoler/{0}"),
            ("arne.admin", "/admin/brukere/{0}"),
            ("siri.9a", "/personvern/elever/{0}/innsyn.zip"),
            ("siri.9a", "/arkiv/uttrekk/{0}.zip"),
            ("arne.admin", "/admin/elever/{0}"),
            ("arne.admin", "/admin/elever/import/{0}"),
            ("randi.rektor", "/nodrett/{0}"),
            ("", "/si-fra/{0}"),
            ("", "/si-fra/kvittering/{0}"),
            (Guardian, "/familie/sak/{0}"),
            (Guardian, "/familie/sak/{0}/foreldrebrev"),
            (Pupil, "/familie/sak/{0}"),
            (Pupil, "/familie/sak/{0}/foreldrebrev"),
        };
        var failures = new List<string>();
        var probes = 0;
        var clients = new Dictionary<string, AppClient>();
        try
        {
            foreach (var (user, path, parameters) in queries)
            {
                var client = await ClientAsync(clients, user);
                foreach (var parameter in parameters)
                    foreach (var value in Corpus.Select(c => Escape(c.Value)).Concat(RawQueryValues))
                    {
                        probes++;
                        Check(failures, $"GET {path}?{parameter}=…", await client.GetAsync($"{path}?{parameter}={value}"), norwegianRefusal: IsFamily(user));
                    }
            }
            var queryProbes = probes;
            foreach (var (user, template) in routes)
            {
                var client = await ClientAsync(clients, user);
                // A NUL in the path is refused by Kestrel (400) before the app sees it; the in-memory test host cannot even send it.
                foreach (var value in Corpus.Select(c => Escape(c.Value)).Where(v => v.Length > 0 && !v.Contains("%00", StringComparison.Ordinal)))
                {
                    probes++;
                    var page = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, template, value));
                    Check(failures, $"GET {template} with {value[..Math.Min(value.Length, 40)]}", page, norwegianRefusal: IsFamily(user));
                }
            }
            output.WriteLine($"Query parameter probes: {queryProbes}; route value probes: {probes - queryProbes}; failures: {failures.Count}");
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryStaticForm_TakesTheCorpusInEveryField_WithoutA500_AndStoresNothingTheRulesRefuse()
    {
        var jakob = await app.CaseOfPupilAsync("Jakob");
        var (school, ola) = await app.QueryAsync(async db => (
            await db.Schools.Where(s => s.Name == "Nordvik skole").Select(s => s.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "ola.sfo").Select(u => u.Id).SingleAsync()));
        var receipt = await SiFraReceiptAsync();
        // The pupil-edit form takes the corpus and may rename its pupil: a pupil no other test of this class looks up by name.
        var oskar = await app.QueryAsync(db => db.Pupils.Where(p => p.FirstName == "Oskar").Select(p => p.Id).SingleAsync());
        _limitsRaised.Should().BeTrue();
        var pages = new (string User, string Path)[]
        {
            // First: the school form's probes below may turn pupils' sign-in off at Jakob's school.
            (Pupil, $"/familie/sak/{jakob}"),
            ("", "/logg-inn"),
            ("", "/si-fra"),
            ("", "/si-fra/nordvik-skole"),
            ("", receipt),
            ("randi.rektor", "/varsler"),
            ("arne.admin", "/admin/skoler/ny"),
            ($"arne.admin", $"/admin/skoler/{school}"),
            ("arne.admin", "/admin/elever/ny"),
            ("arne.admin", "/admin/brukere/ny"),
            ("arne.admin", $"/admin/brukere/{ola}"),
            ("arne.admin", "/admin/frister"),
            ("siri.9a", "/arkiv"),
            ("arne.admin", $"/admin/elever/{oskar}"),
            ("arne.admin", "/admin/elever/import"),
            ("kari.laerer", "/nodrett/ny"),
            (Guardian, $"/familie/sak/{jakob}"),
        };
        // What Jakob's case holds before the family's forms take the corpus: none of it may be lost or changed.
        var jakobBefore = await EntriesAsync(jakob);
        var failures = new List<string>();
        var probes = 0;
        var bigBodies = 0;
        var clients = new Dictionary<string, AppClient>();
        try
        {
            foreach (var (user, path) in pages)
            {
                var client = await ClientAsync(clients, user);
                var page = await client.GetAsync(path);
                page.Status.Should().Be(HttpStatusCode.OK, path);
                foreach (var form in page.Document.QuerySelectorAll("form").Where(f => f.QuerySelector("input[name=_handler]") is not null))
                {
                    var formName = form.QuerySelector("input[name=_handler]")!.GetAttribute("value")!;
                    var fields = Fields(form);
                    foreach (var field in fields)
                        foreach (var (name, value) in Corpus)
                        {
                            probes++;
                            // A fresh page each time: a post that succeeded (a school created) changes what the page shows.
                            Check(failures, $"POST {path} form {formName} field {field} = {name}",
                                await client.SubmitAsync(await client.GetAsync(path), formName, (field, value)), norwegianRefusal: IsFamily(user));
                        }
                    if (fields.FirstOrDefault(f => !f.EndsWith("Id", StringComparison.Ordinal)) is { } textField)
                        foreach (var size in new[] { 1 << 20, 10 << 20 })
                        {
                            bigBodies++;
                            Check(failures, $"POST {path} form {formName} field {textField} with {size >> 20} MB",
                                await client.SubmitAsync(await client.GetAsync(path), formName, (textField, new string('a', size))), norwegianRefusal: IsFamily(user));
                        }
                }
            }
            var documentsClient = await ClientAsync(clients, "randi.rektor");
            var casePage = await documentsClient.GetAsync($"/saker/{jakob}");
            foreach (var kind in new[] { "aktivitetsplan", "dokumentasjon", "foreldrebrev" })
                foreach (var field in new[] { "version", "mask", "maskNames" })
                    foreach (var (name, value) in Corpus.Append(("big-1mb", new string('a', 1 << 20))))
                    {
                        probes++;
                        Check(failures, $"POST documents {kind} {field} = {name}", await documentsClient.PostAsync($"/saker/{jakob}/dokumenter/{kind}",
                            [new("__RequestVerificationToken", casePage.AntiforgeryToken!), new("version", "1"), new(field, value)]));
                    }
            // The attachment upload (multipart): the corpus as the file's name and as the entry it belongs to, and 10 MB of no known kind.
            var png = Features.Evidence.TestFiles.Png(8, 8);
            foreach (var (name, value) in Corpus)
            {
                probes += 2;
                Check(failures, $"POST attachment file name = {name}", await documentsClient.PostMultipartAsync($"/saker/{jakob}/vedlegg",
                    [new("__RequestVerificationToken", casePage.AntiforgeryToken!)], "file", value, png));
                Check(failures, $"POST attachment entryId = {name}", await documentsClient.PostMultipartAsync($"/saker/{jakob}/vedlegg",
                    [new("__RequestVerificationToken", casePage.AntiforgeryToken!), new("entryId", value)], "file", "bilde.png", png));
            }
            bigBodies++;
            Check(failures, "POST attachment with 10 MB of no known kind", await documentsClient.PostMultipartAsync($"/saker/{jakob}/vedlegg",
                [new("__RequestVerificationToken", casePage.AntiforgeryToken!)], "file", "stor.pdf", new byte[10 << 20]));
            output.WriteLine($"Static form field probes: {probes} (+{bigBodies} 1 MB / 10 MB bodies); failures: {failures.Count}");
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
        failures.Should().BeEmpty();
        (await RefusedTextStoredAsync()).Should().BeEmpty();
        (await EntriesAsync(jakob)).Take(jakobBefore.Count).Should().Equal(jakobBefore, "what the family sends is added to the case, never in place of anything");
    }

    [Fact]
    public async Task TheInteractiveForms_TheirModelsAndCommands_TakeTheCorpus_WithoutAnUnexplainedFailure_AndEveryDocumentIsStillMade()
    {
        var failures = new List<string>();
        var (concernProbes, commandProbes, accepted) = (0, 0, 0);

        // The concern form (/meld): what the browser sends is the form model as typed; ToCommand reads it, the pipeline takes the rest.
        var emma = await app.QueryAsync(db => db.Pupils.Where(p => p.FirstName == "Emma").Select(p => p.Id).SingleAsync());
        foreach (var property in typeof(LogConcern.Form).GetProperties().Where(p => p.PropertyType == typeof(string)))
            foreach (var (name, value) in Corpus)
            {
                concernProbes++;
                var form = new LogConcern.Form
                {
                    PupilId = emma.ToString(),
                    WhatHappened = "Eleven ble holdt utenfor.",
                    OccurredAt = UiText.InputValue(DateTime.UtcNow.AddHours(-1)),
                    Location = nameof(ConcernLocation.Classroom),
                    SubmissionKey = Guid.NewGuid().ToString(),
                };
                property.SetValue(form, value);
                try
                {
                    var (command, _) = form.ToCommand();
                    if (command is not null && await SendAsync("kari.laerer", command)) accepted++;
                }
                catch (Exception ex)
                {
                    failures.Add($"/meld {property.Name} = {name}: {ex.GetType().Name}: {ex.Message}");
                }
            }

        // Every step on a case (the case page's forms and the plan editor send these), every text and date parameter.
        var stepTypes = typeof(LogConcern).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Aktivitetsplikt.Web.Pipeline.ICaseCommand).IsAssignableFrom(t)).OrderBy(t => t.FullName).ToList();
        foreach (var type in stepTypes)
        {
            var caseId = await app.LogConcernAsync("kari.laerer", "Sofie", "Sofie ble ertet i gangen.", notifyPrincipal: true);
            await SendAsync("randi.rektor", new StartInvestigation.Command(caseId, null, "Samtaler."));
            var entryId = await app.QueryAsync(db => db.CaseEntries.Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).Select(e => e.Id).FirstAsync());
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            foreach (var target in Targets(constructor))
                foreach (var (name, value) in Corpus)
                {
                    if (Arguments(constructor, target, value, caseId, entryId) is not { } arguments) continue;
                    commandProbes++;
                    try
                    {
                        if (await SendAsync("randi.rektor", (IRequest<CaseCommandResult>)constructor.Invoke(arguments))) accepted++;
                    }
                    catch (Exception ex)
                    {
                        failures.Add($"{type.DeclaringType?.Name} {target} = {name}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
        }

        var (documents, documentFailures) = await EveryDocumentOfEveryCaseAsync();
        output.WriteLine($"Concern form probes: {concernProbes}; case step probes: {commandProbes} ({stepTypes.Count} steps); accepted: {accepted}; "
            + $"documents made: {documents}; failures: {failures.Count + documentFailures.Count}");
        failures.Should().BeEmpty();
        documentFailures.Should().BeEmpty();
        (await RefusedTextStoredAsync()).Should().BeEmpty();
    }

    /// <summary>Which constructor parameters a probe aims at: every text, and every date (also inside the plan).</summary>
    private static IEnumerable<string> Targets(System.Reflection.ConstructorInfo constructor)
    {
        foreach (var parameter in constructor.GetParameters())
        {
            if (parameter.ParameterType == typeof(string) || parameter.ParameterType == typeof(DateTime?)) yield return parameter.Name!;
            if (parameter.ParameterType == typeof(PlanInput))
                foreach (var part in new[] { "Problem", "PupilView", "PupilHeardHow", "ParentsView", "ParentsInformedHow", "EvaluationDate",
                             "Measure.Description", "Measure.When", "Measure.ResponsibleName", "Measure.EvaluateOn" })
                    yield return "Plan." + part;
        }
    }

    /// <summary>The arguments of a step with the corpus value in <paramref name="target"/>; null when the value cannot have that type (text as a date).</summary>
    private static object?[]? Arguments(System.Reflection.ConstructorInfo constructor, string target, string value, Guid caseId, Guid entryId)
    {
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var aimed = p.Name == target;
            if (p.ParameterType == typeof(string)) arguments[i] = aimed ? value : "Vanlig tekst.";
            else if (p.ParameterType == typeof(DateTime?))
            {
                if (!aimed) arguments[i] = null;
                else if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                    arguments[i] = date;
                else return null;
            }
            else if (p.ParameterType == typeof(Guid)) arguments[i] = p.Name == "CaseId" ? caseId : p.Name == "EntryId" ? entryId : Guid.NewGuid();
            else if (p.ParameterType == typeof(PlanInput))
            {
                if (Plan(target, value) is not { } plan) return null;
                arguments[i] = plan;
            }
            else if (p.ParameterType.IsEnum) arguments[i] = Enum.GetValues(p.ParameterType).GetValue(Enum.GetValues(p.ParameterType).Length > 1 ? 1 : 0);
            else if (p.HasDefaultValue) arguments[i] = p.DefaultValue;
            else arguments[i] = p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;
        }
        return target.StartsWith("Plan.", StringComparison.Ordinal) || parameters.Any(p => p.Name == target) ? arguments : null;
    }

    private static PlanInput? Plan(string target, string value)
    {
        DateOnly? date = null;
        if (target.EndsWith("EvaluationDate", StringComparison.Ordinal) || target.EndsWith("EvaluateOn", StringComparison.Ordinal))
        {
            if (!DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var parsed)) return null;
            date = parsed;
        }
        string Text(string part, string normal) => target == "Plan." + part ? value : normal;
        var measure = new MeasureInput(Text("Measure.Description", "Voksen ute i friminuttene"), Text("Measure.When", "Hver dag"),
            Text("Measure.ResponsibleName", "Kari Lærer"), null, target == "Plan.Measure.EvaluateOn" ? date : null);
        return new PlanInput(Text("Problem", "Eleven holdes utenfor."), [measure],
            target == "Plan.EvaluationDate" ? date : DateOnly.FromDateTime(DateTime.UtcNow.AddDays(21)),
            Text("PupilView", "Vil ha en voksen ute."), Text("PupilHeardHow", "Samtale"), Text("ParentsView", "Enige."), Text("ParentsInformedHow", "Møte"));
    }

    /// <summary>Sends through the real pipeline as the user: true when done, false when refused in a way the UI explains; anything else throws.</summary>
    private async Task<bool> SendAsync<T>(string userName, IRequest<T> request)
    {
        try
        {
            await app.SendAsAsync(userName, request);
            return true;
        }
        catch (Exception ex) when (IsRefusalWithText(ex))
        {
            return false;
        }
    }

    /// <summary>A refusal the pages show in words (not a 500).</summary>
    private bool IsRefusalWithText(Exception ex)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<UiText>().Error(ex) is not null;
    }

    /// <summary>Every document of every case, as the § 9A team (who sees every case): each must be made, and be a valid .docx.</summary>
    private async Task<(int Made, List<string> Failures)> EveryDocumentOfEveryCaseAsync()
    {
        var failures = new List<string>();
        var made = 0;
        var cases = await app.QueryAsync(db => db.Cases.Select(c => new { c.Id, Plans = c.Plans.Count }).ToListAsync());
        using var client = app.NewClient();
        await client.SignInOrFailAsync("siri.9a");
        using var http = await app.SignedInAsync("siri.9a");
        // The antiforgery token belongs to the session, not to a page: one read serves every download.
        var token = AppFactory.Field(await http.GetStringAsync("/saker"), "__RequestVerificationToken");
        foreach (var @case in cases)
        {
            var kinds = new List<(string Kind, string Version)> { ("dokumentasjon", ""), ("foreldrebrev", "") };
            for (var v = 1; v <= @case.Plans; v++) kinds.Add(("aktivitetsplan", v.ToString(CultureInfo.InvariantCulture)));
            foreach (var (kind, version) in kinds)
            {
                using var response = await http.PostAsync($"/saker/{@case.Id}/dokumenter/{kind}", new FormUrlEncodedContent(
                    new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["version"] = version }));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{kind} of {@case.Id}: {(int)response.StatusCode}");
                    continue;
                }
                var bytes = await response.Content.ReadAsByteArrayAsync();
                // The county governor's bundle of a case with files is a zip of the .docx and the files (BundlePackage).
                if (response.Content.Headers.ContentType?.MediaType == Web.Features.Documents.BundlePackage.ContentType)
                {
                    using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
                    var entry = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith(".docx", StringComparison.Ordinal) && !e.FullName.Contains('/'));
                    if (entry is null)
                    {
                        failures.Add($"{kind} of {@case.Id}: a zip without its .docx");
                        continue;
                    }
                    using var inner = new MemoryStream();
                    await using (var stream = entry.Open()) await stream.CopyToAsync(inner);
                    bytes = inner.ToArray();
                }
                var docx = Features.Documents.Docx.Open(bytes);
                if (docx.ValidationErrors.Count > 0) failures.Add($"{kind} of {@case.Id}: {docx.ValidationErrors[0]}");
                made++;
            }
            for (var v = 1; v <= @case.Plans; v++)
            {
                var print = await client.GetAsync($"/saker/{@case.Id}/plan/{v}/utskrift");
                if (print.Status != HttpStatusCode.OK) failures.Add($"print v{v} of {@case.Id}: {(int)print.Status}");
                else made++;
            }
        }
        return (made, failures);
    }

    /// <summary>Every stored text that the input rules refuse: control characters anywhere, invisible formatting in names.</summary>
    private Task<List<string>> RefusedTextStoredAsync() => app.QueryAsync(async db =>
    {
        var columns = new (string Table, string Column, bool Name)[]
        {
            ("Pupils", "FirstName", true), ("Pupils", "LastName", true), ("Pupils", "Group", true), ("Schools", "Name", true),
            ("Users", "DisplayName", true), ("Users", "UserName", true), ("Users", "Email", false), ("SchoolHolidays", "Name", false),
            ("CaseEntries", "Text", false), ("CaseEntries", "Detail", false), ("PlanVersions", "Problem", false), ("PlanVersions", "PupilView", false),
            ("PlanVersions", "PupilHeardHow", false), ("PlanVersions", "ParentsView", false), ("PlanVersions", "ParentsInformedHow", false),
            ("PlanMeasures", "Description", false), ("PlanMeasures", "When", false), ("PlanMeasures", "ResponsibleName", false),
            ("Cases", "SiFraOrigin_SenderName", false), ("Cases", "SiFraOrigin_SenderContact", false),
        };
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (table, column, name) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var text = reader.GetString(0);
                if ((name ? TextInput.FirstForbiddenInName(text) : TextInput.FirstForbidden(text)) is { } bad)
                    found.Add($"{table}.{column}: {bad.CodePoint} at {bad.Position}");
            }
        }
        return found;
    });

    /// <summary>The status page of a real "si fra" message (its receipt link), so its form can take the corpus too.</summary>
    private async Task<string> SiFraReceiptAsync()
    {
        using var phone = app.NewClient();
        var receipt = await phone.SubmitAsync(await phone.GetAsync("/si-fra/nordvik-skole"), "si-fra",
            ("Form.Sender", "Anonymous"), ("Form.WhatHappened", "En melding å legge mer til."), ("Form.FeelsSafe", "Unsure"));
        return receipt.Get("[data-testid=receipt-link]").GetAttribute("href")!;
    }

    private static List<string> Fields(IElement form) =>
        form.QuerySelectorAll("input[name], textarea[name], select[name], button[name]")
            .Select(e => e.GetAttribute("name")!)
            .Where(n => n is not "_handler" and not "__RequestVerificationToken")
            .Distinct()
            .ToList();

    private async Task<AppClient> ClientAsync(Dictionary<string, AppClient> clients, string user)
    {
        if (clients.TryGetValue(user, out var known)) return known;
        if (user == Guardian) return clients[user] = await app.NewGuardianClientAsync(user["guardian:".Length..]);
        if (user == Pupil)
        {
            // The school form's probes (in this class, on the same app) may have turned pupils' sign-in off at Jakob's school,
            // and then his pages would only ever answer 404: his probes need him signed in as the demo has it (from grade 6).
            await app.QueryAsync(async db =>
            {
                var schoolId = await db.Pupils.Where(p => p.FirstName == "Jakob" && p.LastName == "Larsen").Select(p => p.SchoolId).SingleAsync();
                (await db.Schools.SingleAsync(s => s.Id == schoolId)).SetPupilSignInFromGrade(6);
                return await db.SaveChangesAsync();
            });
            return clients[user] = await app.NewPupilClientAsync(user["pupil:".Length..]);
        }
        var client = app.NewClient();
        if (user.Length > 0) await client.SignInOrFailAsync(user);
        return clients[user] = client;
    }

    /// <param name="norwegianRefusal">The family's pages: a 4xx must be a page the family can read (the app's page in Norwegian, with a heading), never a bare status.</param>
    private static void Check(List<string> failures, string probe, HtmlPage response, bool norwegianRefusal = false)
    {
        if ((int)response.Status >= 500) failures.Add($"{probe}: {(int)response.Status}");
        else if (response.Html.Contains(ScriptPayload, StringComparison.Ordinal) || response.Html.Contains(ImagePayload, StringComparison.Ordinal))
            failures.Add($"{probe}: the payload is reflected unescaped");
        else if (norwegianRefusal && (int)response.Status >= 400
                 && !(response.Document.DocumentElement.GetAttribute("lang") == "nb" && response.Find("h1")?.TextContent.Trim().Length > 0))
            failures.Add($"{probe}: {(int)response.Status} without a Norwegian page");
    }

    /// <summary>A case's entries in order, each as its kind and texts: what must never be lost or rewritten.</summary>
    private Task<List<string>> EntriesAsync(Guid caseId) => app.QueryAsync(async db =>
        (await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Kind, e.Text, e.Detail }).ToListAsync())
        .Select(e => $"{e.Sequence} {e.Kind} {e.Text} {e.Detail}").ToList());

    /// <summary>Percent-encodes as a browser does (UTF-8; a lone surrogate becomes U+FFFD's bytes).</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        foreach (var b in Utf8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') escaped.Append(c);
            else escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }
}
