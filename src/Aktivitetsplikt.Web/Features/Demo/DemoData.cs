using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Demo;

/// <summary>
/// Demo data for trying the app: one school owner, two schools, pupils, a user for each role and
/// cases in every state. The cases are made through the real commands (so they carry real
/// timelines, deadlines and audit entries), with the clock set back to give them a history.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo!2026";

    public static readonly IReadOnlyList<(string UserName, string Name, Role Role, int? School)> Users = new (string, string, Role, int?)[]
    {
        ("kari.laerer", "Kari Lærer", Role.Staff, 0),
        ("ola.sfo", "Ola Assistent (SFO)", Role.Staff, 0),
        ("nina.laerer", "Nina Lærer", Role.Staff, 1),
        ("randi.rektor", "Randi Rektor", Role.Principal, 0),
        ("per.rektor", "Per Rektor", Role.Principal, 1),
        ("siri.9a", "Siri Berg (§ 9A-teamet)", Role.SchoolOwnerTeam, null),
        ("arne.admin", "Arne Admin", Role.Administrator, null),
    };

    private static readonly string[][] PupilNames =
    {
        ["Emma Hansen 5A", "Noah Johansen 5A", "Olivia Olsen 5B", "Jakob Larsen 6A", "Sofie Andersen 6A", "Lucas Pedersen 6B", "Nora Nilsen 7A", "Filip Kristiansen 7A", "Ella Jensen 7B", "Isak Karlsen 7B"],
        ["Leah Berg 8A", "Oskar Haugen 8A", "Ingrid Hagen 8B", "Emil Eriksen 9A", "Maja Johnsen 9A", "William Andreassen 9B", "Sara Jacobsen 10A", "Henrik Dahl 10A"],
    };

    /// <summary>The demo users' Feide identities (eduPersonPrincipalName style), as the local test provider's accounts have them.</summary>
    public static readonly IReadOnlyList<(string UserName, string FeideIdentifier)> DemoFeideIdentities =
        [("kari.laerer", "kari.laerer@nordvik.example.org"), ("randi.rektor", "randi.rektor@nordvik.example.org")];

    /// <summary>
    /// The demo pupils with Feide (ADR 021): Nordvik skole lets pupils from grade 6 sign in, so Jakob (6A) sees his own case and
    /// Emma (5A) is refused. The local test provider has accounts with the same identifiers.
    /// </summary>
    public const int DemoPupilSignInFromGrade = 6;
    public const string DemoPupilFeideIdentifier = "jakob.larsen@nordvik.example.org";
    public const string DemoYoungPupilFeideIdentifier = "emma.hansen@nordvik.example.org";

    /// <summary>Jakob's demo guardian's national identity number: synthetic (month + 80), valid control digits, nobody's.</summary>
    public const string DemoGuardianIdentityNumber = "01818012337";

    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.SchoolOwners.AnyAsync(cancellationToken)) return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ids = await SeedOrganisationAsync(services, cancellationToken);
        var seeder = new Seeder(services, ids, now);
        await seeder.SeedCasesAsync(cancellationToken);
        await seeder.SeedSignInLinksAsync(cancellationToken);
    }

    private sealed record Ids(Guid[] Schools, Dictionary<string, UserAccount> Users, Dictionary<string, Guid> Pupils);

    private static async Task<Ids> SeedOrganisationAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var passwords = scope.ServiceProvider.GetRequiredService<Passwords>();
        var owner = new SchoolOwner("Nordvik kommune");
        var schools = new[] { new School(owner.Id, "Nordvik skole"), new School(owner.Id, "Sjøkanten ungdomsskole") };
        // A demo county governor and letterheads, so the letters show what a school owner fills in under /admin.
        owner.SetCountyGovernor("Statsforvalteren i Nordland", "Postboks 1405, 8002 Bodø", "https://www.statsforvalteren.no/nordland/");
        schools[0].SetLetterhead("Skoleveien 1\n8050 Nordvik", "Randi Rektor", "75 00 10 00", "nordvik.skole@example.org");
        schools[1].SetLetterhead("Kaiveien 12\n8050 Nordvik", "Per Rektor", "75 00 20 00", "sjokanten.skole@example.org");
        db.SchoolOwners.Add(owner);
        db.Schools.AddRange(schools);

        var users = new Dictionary<string, UserAccount>();
        foreach (var (userName, name, role, school) in Users)
        {
            var user = new UserAccount(userName, name, role, owner.Id, school is { } i ? schools[i].Id : null);
            user.SetPasswordHash(passwords.Hash(user, Password));
            user.MarkAsDemo();
            user.SetEmail($"{userName}@example.org");
            users[userName] = user;
            db.Users.Add(user);
        }

        // Public holidays and typical school breaks for this school year and the next, so school-day deadlines skip them.
        var today = Domain.Deadlines.SchoolCalendar.OsloDate(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var schoolYear = Domain.Deadlines.NorwegianHolidays.SchoolYearOf(today);
        foreach (var (date, name) in Domain.Deadlines.NorwegianHolidays.SchoolYear(schoolYear).Concat(Domain.Deadlines.NorwegianHolidays.SchoolYear(schoolYear + 1)))
            db.SchoolHolidays.Add(new Domain.Deadlines.SchoolHoliday(owner.Id, date, name));

        var pupils = new Dictionary<string, Guid>();
        for (var i = 0; i < PupilNames.Length; i++)
        {
            foreach (var entry in PupilNames[i])
            {
                var parts = entry.Split(' ');
                var pupil = new Pupil(schools[i].Id, parts[0], parts[1], parts[2]);
                pupils[parts[0]] = pupil.Id;
                db.Pupils.Add(pupil);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Ids(schools.Select(s => s.Id).ToArray(), users, pupils);
    }

    private sealed class Seeder(IServiceProvider services, Ids ids, DateTimeOffset now)
    {
        public async Task SeedCasesAsync(CancellationToken ct)
        {
            // 1. Logged ten days ago and never passed on: the principal-notification deadline is overdue.
            await LogAsync("kari.laerer", 10, "Emma", "Emma satt alene i friminuttet igjen og sa at ingen ville være med henne.", ConcernLocation.Schoolyard,
                null, notify: false, ct: ct);

            // 2. Intervened and notified six days ago; the investigation has not started: overdue.
            await LogAsync("ola.sfo", 6, "Noah", "To elever tok lua til Noah og kastet den mellom seg på SFO. Noah gråt.", ConcernLocation.AfterSchool,
                "Stoppet leken, snakket med de to elevene og trøstet Noah.", notify: true, ct: ct);

            // 2b. Intervened this morning at SFO; the principal is to be told today.
            await LogAsync("ola.sfo", 0, "Lucas", "Lucas ble holdt fast og kalt stygge ord av to eldre elever ved sykkelstativet.", ConcernLocation.AfterSchool,
                "Gikk mellom og sendte de eldre elevene inn.", notify: false, hoursAgo: 2, ct: ct);

            // 3. Under investigation; the pupil says she is not safe, so measures are mandatory.
            var olivia = await LogAsync("kari.laerer", 5, "Olivia", "Olivia fortalte at hun får stygge meldinger i klassechatten hver kveld.", ConcernLocation.Digital,
                null, notify: true, pupilNotSafe: true, ct: ct);
            await AsAsync("randi.rektor", 4, new StartInvestigation.Command(olivia, null, "Samtale med Olivia og foreldrene, gjennomgang av chatten med kontaktlærer."), ct);
            await AsAsync("randi.rektor", 3, new RecordFinding.Command(olivia, null, "Tre elever i 5B har sendt nedsettende meldinger over tre uker. Skjermbilder er gitt av foreldrene."), ct);
            await AsAsync("randi.rektor", 3, new RecordParentContact.Command(olivia, null, "Møte med Olivias foreldre. De er bekymret og ønsker tett oppfølging."), ct);

            // 4. Measures under way; Kari is responsible for one of them.
            var jakob = await LogAsync("kari.laerer", 21, "Jakob", "Jakob blir dyttet og kalt stygge ting i garderoben etter gym.", ConcernLocation.Other,
                "Gikk inn i garderoben og stoppet dyttingen.", notify: true, pupilNotSafe: true, ct: ct);
            await AsAsync("randi.rektor", 20, new StartInvestigation.Command(jakob, null, null), ct);
            await AsAsync("randi.rektor", 18, new RecordFinding.Command(jakob, null, "Observasjon bekrefter gjentatt utestengning og dytting i garderoben."), ct);
            await AsAsync("randi.rektor", 14, new AdoptPlan.Command(jakob, null, Plan(
                "Jakob blir dyttet og kalt stygge ting i garderoben etter gym, og opplever ikke skolemiljøet som trygt.",
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(7)),
                new MeasureInput("Voksen til stede i garderoben før og etter gym", "Alle gymtimer fra uke 47", "Kari Lærer", ids.Users["kari.laerer"].Id, null),
                new MeasureInput("Samtaler med Filip Kristiansen og Sofie om dyttingen i garderoben", "Innen to uker", "Randi Rektor", ids.Users["randi.rektor"].Id, null),
                new MeasureInput("Oppfølgingssamtale med Jakob hver uke", "Hver fredag", "Helsesykepleier (ekstern)", null, null))), ct);

            // 5. Under evaluation after one revision.
            var nora = await LogAsync("kari.laerer", 40, "Nora", "Nora blir holdt utenfor av venninnegjengen og sier hun gruer seg til skolen.", ConcernLocation.Classroom,
                null, notify: true, pupilNotSafe: true, ct: ct);
            await AsAsync("randi.rektor", 39, new StartInvestigation.Command(nora, null, null), ct);
            await AsAsync("randi.rektor", 38, new RecordParentContact.Command(nora, null, "Noras mor ringte rektor og fortalte at Nora gruer seg til skolen.",
                RaisedWithPrincipalOn: DateOnly.FromDateTime(now.UtcDateTime.AddDays(-38))), ct);
            await AsAsync("kari.laerer", 37, new HearOtherPupil.Command(nora, null, "Ingrid Solberg", "Ingrid sier at de andre i gjengen har bestemt at Nora ikke skal få være med."), ct);
            await AsAsync("randi.rektor", 36, new RecordFinding.Command(nora, null, "Samtaler og observasjon viser at Nora er alene i de fleste friminutt.",
                Conclusion: EnvironmentConclusion.NotSafeAndGood), ct);
            await AsAsync("randi.rektor", 35, new AdoptPlan.Command(nora, null, Plan("Nora blir holdt utenfor av andre elever i 7A.",
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(-21)),
                new MeasureInput("Faste grupper i friminuttene med voksen", "Alle storefriminutt", "Kari Lærer", ids.Users["kari.laerer"].Id, null))), ct);
            await AsAsync("randi.rektor", 21, new StartEvaluation.Command(nora, null), ct);
            await AsAsync("randi.rektor", 21, new RecordEvaluation.Command(nora, null, PupilView.NotSafe, "Nora sier det er litt bedre, men at hun fortsatt er alene i gymtimene.", "Tiltaket virker delvis; trenger tiltak i gymtimene.", "Foreldrene er informert og enige.",
                [new MeasureAssessment(await FirstMeasureKeyAsync(nora, ct), "Gruppene fungerer i friminuttene; i gymtimene er Nora fortsatt alene.")]), ct);
            await AsAsync("randi.rektor", 20, new RevisePlan.Command(nora, null, Plan("Nora blir holdt utenfor av andre elever i 7A, også i gymtimene.",
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)),
                new MeasureInput("Faste grupper i friminuttene med voksen", "Alle storefriminutt", "Kari Lærer", ids.Users["kari.laerer"].Id, null),
                new MeasureInput("Læreren setter sammen grupper i gym", "Alle gymtimer", "Kari Lærer", ids.Users["kari.laerer"].Id, null)),
                "Nytt tiltak i gymtimene etter evalueringen."), ct);
            await AsAsync("randi.rektor", 1, new StartEvaluation.Command(nora, null), ct);

            // 6. Closed: evaluated as safe.
            var isak = await LogAsync("kari.laerer", 60, "Isak", "Isak ble slått i ansiktet i friminuttet.", ConcernLocation.Schoolyard,
                "Skilte elevene og fulgte Isak til helsesykepleier.", notify: true, pupilNotSafe: true, ct: ct);
            await AsAsync("randi.rektor", 60, new StartInvestigation.Command(isak, null, null), ct);
            await AsAsync("randi.rektor", 55, new AdoptPlan.Command(isak, null, Plan("Isak er blitt slått og er redd i friminuttene.",
                DateOnly.FromDateTime(now.UtcDateTime.AddDays(-30)),
                new MeasureInput("Økt inspeksjon ved fotballbanen", "Alle friminutt i fire uker", "Randi Rektor", ids.Users["randi.rektor"].Id, null))), ct);
            await AsAsync("randi.rektor", 30, new StartEvaluation.Command(isak, null), ct);
            await AsAsync("randi.rektor", 30, new RecordEvaluation.Command(isak, null, PupilView.Safe, "Isak sier han har det bra nå og er trygg i friminuttene.", "Tiltakene har virket. Foreldrene er enige.", "Foreldrene er informert og enige."), ct);
            var isaksMeasure = await FirstMeasureKeyAsync(isak, ct);
            await AsAsync("randi.rektor", 30, new RecordMeasureProgress.Command(isak, null, isaksMeasure, MeasureStatus.Done, "Gjennomført i fire uker."), ct);
            await AsAsync("randi.rektor", 29, new CloseCase.Command(isak, null, "Isak har et trygt og godt skolemiljø; bekreftet av Isak og foreldrene."), ct);

            // 7. § 12-5: an employee is suspected; principal and school owner notified at once.
            await LogAsync("nina.laerer", 0, "Leah", "Leah forteller at en vikar har ropt til henne og dratt henne i armen.", ConcernLocation.Classroom,
                null, notify: true, pupilNotSafe: true, employee: true, hoursAgo: 3, ct: ct);

            // 8. § 12-5 second paragraph: school leadership suspected; only the school owner is notified.
            await LogAsync("nina.laerer", 1, "Oskar", "Oskar sier at inspektøren har truet ham på kontoret.", ConcernLocation.Other,
                null, notify: true, employee: true, leadership: true, ct: ct);

            // 9. Closed, then taken to the county governor, with the governor's decision; particularly vulnerable.
            var ingrid = await LogAsync("nina.laerer", 90, "Ingrid", "Ingrid blir ertet for hørselsapparatet sitt.", ConcernLocation.Classroom,
                null, notify: true, ct: ct);
            await AsAsync("per.rektor", 89, new FlagParticularVulnerability.Command(ingrid, null, "Ingrid har nedsatt hørsel og er særskilt sårbar."), ct);
            await AsAsync("per.rektor", 88, new StartInvestigation.Command(ingrid, null, null), ct);
            await AsAsync("per.rektor", 80, new RecordPupilVoice.Command(ingrid, null, PupilView.Safe, "Ingrid sier at ertingen har sluttet.", VoiceSource.Pupil), ct);
            await AsAsync("per.rektor", 80, new CloseCase.Command(ingrid, null, "Undersøkelsen viser at ertingen har stoppet, og Ingrid sier hun er trygg."), ct);
            await AsAsync("per.rektor", 30, new RecordCountyGovernorCase.Command(ingrid, null, "Foreldrene meldte saken til Statsforvalteren 15. oktober."), ct);
            await AsAsync("siri.9a", 10, new RecordCountyGovernorDecision.Command(ingrid, null, "Statsforvalteren fant at skolen ikke oppfylte aktivitetsplikten; skolen skal sette inn tiltak innen tre uker."), ct);
            await AsAsync("per.rektor", 9, new ReopenCase.Command(ingrid, null, "Gjenåpnet etter vedtak fra Statsforvalteren."), ct);
            await AsAsync("per.rektor", 9, new EscalateToSchoolOwner.Command(ingrid, null, "Saken er hos Statsforvalteren; skoleeier følger den."), ct);
        }

        /// <summary>
        /// Feide identities for two staff users, Jakob and Emma (pupils; Nordvik lets pupils from grade 6 sign in), and a guardian of Jakob (a synthetic national identity number, month + 80 as
        /// in Skatteetaten's test numbers), made through the administrator's commands; the local test provider
        /// (tests/oidc-provider) has accounts with the same identifiers.
        /// </summary>
        public async Task SeedSignInLinksAsync(CancellationToken ct)
        {
            foreach (var (user, feide) in DemoFeideIdentities)
                await SendAsync("arne.admin", now, new Admin.LinkFeide.Command(ids.Users[user].Id, feide), ct);
            await SendAsync("arne.admin", now, new Admin.RegisterGuardian.Command(ids.Pupils["Jakob"], "Marte Larsen", "mor", DemoGuardianIdentityNumber), ct);
            await SendAsync("arne.admin", now, new Admin.SetPupilSignInGrade.Command(ids.Schools[0], DemoPupilSignInFromGrade), ct);
            await SendAsync("arne.admin", now, new Admin.LinkPupilFeide.Command(ids.Pupils["Jakob"], DemoPupilFeideIdentifier), ct);
            await SendAsync("arne.admin", now, new Admin.LinkPupilFeide.Command(ids.Pupils["Emma"], DemoYoungPupilFeideIdentifier), ct);
        }

        private PlanInput Plan(string problem, DateOnly evaluationDate, params MeasureInput[] measures) =>
            new(problem, measures, evaluationDate,
                "Eleven er hørt i samtale med kontaktlærer og sier hva som skal til for å bli trygg.", "Samtale med kontaktlærer",
                "Foreldrene støtter tiltakene.", "Møte på skolen");

        private async Task<Guid> LogAsync(string user, int daysAgo, string pupil, string what, ConcernLocation location, string? intervention,
            bool notify, bool pupilNotSafe = false, bool employee = false, bool leadership = false, int hoursAgo = 0, CancellationToken ct = default)
        {
            var at = now.AddDays(-daysAgo).AddHours(-hoursAgo);
            var result = await SendAsync(user, at, new LogConcern.Command(ids.Pupils[pupil], what, at.UtcDateTime.AddHours(-1), location, intervention,
                notify, pupilNotSafe, employee, leadership), ct);
            return result.CaseId;
        }

        private async Task<Guid> FirstMeasureKeyAsync(Guid caseId, CancellationToken ct)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await db.PlanVersions.Where(p => p.CaseId == caseId).SelectMany(p => p.Measures).Select(m => m.MeasureKey).FirstAsync(ct);
        }

        private Task<CaseCommandResult> AsAsync(string user, int daysAgo, IRequest<CaseCommandResult> command, CancellationToken ct) =>
            SendAsync(user, now.AddDays(-daysAgo), command, ct);

        private async Task<TResult> SendAsync<TResult>(string user, DateTimeOffset at, IRequest<TResult> command, CancellationToken ct)
        {
            using var travel = AppTimeProvider.TravelTo(at);
            using var scope = services.CreateScope();
            ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).ActAs(ids.Users[user]);
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
        }
    }
}
