using Aktivitetsplikt.Domain.Cases;
using static Aktivitetsplikt.Domain.Tests.Cases.CaseBuilder;
using static Aktivitetsplikt.Domain.Tests.TestData;

namespace Aktivitetsplikt.Domain.Tests.Cases;

/// <summary>A generated document leaves a trace on the timeline: its file name and the SHA-256 of its bytes.</summary>
public class RecordDocumentTests
{
    private static readonly string Hash = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void RecordDocument_AppendsADocumentGeneratedEntry_WithFileNameHashAndPlanVersion()
    {
        var @case = ACase().WithMeasures().Build();
        var state = @case.State;

        @case.RecordDocument(Principal, Later, "ActivityPlan", "aktivitetsplan-2026-0042-v1.docx", Hash, 1);

        var entry = @case.Entries[^1];
        entry.Kind.Should().Be(EntryKind.DocumentGenerated);
        entry.Text.Should().Be("aktivitetsplan-2026-0042-v1.docx");
        entry.Detail.Should().Be("sha256:" + Hash.ToLowerInvariant());
        entry.PlanVersion.Should().Be(1);
        entry.ActorRole.Should().Be(Role.Principal);
        entry.StateBefore.Should().Be(state);
        entry.StateAfter.Should().Be(state);
        @case.State.Should().Be(state);
    }

    [Fact]
    public void RecordDocument_OnAClosedCase_IsAllowed()
    {
        var @case = ACase().Closed().Build();

        @case.RecordDocument(SchoolOwnerTeam, Later, "CaseBundle", "dokumentasjon-2026-0042.docx", Hash, null);

        @case.Entries[^1].Kind.Should().Be(EntryKind.DocumentGenerated);
        @case.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void RecordDocument_ByStaff_IsRefused()
    {
        var @case = ACase().WithMeasures().Build();

        var act = () => @case.RecordDocument(Staff, Later, "ActivityPlan", "aktivitetsplan.docx", Hash, 1);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.RoleMayNotAct);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void RecordDocument_WithoutAWellFormedSha256_IsRefusedAndWritesNothing(string hash)
    {
        var @case = ACase().WithMeasures().Build();
        var (entries, revision) = (@case.Entries.Count, @case.Revision);

        var act = () => @case.RecordDocument(Principal, Later, "ActivityPlan", "aktivitetsplan.docx", hash, 1);

        act.Should().Throw<ArgumentException>();
        @case.Entries.Should().HaveCount(entries);
        @case.Revision.Should().Be(revision);
    }

    [Fact]
    public void RecordDocument_ForAPlanVersionTheCaseDoesNotHave_IsRefused()
    {
        var @case = ACase().WithMeasures().Build();

        var act = () => @case.RecordDocument(Principal, Later, "ActivityPlan", "aktivitetsplan.docx", Hash, 7);

        act.Should().Throw<CaseRuleViolation>().Which.Code.Should().Be(RefusalCode.PlanVersionNotFound);
    }

    [Fact]
    public void OnlyDocumentsRecordedSince_IsTrue_WhenEveryLaterChangeWasADocument()
    {
        var @case = ACase().WithMeasures().Build();
        var seen = @case.Revision;

        @case.RecordDocument(Principal, Later, "ActivityPlan", "a.docx", Hash, 1);
        @case.RecordDocument(Principal, Later, "ParentLetter", "b.docx", Hash, null);

        @case.OnlyDocumentsRecordedSince(seen).Should().BeTrue();
        @case.OnlyDocumentsRecordedSince(@case.Revision).Should().BeTrue("nothing changed since the current revision");
    }

    [Fact]
    public void OnlyDocumentsRecordedSince_IsFalse_WhenAnyOtherStepCameInBetween()
    {
        var @case = ACase().WithMeasures().Build();
        var seen = @case.Revision;

        @case.AddComment(Principal, Later, "Snakket med kontaktlærer.");
        @case.RecordDocument(Principal, Later, "ActivityPlan", "a.docx", Hash, 1);

        @case.OnlyDocumentsRecordedSince(seen).Should().BeFalse();
        @case.OnlyDocumentsRecordedSince(seen + 1).Should().BeTrue("only the document came after the comment");
        @case.OnlyDocumentsRecordedSince(@case.Revision + 1).Should().BeFalse("a revision from the future is not one the user saw");
    }
}
