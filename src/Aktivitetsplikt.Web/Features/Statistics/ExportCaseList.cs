using System.Globalization;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Features.Statistics;

/// <summary>
/// The case list of /saker, with the same filters and order, every page, as a CSV file. Without pupil names
/// unless asked for (data minimisation: most uses of a list need numbers, not children's names). Staff cannot
/// export; every export is written to the audit chain with its filter, whether names were included and how many rows.
/// </summary>
public static class ExportCaseList
{
    [AllowedRoles(Role.SchoolOwnerTeam, Role.Principal)]
    public sealed record Query(ListCases.Query Filter, bool IncludeNames = false) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<ListCases.Item> Items, bool IncludesNames, DateTime AsOfUtc);

    /// <summary>The roles that may have pupil names in an export (today every role that may export).</summary>
    public static bool MayIncludeNames(Role role) => role is Role.Principal or Role.SchoolOwnerTeam;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter.Search).MaximumLength(100);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time, AuditLog audit, Oversight.SummaryCache cache) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.UtcNow();
            // ListCases's own filter and order, all of it on one "page": the export must match the list the user saw.
            var list = await new ListCases.Handler(db, user, time, cache)
                .Handle(query.Filter with { Page = 1, PageSize = int.MaxValue }, cancellationToken);
            var withNames = query.IncludeNames && MayIncludeNames(user.Role);
            var items = withNames ? list.Items : list.Items.Select(i => i with { PupilName = "" }).ToList();
            await audit.AppendAndSaveAsync("ExportCaseList", null,
                $"{{\"filter\":{AuditLog.Describe(query.Filter with { Page = 1, PageSize = 0 })},\"names\":{(withNames ? "true" : "false")},\"rows\":{items.Count}}}",
                cancellationToken);
            return new Result(items, withNames, now);
        }
    }

    public static string FileName(Result result) =>
        $"saker-{UiText.ToOslo(result.AsOfUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    /// <summary>The CSV in the reader's language; times in Oslo time; flags as the short words the list shows.</summary>
    public static byte[] ToCsv(Result result, UiText text)
    {
        var header = new List<string?> { text["Cases.Number"] };
        if (result.IncludesNames) header.Add(text["Cases.Pupil"]);
        header.AddRange(new[]
        {
            text["Cases.School"], text["Statistics.Csv.Group"], text["Cases.State"], text["Statistics.Csv.Created"],
            text["Cases.NextDeadline"], text["Cases.Overdue"], text["Cases.Flags"],
        });

        var rows = new List<IReadOnlyList<string?>> { header };
        foreach (var item in result.Items)
        {
            var row = new List<string?> { item.CaseNumber };
            if (result.IncludesNames) row.Add(item.PupilName);
            row.AddRange(new[]
            {
                item.SchoolName, item.PupilGroup, text.State(item.State), text.Time(item.CreatedAtUtc),
                text.Time(item.NextDeadlineUtc), item.IsOverdue ? text["Statistics.Csv.Yes"] : text["Statistics.Csv.No"],
                string.Join(", ", Flags(item, text)),
            });
            rows.Add(row);
        }
        return Csv.Write(rows);
    }

    private static IEnumerable<string> Flags(ListCases.Item item, UiText text)
    {
        if (item.EmployeeSuspected) yield return text["Flag.EmployeeSuspectedShort"];
        if (item.LeadershipSuspected) yield return text["Flag.LeadershipSuspectedShort"];
        if (item.Escalated) yield return text["Flag.EscalatedShort"];
        if (item.ParticularlyVulnerable) yield return text["Flag.VulnerableShort"];
        if (item.WithCountyGovernor) yield return text["Flag.CountyGovernorShort"];
    }
}
