using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Tests.Cases;

public class ReadmeDiagramTests
{
    [Fact]
    public void ReadmeWorkflowDiagram_ShowsExactlyTheTablesStateChanges()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Aktivitetsplikt.sln"))) root = root.Parent;
        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        var block = readme.Split("```mermaid\n")[1].Split("```")[0];

        static IEnumerable<string> Transitions(string mermaid) =>
            mermaid.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("-->"));

        Transitions(block).Should().BeEquivalentTo(Transitions(CaseWorkflow.ToMermaid()),
            "the README's diagram is the table's state changes (copy them from samples/workflow.mmd)");
    }
}
