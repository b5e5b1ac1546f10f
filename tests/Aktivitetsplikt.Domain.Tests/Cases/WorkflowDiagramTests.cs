using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Tests.Cases;

public class WorkflowDiagramTests
{
    private const string DiagramPath = "samples/workflow.mmd";

    [Fact]
    public void CommittedDiagram_MatchesTheTable()
    {
        var fresh = CaseWorkflow.ToMermaid();

        var committed = GeneratedFiles.Committed(GeneratedFiles.PathInRepository(DiagramPath), fresh);

        committed.Should().Be(fresh,
            $"{DiagramPath} is Stateless's drawing of CaseWorkflow; refresh it with `{GeneratedFiles.RefreshCommand}` and commit it");
    }

    [Fact]
    public void Diagram_ShowsTheLegalPath()
    {
        var diagram = CaseWorkflow.ToMermaid();

        diagram.Should().Contain("    FollowingUp --> Intervened : RecordIntervention\n");
        diagram.Should().Contain("    Investigating --> Measures : AdoptPlan [plan has all five legal parts]\n");
        diagram.Should().Contain("    Investigating --> Closed : Close [pupil heard] [pupil never said not safe] [investigation does not conclude not safe] [a parent's or staff member's report is settled] [conclusion written]\n");
        diagram.Should().Contain("    Measures --> Closed : CloseAsPupilLeftSchool [departure has date, new school, who decided and why] [handed over when the new school has the same school owner]\n");
        diagram.Should().Contain("    Closed --> Investigating : Reopen [reason given]\n");
        diagram.Should().Contain("    Measures --> Measures : RecordMeasureProgress [measure in the current plan] [staff update only their own measures]");
        diagram.Should().Contain("[*] --> FollowingUp\n");
        diagram.Should().Contain("%% EscalateToSchoolOwner: Principal\n");
        diagram.Should().Contain("%% - no principal once the school owner is told school leadership is suspected\n");
    }

    [Fact]
    public void Diagram_DrawsEveryRowOfTheTable_WithItsGuards()
    {
        var lines = CaseWorkflow.ToMermaid().Split('\n').Select(l => l.Trim()).ToList();

        foreach (var row in CaseWorkflow.Transitions())
        {
            var guards = string.Concat(row.Guards.Select(g => $" [{g}]"));
            lines.Should().Contain($"{row.Source} --> {row.Destination} : {row.Trigger}{guards}");
        }
        lines.Count(l => l.Contains("-->") && !l.StartsWith("[*]")).Should().Be(CaseWorkflow.Transitions().Count);
    }
}
