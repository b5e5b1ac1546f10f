using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Tests.Support;

namespace Aktivitetsplikt.Web.Tests.Features.Cases;

public sealed class AddCommentTests : SliceTest
{
    [Fact]
    public async Task AddComment_ByReportingStaff_AppendsComment_AndRaisesRevision()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SnapshotAsync(id);

        var result = await App.SendAs(Org.StaffA, new AddComment.Command(id, before.Revision, "  Emma virket gladere i dag.  "));

        var @case = await App.LoadCaseAsync(id);
        @case.State.Should().Be(CaseState.PrincipalNotified);
        @case.Revision.Should().Be(before.Revision + 1).And.Be(result.Revision);
        @case.Entries[^1].Kind.Should().Be(EntryKind.Comment);
        @case.Entries[^1].Text.Should().Be("Emma virket gladere i dag.");
    }
}
