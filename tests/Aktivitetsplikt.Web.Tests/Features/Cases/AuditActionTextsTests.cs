using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

/// <summary>The audit log shows every action in Norwegian: every command and every action written by name has a text.</summary>
public sealed partial class AuditActionTextsTests
{
    public static TheoryData<string> Cultures => new() { "nb-NO", "nn-NO" };

    /// <summary>The literal names passed to AuditLog.Append(AndSave)Async, including both sides of a conditional.</summary>
    [GeneratedRegex(@"Append(?:AndSave)?Async\(([^,;]*),")]
    private static partial Regex AppendCall();

    [GeneratedRegex("\"([A-Za-z]+)\"")]
    private static partial Regex Literal();

    private static IEnumerable<string> CommandActions() =>
        typeof(AuditLog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))
            .Select(t => AuditLog.ActionName(RuntimeHelpers.GetUninitializedObject(t)));

    private static IEnumerable<string> NamedActions()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Aktivitetsplikt.Web");
        return Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => AppendCall().Matches(File.ReadAllText(f)))
            .SelectMany(call => Literal().Matches(call.Groups[1].Value).Select(m => m.Groups[1].Value));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryActionTheCodeCanWrite_HasANorwegianText(string culture)
    {
        var texts = JsonStringLocalizerFactory.Load(culture);
        var actions = CommandActions().Concat(NamedActions()).Concat(GetAuditTrail.ReadActions).Distinct().ToList();

        actions.Should().Contain(["AdoptPlan", "GenerateDocument", "ViewCase", "ViewPlanPrint", "SignIn"], "the scan must find commands and named actions");
        actions.Where(a => !texts.ContainsKey($"AuditAction.{a}")).Should().BeEmpty($"the audit log names every action in {culture}, never by its code name");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"Aktivitetsplikt.sln not found above {AppContext.BaseDirectory}.");
    }
}
