using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Features.Documents;

/// <summary>
/// Other pupils named in a plan can be masked in the copy handed to a family. The school's other pupils
/// whose names appear in the plan are suggested (full name, or the first name alone when only that is
/// written); the user may edit the list. The case's own pupil is never masked.
/// </summary>
public static partial class NameMasking
{
    public sealed record PupilName(string FirstName, string LastName)
    {
        public string FullName => $"{FirstName} {LastName}";
    }

    /// <summary>The names of <paramref name="otherPupils"/> that occur in the plans' text, longest first.</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<PlanView> plans, IEnumerable<PupilName> otherPupils, PupilName ownPupil)
    {
        var text = string.Join("\n", plans.SelectMany(PlanTexts));
        var words = WordsOf(text);
        var found = new List<string>();
        foreach (var pupil in otherPupils)
        {
            if (MayContain(words, pupil.FullName) && Contains(text, pupil.FullName)) found.Add(pupil.FullName);
            else if (MayContain(words, pupil.FirstName) && Contains(text, pupil.FirstName)) found.Add(pupil.FirstName);
        }
        return Usable(found, ownPupil);
    }

    /// <summary>
    /// Whether the whole-word pattern (<see cref="WholeWord"/>) can find the name in the text whose words these are: each run of
    /// word characters in the name must be a whole word of the text, up to case. A necessary condition, checked with one set
    /// look-up per word, so the pattern is built only for the few names that pass: the case page suggests names from a
    /// school's 250 pupils on every view, and building 500 patterns was most of that page's time (issue 12).
    /// A name with a letter from beyond Latin Extended-A is always left to the pattern: there the pattern's case table knows
    /// variants the runtime's casing does not (U+019B and U+A7DC), and <see cref="Fold"/> is proven only below (NameMaskingTests).
    /// </summary>
    internal static bool MayContain(IReadOnlySet<string> textWords, string name)
    {
        if (name.Any(c => c >= FoldedBelow)) return true;
        foreach (Match word in Word().Matches(name))
            if (!textWords.Contains(Fold(word.Value))) return false;
        return true;
    }

    /// <summary>Basic Latin, Latin-1 and Latin Extended-A: Norwegian, Sami (č, đ, ŋ, š, ŧ, ž) and most European names.</summary>
    internal const char FoldedBelow = '\u0180';

    /// <summary>The text's words (runs of word characters, as the pattern's <c>\w</c>), case-folded.</summary>
    internal static IReadOnlySet<string> WordsOf(string text) => Word().Matches(text).Select(m => Fold(m.Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// One form for every case variant the pattern's IgnoreCase matches of a letter below <see cref="FoldedBelow"/> (k, K and
    /// the Kelvin sign; ſ, s and S; å, Å and the ångström sign): lower, then upper, character by character.
    /// </summary>
    internal static string Fold(string word) => word.ToLowerInvariant().ToUpperInvariant();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();

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

    internal static Regex WholeWord(string name) =>
        new(@"(?<!\w)" + Regex.Escape(name).Replace(@"\ ", @"\s+") + @"(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static IEnumerable<string> PlanTexts(PlanView plan) =>
        new[] { plan.Problem, plan.PupilView, plan.PupilHeardHow, plan.ParentsView, plan.ParentsInformedHow, plan.ChangeSummary }
            .Concat(plan.Measures.SelectMany(m => new[] { m.Description, m.When, m.ResponsibleName, m.StatusNote }))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!);
}
