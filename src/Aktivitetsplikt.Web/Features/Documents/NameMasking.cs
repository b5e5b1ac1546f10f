using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// Other pupils named in a plan can be masked in the copy handed to a family. The school's other pupils
/// whose names appear in the plan are suggested (full name, or the first name alone when only that is
/// written); the user may edit the list. The case's own pupil is never masked.
/// </summary>
public static class NameMasking
{
    public sealed record PupilName(string FirstName, string LastName)
    {
        public string FullName => $"{FirstName} {LastName}";
    }

    /// <summary>The names of <paramref name="otherPupils"/> that occur in the plans' text, longest first.</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<PlanView> plans, IEnumerable<PupilName> otherPupils, PupilName ownPupil)
    {
        var text = string.Join("\n", plans.SelectMany(PlanTexts));
        var found = new List<string>();
        foreach (var pupil in otherPupils)
        {
            if (Contains(text, pupil.FullName)) found.Add(pupil.FullName);
            else if (Contains(text, pupil.FirstName)) found.Add(pupil.FirstName);
        }
        return Usable(found, ownPupil);
    }

    /// <summary>The list as typed (one name per line or comma-separated), without blanks, duplicates or the case's own pupil.</summary>
    public static IReadOnlyList<string> Parse(string? typed, PupilName ownPupil) =>
        Usable((typed ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ownPupil);

    public static IReadOnlyList<string> Usable(IEnumerable<string> names, PupilName ownPupil) =>
        names.Select(n => n.Trim())
            .Where(n => n.Length > 1)
            .Where(n => !n.Equals(ownPupil.FullName, StringComparison.OrdinalIgnoreCase) && !n.Equals(ownPupil.FirstName, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length)
            .ToList();

    /// <summary>The plan with every masked name replaced, as whole words, in every free-text field.</summary>
    public static PlanView Mask(PlanView plan, IReadOnlyList<string> names, string replacement)
    {
        if (names.Count == 0) return plan;
        string M(string text) => MaskText(text, names, replacement);
        string? N(string? text) => text is null ? null : M(text);
        return plan with
        {
            Problem = M(plan.Problem),
            PupilView = N(plan.PupilView),
            PupilHeardHow = N(plan.PupilHeardHow),
            ParentsView = N(plan.ParentsView),
            ParentsInformedHow = N(plan.ParentsInformedHow),
            ChangeSummary = N(plan.ChangeSummary),
            Measures = plan.Measures.Select(m => m with
            {
                Description = M(m.Description),
                When = M(m.When),
                ResponsibleName = M(m.ResponsibleName),
                StatusNote = N(m.StatusNote),
            }).ToList(),
        };
    }

    public static string MaskText(string text, IReadOnlyList<string> names, string replacement)
    {
        foreach (var name in names.OrderByDescending(n => n.Length))
            text = WholeWord(name).Replace(text, replacement);
        return text;
    }

    private static bool Contains(string text, string name) => WholeWord(name).IsMatch(text);

    private static Regex WholeWord(string name) =>
        new(@"(?<!\w)" + Regex.Escape(name).Replace(@"\ ", @"\s+") + @"(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IEnumerable<string> PlanTexts(PlanView plan) =>
        new[] { plan.Problem, plan.PupilView, plan.PupilHeardHow, plan.ParentsView, plan.ParentsInformedHow, plan.ChangeSummary }
            .Concat(plan.Measures.SelectMany(m => new[] { m.Description, m.When, m.ResponsibleName, m.StatusNote }))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!);
}
