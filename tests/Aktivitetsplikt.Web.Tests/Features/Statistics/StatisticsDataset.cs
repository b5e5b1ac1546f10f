using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

/// <summary>
/// A known history, made through the real commands with the clock set for every step, in time order. "Now" is
/// the fixture's start, Wednesday 18 November 2026 10:00 UTC; the default period is December 2025 – November 2026.
/// All times UTC. Oslo is UTC+2 until 25 October 2026, UTC+1 after (and in winter).
/// <code>
/// case school pupil  concern logged     investigation      plan adopted (eval. date)   evaluation recorded        state now
/// D    1      Emma   2025-06-10 08:00   2025-06-11 08:00   –                           – (closed 2025-06-11)      Closed
/// H    1      Noah   2026-01-31 23:30 (= 1 February 00:30 in Oslo), not notified                                  FollowingUp
/// A    1      Emma   2026-09-07 08:00   2026-09-09 08:00   2026-09-17 08:00 (01.10)    2026-09-30 10:10 on time   Evaluating
/// E    2      Leah   2026-09-14 08:00   2026-09-14 14:00   2026-09-18 08:00 (02.10)    2026-10-05 10:10 LATE      Measures
///                    § 12-5: an employee suspected          revised 2026-10-05 11:00 (15.12, outside the period)
///                    taken to the county governor 2026-11-10 08:00
/// B    1      Noah   2026-10-05 08:00   2026-10-06 20:00   2026-10-09 08:00 (20.10)    never: OVERDUE             Measures
/// F    2      Oskar  2026-10-20 08:00   2026-10-22 08:00   2026-10-26 08:00 (25.11)    2026-11-16 08:10 early     Evaluating
/// C    1      Olivia 2026-11-02 08:00, not notified                                                              FollowingUp
/// G    2      Leah   2026-11-03 08:00   2026-11-04 08:00   2026-11-05 08:00 (27.11)    not yet due                Measures
/// </code>
/// </summary>
public sealed class StatisticsDatasetFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = default!;
    public TestOrganisation Org => App.Org;
    public Dictionary<char, Guid> Cases { get; } = new();

    public async Task InitializeAsync()
    {
        App = await TestApp.CreateAsync();
        var (s1, s2) = (Org.StaffA, Org.Staff2);
        var (p1, p2) = (Org.Principal1, Org.Principal2);

        Cases['D'] = await LogAsync(s1, Org.Emma, At(2025, 6, 10, 8), notify: true);
        await StepAsync(p1, At(2025, 6, 11, 8), new StartInvestigation.Command(Cases['D'], null));
        await StepAsync(p1, At(2025, 6, 11, 9), new RecordPupilVoice.Command(Cases['D'], null, PupilView.Safe, "Eleven sier det går bra.", VoiceSource.Pupil));
        await StepAsync(p1, At(2025, 6, 11, 9, 10), new CloseCase.Command(Cases['D'], null, "Eleven har et trygt og godt skolemiljø."));

        Cases['H'] = await LogAsync(s1, Org.Noah, At(2026, 1, 31, 23, 30), notify: false);

        Cases['A'] = await LogAsync(s1, Org.Emma, At(2026, 9, 7, 8), notify: true);
        await StepAsync(p1, At(2026, 9, 9, 8), new StartInvestigation.Command(Cases['A'], null));
        Cases['E'] = await LogAsync(s2, Org.Leah, At(2026, 9, 14, 8), notify: true, employeeSuspected: true);
        await StepAsync(p2, At(2026, 9, 14, 14), new StartInvestigation.Command(Cases['E'], null));
        await StepAsync(p1, At(2026, 9, 17, 8), new AdoptPlan.Command(Cases['A'], null, CaseBuilder.CompletePlan(s1, new DateOnly(2026, 10, 1))));
        await StepAsync(p2, At(2026, 9, 18, 8), new AdoptPlan.Command(Cases['E'], null, CaseBuilder.CompletePlan(s2, new DateOnly(2026, 10, 2))));
        await StepAsync(p1, At(2026, 9, 30, 10), new StartEvaluation.Command(Cases['A'], null));
        await StepAsync(p1, At(2026, 9, 30, 10, 10), new RecordEvaluation.Command(Cases['A'], null, PupilView.Safe, "Det går bedre.", "Tiltakene virker.", "Foreldrene er informert og enige."));

        Cases['B'] = await LogAsync(s1, Org.Noah, At(2026, 10, 5, 8), notify: true);
        await StepAsync(p2, At(2026, 10, 5, 10), new StartEvaluation.Command(Cases['E'], null));
        await StepAsync(p2, At(2026, 10, 5, 10, 10), new RecordEvaluation.Command(Cases['E'], null, PupilView.NotSafe, "Ikke trygg ennå.", "Tiltakene må justeres.", "Foreldrene er informert og enige."));
        await StepAsync(p2, At(2026, 10, 5, 11), new RevisePlan.Command(Cases['E'], null, CaseBuilder.CompletePlan(s2, new DateOnly(2026, 12, 15)), "Flere voksne ute."));
        await StepAsync(p1, At(2026, 10, 6, 20), new StartInvestigation.Command(Cases['B'], null));
        await StepAsync(p1, At(2026, 10, 9, 8), new AdoptPlan.Command(Cases['B'], null, CaseBuilder.CompletePlan(s1, new DateOnly(2026, 10, 20))));

        Cases['F'] = await LogAsync(s2, Org.Oskar, At(2026, 10, 20, 8), notify: true);
        await StepAsync(p2, At(2026, 10, 22, 8), new StartInvestigation.Command(Cases['F'], null));
        await StepAsync(p2, At(2026, 10, 26, 8), new AdoptPlan.Command(Cases['F'], null, CaseBuilder.CompletePlan(s2, new DateOnly(2026, 11, 25))));

        Cases['C'] = await LogAsync(s1, Org.Olivia, At(2026, 11, 2, 8), notify: false);
        Cases['G'] = await LogAsync(s2, Org.Leah, At(2026, 11, 3, 8), notify: true);
        await StepAsync(p2, At(2026, 11, 4, 8), new StartInvestigation.Command(Cases['G'], null));
        await StepAsync(p2, At(2026, 11, 5, 8), new AdoptPlan.Command(Cases['G'], null, CaseBuilder.CompletePlan(s2, new DateOnly(2026, 11, 27))));
        await StepAsync(Org.Team, At(2026, 11, 10, 8), new RecordCountyGovernorCase.Command(Cases['E'], null, "Foreldrene har meldt saken til Statsforvalteren."));
        await StepAsync(p2, At(2026, 11, 16, 8), new StartEvaluation.Command(Cases['F'], null));
        await StepAsync(p2, At(2026, 11, 16, 8, 10), new RecordEvaluation.Command(Cases['F'], null, PupilView.Safe, "Trygg nå.", "Tiltakene virker.", "Foreldrene er informert og enige."));

        App.Clock.UtcNow = TestApp.Start;
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    public static DateTime At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private async Task<Guid> LogAsync(UserAccount reporter, Pupil pupil, DateTime at, bool notify, bool employeeSuspected = false)
    {
        App.Clock.UtcNow = at;
        var result = await App.SendAs(reporter, new LogConcern.Command(pupil.Id, "Eleven blir holdt utenfor.", at.AddHours(-1),
            ConcernLocation.Schoolyard, null, notify, false, employeeSuspected, false));
        return result.CaseId;
    }

    private async Task StepAsync(UserAccount user, DateTime at, ICaseCommand command)
    {
        App.Clock.UtcNow = at;
        await App.SendAs(user, command);
    }
}
