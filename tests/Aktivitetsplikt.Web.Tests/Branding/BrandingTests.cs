using Aktivitetsplikt.Web.Infrastructure;
using Microsoft.Extensions.FileProviders;

namespace Aktivitetsplikt.Web.Tests.Branding;

/// <summary>A kommune's accent colour and logo (Branding:*): refused with a clear message when unusable, served as Designsystemet tokens.</summary>
public sealed class BrandingTests : IDisposable
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("branding-").FullName;

    [Theory]
    [InlineData("#0062ba")] // Digdir's accent
    [InlineData("#0b3d62")]
    [InlineData("#000000")]
    public void ADarkEnoughColour_IsAccepted(string colour) =>
        Problems(new BrandingOptions { AccentColor = colour }).Should().BeEmpty();

    [Theory]
    [InlineData("#ffbf47", "contrast")] // yellow: white text on it cannot be read
    [InlineData("#66aaff", "contrast")]
    [InlineData("blue", "#rrggbb")]
    [InlineData("#12345", "#rrggbb")]
    [InlineData("#0062ba; } body { display:none", "#rrggbb")]
    public void AnUnusableColour_IsRefused_NamingTheSettingAndWhy(string colour, string why) =>
        Problems(new BrandingOptions { AccentColor = colour }).Should().ContainSingle()
            .Which.Should().Contain("Branding:AccentColor").And.Contain(why);

    [Fact]
    public void TheContrastRatio_IsWcags()
    {
        BrandingOptions.ContrastWithWhite("#000000").Should().BeApproximately(21, 0.01);
        BrandingOptions.ContrastWithWhite("#ffffff").Should().BeApproximately(1, 0.01);
        BrandingOptions.ContrastWithWhite("#767676").Should().BeApproximately(4.54, 0.01);
    }

    [Theory]
    [InlineData("/branding/missing.svg", "names no file")]
    [InlineData("https://example.com/logo.svg", "must be a path")]
    [InlineData("/../appsettings.json", "must be a path")]
    [InlineData("/branding/logo.exe", "must be a path")]
    public void AnUnusableLogoPath_IsRefused(string path, string why) =>
        Problems(new BrandingOptions { LogoPath = path }).Should().ContainSingle().Which.Should().Contain("Branding:LogoPath").And.Contain(why);

    [Fact]
    public void ALogoInWwwroot_IsAccepted()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "branding"));
        File.WriteAllText(Path.Combine(_webRoot, "branding", "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Problems(new BrandingOptions { LogoPath = "/branding/logo.svg" }).Should().BeEmpty();
    }

    [Fact]
    public void TheStyleSheet_SetsDesignsystemetsAccentTokens_FromTheColour_OrNothingWithoutOne()
    {
        var css = new BrandingOptions { AccentColor = "#0B3D62" }.StyleSheet();
        css.Should().Contain("--ap-accent: #0b3d62;").And.Contain("--ds-color-accent-base-default: var(--ap-accent);")
            .And.Contain("--ds-color-accent-base-hover: color-mix(");
        new BrandingOptions().StyleSheet().Should().NotContain("--ds-color");
    }

    private List<string> Problems(BrandingOptions options)
    {
        using var files = new PhysicalFileProvider(_webRoot);
        return BrandingValidation.Problems(options, files);
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);
}
