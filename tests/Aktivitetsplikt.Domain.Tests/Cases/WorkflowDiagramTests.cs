using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Tests.Cases;

public class WorkflowDiagramTests
{
    private const string DiagramPath = "samples/workflow.mmd";

    [Fact]
    public void CommittedDiagram_MatchesTheTable()
    {
        var fresh = CaseWorkflow.ToMermaid();
        var path = Path.Combine(RepositoryRoot(), DiagramPath);
        var committed = File.Exists(path) ? File.ReadAllText(path) : null;

        if (committed != fresh)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, fresh);
        }

        committed.Should().Be(fresh,
            $"{DiagramPath} is generated from CaseWorkflow; it was stale or missing and has been regenerated: commit it");
    }

    [Fact]
    public void Diagram_ShowsTheLegalPath()
    {
        var diagram = CaseWorkflow.ToMermaid();

        diagram.Should().Contain("FollowingUp --> Intervened : RecordIntervention\n");
        diagram.Should().Contain("Investigating --> Measures : AdoptPlan [plan has all five legal parts]\n");
        diagram.Should().Contain("Investigating --> Closed : Close [pupil heard, pupil never said not safe, conclusion written]\n");
        diagram.Should().Contain("Closed --> Investigating : Reopen [reason given]\n");
        diagram.Should().Contain("%% EscalateToSchoolOwner: Principal\n");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aktivitetsplikt.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"Aktivitetsplikt.sln not found above {AppContext.BaseDirectory}.");
    }
}
