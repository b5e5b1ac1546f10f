using System.Globalization;
using System.Text;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Statistics;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Features.Oversight;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Statistics;

/// <summary>
/// From concern to the principal knowing, and from knowing to investigating, against figures worked out by hand.
/// Made through the real commands with the <see cref="TestClock"/> set for each step; "now" is Wednesday
/// 18 November 2026 10:00 UTC. All times UTC (Oslo is UTC+1 in November); every concern occurred an hour before
/// it was logged. The school owner's routine is the default: the principal the same Oslo day, the investigation
/// within 3 weekdays (24 hours on the § 12-5 path).
/// <code>
/// case  logged by   logged          principal knows          investigation started   state of the routine
/// P     staff       Mon 2 Nov 08:00 Mon 2 Nov 11:00 (4 h)    Wed 4 Nov 11:00 (2 d)    both on time (due 2 Nov, 5 Nov)
/// Q     staff       Tue 3 Nov 08:00 Thu 5 Nov 07:00 (48 h)   Thu 12 Nov 07:00 (7 d)   both late (due 3 Nov, 10 Nov)
/// R     principal   Wed 4 Nov 08:00 at once (1 h)            never                    on time; investigation overdue (due 9 Nov)
/// S     staff       Mon 16 Nov 08:00 never                   –                        principal overdue (due 16 Nov)
/// T     staff § 12-5 Tue 17 Nov 08:00 at once (1 h)          Tue 17 Nov 20:00 (12 h)  both on time (due 18 Nov 08:00)
/// </code>
/// </summary>
public class TimelinessTests : SliceTest
{
    private static DateTime At(int day, int hour) => new(2026, 11, day, hour, 0, 0, DateTimeKind.Utc);

    private async Task<Guid> LogAsync(UserAccount reporter, Pupil pupil, DateTime at, bool employeeSuspected = false)
    {
        Clock.UtcNow = at;
        var result = await App.SendAs(reporter, new LogConcern.Command(pupil.Id, "Eleven blir holdt utenfor.", at.AddHours(-1),
            ConcernLocation.Schoolyard, null, false, false, employeeSuspected, false));
        return result.CaseId;
    }

    private async Task StepAsync(UserAccount user, DateTime at, ICaseCommand command)
    {
        Clock.UtcNow = at;
        await App.SendAs(user, command);
    }

    private async Task<GetStatistics.Result> KnownHistoryAsync()
    {
        var (staff, principal) = (Org.StaffA, Org.Principal1);
        var p = await LogAsync(staff, Org.Emma, At(2, 8));
        await StepAsync(staff, At(2, 11), new NotifyPrincipal.Command(p, null));
        var q = await LogAsync(staff, Org.Noah, At(3, 8));
        await LogAsync(principal, Org.Olivia, At(4, 8));
        await StepAsync(principal, At(4, 11), new StartInvestigation.Command(p, null));
        await StepAsync(staff, At(5, 7), new NotifyPrincipal.Command(q, null));
        await StepAsync(principal, At(12, 7), new StartInvestigation.Command(q, null));
        await LogAsync(staff, Org.Emma, At(16, 8));
        var t = await LogAsync(staff, Org.Noah, At(17, 8), employeeSuspected: true);
        await StepAsync(principal, At(17, 20), new StartInvestigation.Command(t, null));
        Clock.UtcNow = TestApp.Start;
        return await App.SendAs(Org.Principal1, new GetStatistics.Query());
    }

