using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>What changed between two versions of an activity plan: the plan's own parts, and each measure followed by its key.</summary>
public static class PlanComparison
{
    /// <summary>A measure carried out is "gjennomført", never "tatt ut": <see cref="CarriedOut"/>.</summary>
    public enum ChangeKind { Added, Removed, Changed, CarriedOut }

    /// <summary>A changed part of the plan; Field names a resource key for its label.</summary>
    public sealed record PartChange(string Field, string? Before, string? After);

    public sealed record MeasureChange(ChangeKind Kind, string Description, IReadOnlyList<PartChange> Parts);

    public sealed record Result(int FromVersion, int ToVersion, IReadOnlyList<PartChange> Plan, IReadOnlyList<MeasureChange> Measures)
    {
        public bool Any => Plan.Count > 0 || Measures.Count > 0;
    }

    public static Result Compare(PlanView from, PlanView to)
    {
        var plan = new List<PartChange>();
        void Part(string field, string? before, string? after)
        {
            if (!string.Equals(Normal(before), Normal(after), StringComparison.Ordinal)) plan.Add(new PartChange(field, before, after));
        }
        Part("PlanPart.Problem", from.Problem, to.Problem);
        Part("PlanPart.EvaluationDate", from.EvaluationDate.ToString("dd.MM.yyyy"), to.EvaluationDate.ToString("dd.MM.yyyy"));
        Part("Plan.PupilViewHeading", from.PupilView, to.PupilView);
        Part("Plan.PupilHeardHow", from.PupilHeardHow, to.PupilHeardHow);
        Part("Plan.ParentsViewHeading", from.ParentsView, to.ParentsView);
        Part("Plan.ParentsInformedHow", from.ParentsInformedHow, to.ParentsInformedHow);

        var measures = new List<MeasureChange>();
        foreach (var after in to.Measures)
        {
            var before = from.Measures.FirstOrDefault(m => m.MeasureKey == after.MeasureKey);
            if (before is null)
            {
                measures.Add(new MeasureChange(ChangeKind.Added, after.Description, []));
                continue;
            }
            var parts = new List<PartChange>();
            void MeasurePart(string field, string? b, string? a)
            {
                if (!string.Equals(Normal(b), Normal(a), StringComparison.Ordinal)) parts.Add(new PartChange(field, b, a));
            }
            MeasurePart("Plan.Measure", before.Description, after.Description);
            MeasurePart("Plan.When", before.When, after.When);
            MeasurePart("Plan.Responsible", before.ResponsibleName, after.ResponsibleName);
            MeasurePart("Plan.EvaluateOn", before.EvaluateOn?.ToString("dd.MM.yyyy"), after.EvaluateOn?.ToString("dd.MM.yyyy"));
            if (after.Status == MeasureStatus.Done)
                measures.Add(new MeasureChange(ChangeKind.CarriedOut, after.Description, parts));
            else if (parts.Count > 0) measures.Add(new MeasureChange(ChangeKind.Changed, after.Description, parts));
        }
        // A version from before carried-out measures were kept in the plan may lack one: it was carried out, not taken out.
        foreach (var removed in from.Measures.Where(b => to.Measures.All(a => a.MeasureKey != b.MeasureKey)))
            measures.Add(new MeasureChange(removed.Status == MeasureStatus.Done ? ChangeKind.CarriedOut : ChangeKind.Removed, removed.Description, []));

        return new Result(from.Version, to.Version, plan, measures);
    }

    private static string Normal(string? text) => (text ?? "").Trim().ReplaceLineEndings("\n");
}
