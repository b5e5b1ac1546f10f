using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aktivitetsplikt.Web.Infrastructure;

/// <summary>
/// A kommune's own look on top of Designsystemet (ADR 013): <c>Branding:AccentColor</c> (#rrggbb, dark enough for
/// white text and for links on white, contrast at least 4.5:1) and <c>Branding:LogoPath</c> (an image in wwwroot,
/// e.g. <c>/branding/logo.svg</c>). Both optional; without them Digdir's theme is used as it is.
/// </summary>
public sealed partial class BrandingOptions
{
    public string? AccentColor { get; set; }
    public string? LogoPath { get; set; }

    /// <summary>WCAG's minimum for normal text: the accent is the background of primary buttons and the colour of links.</summary>
    public const double MinimumContrast = 4.5;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    [GeneratedRegex(@"^/[A-Za-z0-9_\-/]+\.(svg|png|webp)$")]
    private static partial Regex ImagePath();

    public static bool IsHexColor(string value) => HexColor().IsMatch(value);

    public static bool IsImagePath(string value) => ImagePath().IsMatch(value) && !value.Contains("//", StringComparison.Ordinal);

    /// <summary>WCAG 2 contrast ratio of a #rrggbb colour against white.</summary>
    public static double ContrastWithWhite(string hex)
    {
        static double Channel(string hex, int start)
        {
            var c = int.Parse(hex.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>
    /// The style sheet served at <c>/branding.css</c>: Designsystemet's accent tokens set from the one configured colour
    /// (hover, active and the tints mixed from it), so buttons, links, tags and focus follow the kommune's colour.
    /// </summary>
    public string StyleSheet()
    {
        if (AccentColor is null)
            return "/* Branding:AccentColor is not set: Digdir's theme colours apply. */\n";
        var accent = AccentColor.ToLowerInvariant();
        string Mix(int percent, string with) => $"color-mix(in srgb, var(--ap-accent) {percent}%, {with})";
        return $$"""
            /* Generated from Branding:AccentColor ({{accent}}). */
            :root, [data-color-scheme=light] {
              --ap-accent: {{accent}};
              --ds-color-accent-base-default: var(--ap-accent);
              --ds-color-accent-base-hover: {{Mix(82, "black")}};
              --ds-color-accent-base-active: {{Mix(66, "black")}};
              --ds-color-accent-base-contrast-default: #fff;
              --ds-color-accent-base-contrast-subtle: {{Mix(12, "white")}};
              --ds-color-accent-text-subtle: var(--ap-accent);
              --ds-color-accent-text-default: {{Mix(45, "black")}};
              --ds-color-accent-border-default: var(--ap-accent);
              --ds-color-accent-border-strong: {{Mix(82, "black")}};
              --ds-color-accent-border-subtle: {{Mix(40, "white")}};
              --ds-color-accent-surface-tinted: {{Mix(12, "white")}};
              --ds-color-accent-surface-hover: {{Mix(20, "white")}};
              --ds-color-accent-surface-active: {{Mix(28, "white")}};
              --ds-color-accent-background-tinted: {{Mix(6, "white")}};
            }

            """;
    }
}

/// <summary>Refuses to start with a colour or logo that would break the page or its contrast, saying which setting and why.</summary>
public sealed class BrandingValidation(IWebHostEnvironment environment) : IValidateOptions<BrandingOptions>
{
    public ValidateOptionsResult Validate(string? name, BrandingOptions options) =>
        Problems(options, environment.WebRootFileProvider) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;

    /// <summary>What is wrong with the settings, one sentence per setting; empty when they can be used.</summary>
    public static List<string> Problems(BrandingOptions options, Microsoft.Extensions.FileProviders.IFileProvider webRoot)
    {
        List<string> failures = [];
        if (options.AccentColor is { } color)
        {
            if (!BrandingOptions.IsHexColor(color))
                failures.Add($"Branding:AccentColor '{color}' is not a colour written as #rrggbb (e.g. #0b3d62).");
            else if (BrandingOptions.ContrastWithWhite(color) is var ratio && ratio < BrandingOptions.MinimumContrast)
                failures.Add($"Branding:AccentColor '{color}' has a contrast of {ratio.ToString("0.0", CultureInfo.InvariantCulture)}:1 with white; " +
                    $"at least {BrandingOptions.MinimumContrast.ToString("0.0", CultureInfo.InvariantCulture)}:1 is needed (white button text, links on white). Choose a darker colour.");
        }
        if (options.LogoPath is { } logo)
        {
            if (!BrandingOptions.IsImagePath(logo))
                failures.Add($"Branding:LogoPath '{logo}' must be a path in wwwroot starting with '/' and ending in .svg, .png or .webp (e.g. /branding/logo.svg).");
            else if (!webRoot.GetFileInfo(logo.TrimStart('/')).Exists)
                failures.Add($"Branding:LogoPath '{logo}' names no file in wwwroot.");
        }
        return failures;
    }
}

public static class BrandingRegistration
{
    public static IServiceCollection AddBranding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrandingOptions>().Bind(configuration.GetSection("Branding")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrandingOptions>, BrandingValidation>();
        return services;
    }

    /// <summary>The kommune's accent colour as a style sheet of its own: the CSP allows style sheets from the app, and the page needs no inline style.</summary>
    public static IEndpointRouteBuilder MapBranding(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/branding.css", (IOptions<BrandingOptions> options) =>
                Results.Text(options.Value.StyleSheet(), "text/css; charset=utf-8"))
            .AllowAnonymous();
        return endpoints;
    }
}