    [Fact]
    public async Task ConcernToPrincipal_IsMedianAnd90thPercentileFromTheConcern_AndTheShareLaterThanTheSameDayRoutine()
    {
        var school = (await KnownHistoryAsync()).BySchool.Single();

        school.Cohort.Should().Be(5);
        var step = school.ConcernToPrincipal;
        // Reached: R 1 h, T 1 h, P 4 h, Q 48 h. Median (1 + 4) / 2 = 2.5 h; 90th percentile: rank ceil(0.9 × 4) = 4, 48 h.
        step.Cases.Should().Be(4);
        step.Median.Should().Be(TimeSpan.FromHours(2.5));
        step.Percentile90.Should().Be(TimeSpan.FromHours(48));
        // Assessed: the four reached, and S whose same-day deadline passed without the principal told. Late: Q and S.
        step.LongerThanRoutine.Should().Be(2);
        step.Assessed.Should().Be(5);
        step.LongerShare.Should().Be(0.4);
    }

    [Fact]
    public async Task PrincipalToInvestigation_RunsFromKnowing_AndCountsTheOverdueCaseAsLongerThanTheRoutine()
    {
        var school = (await KnownHistoryAsync()).BySchool.Single();

        var step = school.PrincipalToInvestigation;
        // Reached: T 12 h, P 2 d, Q 7 d. Median 2 d; 90th percentile: rank ceil(0.9 × 3) = 3, 7 d.
        step.Cases.Should().Be(3);
        step.Median.Should().Be(TimeSpan.FromDays(2));
        step.Percentile90.Should().Be(TimeSpan.FromDays(7));
        // Assessed: P, Q, T reached, and R overdue since 9 November; S has no principal knowing yet. Late: Q (due 10 Nov) and R.
        step.LongerThanRoutine.Should().Be(2);
        step.Assessed.Should().Be(4);
    }

    [Fact]
    public async Task StatisticsPageAndCsv_ShowHoursUnderADay_DaysOtherwise_WithTheCountAndTheShare()
    {
        var result = await KnownHistoryAsync();

        var page = await Render.ComponentAsync<StatisticsView>(new Dictionary<string, object?> { ["Statistics"] = result });
        var row = page.QuerySelector($"[data-testid=timeliness-table] tr[data-school='{Org.School1.Id}']")!;
        row.QuerySelector("[data-figure=to-principal-median]")!.TextContent.Trim().Should().Be("2,5 timer");
        row.QuerySelector("[data-figure=to-principal-p90]")!.TextContent.Trim().Should().Be("2,0 dager");
        row.QuerySelector("[data-figure=to-principal-cases]")!.TextContent.Trim().Should().Be("4 av 5");
        row.QuerySelector("[data-figure=to-principal-longer]")!.TextContent.Trim().Should().Be("40,0 % (2 av 5)");
        row.QuerySelector("[data-figure=to-investigation-median]")!.TextContent.Trim().Should().Be("2,0 dager");
        row.QuerySelector("[data-figure=to-investigation-p90]")!.TextContent.Trim().Should().Be("7,0 dager");
        row.QuerySelector("[data-figure=to-investigation-longer]")!.TextContent.Trim().Should().Be("50,0 % (2 av 4)");

        var nynorsk = await Render.ComponentAsync<StatisticsView>(new Dictionary<string, object?> { ["Statistics"] = result }, "nn-NO");
        nynorsk.QuerySelector($"[data-testid=timeliness-table] tr[data-school='{Org.School1.Id}'] [data-figure=to-principal-median]")!
            .TextContent.Trim().Should().Be("2,5 timar");

        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("nb-NO");
        try
        {
            var file = ExportStatistics.ToCsv(result, new UiText(new JsonStringLocalizerFactory()));
            var lines = Encoding.UTF8.GetString(file, 3, file.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(';')).ToList();
            var cell = (string column) => lines[1][Array.IndexOf(lines[0], column)];
            cell("Median dager fra bekymring til rektor vet").Should().Be("0,1"); // 2.5 h = 0.104 d
            cell("90-persentil dager fra rektor vet til undersøkelse").Should().Be("7,0");
            cell("Saker meldt til rektor senere enn rutinen").Should().Be("2");
            cell("Saker vurdert mot rutinen for å starte undersøkelsen").Should().Be("4");
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }
}
