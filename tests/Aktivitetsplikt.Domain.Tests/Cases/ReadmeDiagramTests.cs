using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Tests.Cases;

public class ReadmeDiagramTests
{
    private const string Fence = "```mermaid\n";

    [Fact]
    public void ReadmeWorkflowDiagram_ShowsExactlyTheTablesStateChanges()
    {
        var path = GeneratedFiles.PathInRepository("README.md");
        var fresh = StateChanges(CaseWorkflow.ToMermaid());

        GeneratedFiles.Committed(path, WithDiagram(File.ReadAllText(path), fresh));

        Diagram(File.ReadAllText(path)).Should().Be(fresh,
            $"the README's diagram is the state changes of samples/workflow.mmd; refresh it with `{GeneratedFiles.RefreshCommand}`");
    }

    private static string Diagram(string readme) => readme.Split(Fence)[1].Split("```")[0];

    private static string WithDiagram(string readme, string diagram) =>
        readme.Replace(Fence + Diagram(readme), Fence + diagram);

    /// <summary>The diagram without its comments and without the steps that keep the state.</summary>
    private static string StateChanges(string mermaid) =>
        string.Concat(mermaid.Split('\n')
            .Where(line => line == "stateDiagram-v2" || line.Contains(" --> ") && !KeepsTheState(line))
            .Select(line => line + "\n"));

    private static bool KeepsTheState(string line)
    {
        var ends = line.Trim().Split(" : ")[0].Split(" --> ");
        return ends[0] == ends[1];
    }
}
