using Aktivitetsplikt.Web.Infrastructure;

namespace Aktivitetsplikt.Web.Tests.Features.Account;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new();

    [Fact]
    public void TheShippedList_HoldsSeveralHundredPasswords()
    {
        Policy.CommonPasswordCount.Should().BeGreaterThan(400);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("Sommer2026!!")]
    [InlineData("Vinteren-2027")]
    [InlineData("Passord12345")]
    [InlineData("passord123456")]
    [InlineData("Hemmelig2026!")]
    [InlineData("hemmeleg12345")]
    [InlineData("Qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("password1234")]
    [InlineData("Velkommen123!")]
    [InlineData("Fotball-2026")]
    [InlineData("Rosenborg1963")]
    [InlineData("Høsten2026!!")]
    [InlineData("abcabcabcabc")]
    [InlineData("121212121212")]
    public void CommonPasswords_AreRefused(string password)
    {
        Policy.IsCommon(password).Should().BeTrue();
    }

    [Theory]
    [InlineData("Tyttebær-og-multer-7")]
    [InlineData("blå hest spiser pizza")]
    [InlineData("Et-langt-startpassord")]
    [InlineData("kaffekopp under brua")]
    public void PassphrasesOfSeveralWords_AreAccepted(string password)
    {
        Policy.IsCommon(password).Should().BeFalse();
    }

    [Theory]
    [InlineData("kari.laerer2026")]
    [InlineData("KariLærer-2026!")]
    [InlineData("Nordvikskole2026")]
    [InlineData("nordvik-skole-1")]
    [InlineData("Aktivitetsplikt2026")]
    [InlineData("aktivitetsplikta!!")]
    [InlineData("Nordvik kommune 1")]
    public void PasswordsBuiltOnTheUsersContext_AreRefused(string password)
    {
        PasswordPolicy.BuildsOn(password, ["kari.laerer", "Kari Lærer", "Nordvik skole", "Nordvik kommune"]).Should().BeTrue();
    }

    [Theory]
    [InlineData("Kari går på fjelltur")]
    [InlineData("Tyttebær-og-multer-7")]
    public void PasswordsWithEnoughOfTheirOwn_AreAccepted_EvenWithANameInThem(string password)
    {
        PasswordPolicy.BuildsOn(password, ["kari.laerer", "Kari Lærer", "Nordvik skole", "Nordvik kommune"]).Should().BeFalse();
    }
}
