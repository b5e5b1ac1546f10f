using Aktivitetsplikt.Domain.Organisation;

namespace Aktivitetsplikt.Domain.Tests.Organisation;

/// <summary>The school's lowest grade for pupils' sign-in, and the grade read from a class group (ADR 021).</summary>
public class PupilSignInGradeTests
{
    [Theory]
    [InlineData("7B", 7)]
    [InlineData("7", 7)]
    [InlineData("10A", 10)]
    [InlineData(" 1a ", 1)]
    [InlineData("13", 13)]
    [InlineData("SFO", null)]
    [InlineData("Basis 3", null)]
    [InlineData("0A", null)]
    [InlineData("14A", null)]
    [InlineData("100", null)]
    [InlineData("", null)]
    public void TheGrade_IsTheNumberTheGroupStartsWith_From1To13(string group, int? grade) =>
        PupilGrades.Of(group).Should().Be(grade);

    [Fact]
    public void ASchool_LetsNoPupilSignIn_UntilItSetsALowestGrade()
    {
        var school = new School(Guid.NewGuid(), "Nordvik skole");

        school.PupilSignInFromGrade.Should().BeNull();
        school.AllowsPupilSignIn("10A").Should().BeFalse();
    }

    [Fact]
    public void ASchool_LetsInPupilsFromItsLowestGrade_AndNoneWithoutAGrade()
    {
        var school = new School(Guid.NewGuid(), "Nordvik skole");

        school.SetPupilSignInFromGrade(6);

        school.AllowsPupilSignIn("6A").Should().BeTrue();
        school.AllowsPupilSignIn("10B").Should().BeTrue();
        school.AllowsPupilSignIn("5A").Should().BeFalse();
        school.AllowsPupilSignIn("SFO").Should().BeFalse();
        school.SetPupilSignInFromGrade(null);
        school.AllowsPupilSignIn("6A").Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(14)]
    public void ALowestGradeOutside1To13_IsRefused(int grade)
    {
        var school = new School(Guid.NewGuid(), "Nordvik skole");

        var act = () => school.SetPupilSignInFromGrade(grade);

        act.Should().Throw<ArgumentOutOfRangeException>();
        school.PupilSignInFromGrade.Should().BeNull();
    }
}
