using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// The statistics of <see cref="GetStatistics"/> as a CSV file: one row per school (and a total row when
/// more than one school is shown). Every export is written to the audit chain with its filter.
/// </summary>
public static class ExportStatistics
{
    [AllowedRoles(Role.SchoolOwnerTeam, Role.Principal)]
    public sealed record Query(GetStatistics.Query Filter) : IRequest<GetStatistics.Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter).NotNull().SetValidator(new GetStatistics.Validator());
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit, Oversight.SummaryCache cache) : IRequestHandler<Query, GetStatistics.Result>
    {
        public async Task<GetStatistics.Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // The same computation as the page, not a second pipeline pass: this request is already authorized and validated.
            var result = await new GetStatistics.Handler(db, user, time, cache).Handle(query.Filter, cancellationToken);
            await audit.AppendAndSaveAsync("ExportStatistics", null,
                $"{{\"schoolId\":{Json(result.SchoolId?.ToString())},\"from\":\"{Month(result.Period.FromMonth)}\",\"to\":\"{Month(result.Period.ToMonth)}\",\"rows\":{Rows(result).Count}}}",
                cancellationToken);
            return result;
        }
    }

    /// <summary>The rows written: every school shown, then the total when there is more than one.</summary>
    public static IReadOnlyList<GetStatistics.Figures> Rows(GetStatistics.Result result) =>
        result.BySchool.Count > 1 ? [.. result.BySchool, result.Total] : result.BySchool;

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string FileName(GetStatistics.Result result) =>
        $"statistikk-{Month(result.Period.FromMonth)}-til-{Month(result.Period.ToMonth)}.csv";

    /// <summary>The CSV in the reader's language; decimals with the culture's comma, months as yyyy-MM so they sort.</summary>
    public static byte[] ToCsv(GetStatistics.Result result, UiText text)
    {
        var culture = CultureInfo.CurrentCulture;
        string Number(double? value) => value is { } v ? v.ToString("0.0", culture) : "";
        var months = result.Period.Months;

        var header = new List<string> { text["Cases.School"], text["Statistics.Csv.PeriodFrom"], text["Statistics.Csv.PeriodTo"] };
        header.AddRange(GetStatistics.OpenStates.Select(s => text.Format("Statistics.Csv.OpenInState", text.State(s))));
        header.Add(text["Statistics.Csv.OpenTotal"]);
        header.Add(text["Statistics.Csv.NewCases"]);
        header.AddRange(months.Select(m => text.Format("Statistics.Csv.NewInMonth", Month(m))));
        header.AddRange(new[]
        {
            text["Statistics.Csv.EvaluatedOnTime"], text["Statistics.Csv.EvaluationsAssessed"], text["Statistics.Csv.OnTimePercent"],
            text["Statistics.Csv.MedianToInvestigation"], text["Statistics.Csv.CasesInvestigated"],
            text["Statistics.Csv.MedianToPlan"], text["Statistics.Csv.CasesWithPlan"],
            text["Statistics.Csv.EmployeeSuspected"], text["Statistics.Csv.CountyGovernor"],
        });
        foreach (var step in new[] { "ToPrincipal", "ToInvestigation" })
            header.AddRange(new[] { "MedianDays", "Percentile90Days", "Cases", "Longer", "Assessed" }.Select(col => text[$"Statistics.Csv.{step}.{col}"]));

        var rows = new List<IReadOnlyList<string?>> { header };
        foreach (var figures in Rows(result))
        {
            var row = new List<string?>
            {
                figures.SchoolId is null ? text["Statistics.AllSchools"] : figures.SchoolName,
                Month(result.Period.FromMonth), Month(result.Period.ToMonth),
            };
            row.AddRange(GetStatistics.OpenStates.Select(s => Int(figures.Open(s))));
            row.Add(Int(figures.OpenTotal));
            row.Add(Int(figures.NewCases));
            row.AddRange(figures.NewPerMonth.Select(Int));
            row.AddRange(new[]
            {
                Int(figures.EvaluatedOnTime.OnTime), Int(figures.EvaluatedOnTime.Assessed), Number(figures.EvaluatedOnTime.Share * 100),
                Number(figures.ConcernToInvestigation.Days), Int(figures.ConcernToInvestigation.Cases),
                Number(figures.ConcernToPlan.Days), Int(figures.ConcernToPlan.Cases),
                Int(figures.EmployeeSuspected), Int(figures.CountyGovernor),
            });
            foreach (var step in new[] { figures.ConcernToPrincipal, figures.PrincipalToInvestigation })
                row.AddRange(new[] { Number(step.Median?.TotalDays), Number(step.Percentile90?.TotalDays), Int(step.Cases), Int(step.LongerThanRoutine), Int(step.Assessed) });
            rows.Add(row);
        }
        return Csv.Write(rows);
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Json(string? value) => value is null ? "null" : $"\"{value}\"";
}
