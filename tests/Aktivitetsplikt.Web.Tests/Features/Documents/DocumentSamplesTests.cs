using Aktivitetsplikt.Web.Tests.Http;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>
/// The example documents in samples/, made from the demo data through the app over HTTP, as a principal
/// downloads them. A normal run only checks them and writes nothing; AKTIVITETSPLIKT_REGENERATE_SAMPLES=1
/// writes them all afresh (commit them), as it does the workflow diagram.
/// </summary>
public sealed class DocumentSamplesTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public DocumentSamplesTests(AppFactory app) => _app = app;

    [Fact]
    public async Task EveryExampleDocument_IsInSamples_AndValid()
    {
        var jakob = await _app.CaseOfPupilAsync("Jakob");
        var nora = await _app.CaseOfPupilAsync("Nora");
        var principal = await _app.SignedInAsync("randi.rektor");
        var team = await _app.SignedInAsync("siri.9a", culture: "nn-NO");
        var samples = new (string File, Func<Task<HttpResponseMessage>> Make)[]
        {
            ("aktivitetsplan-eksempel.docx", () => DocumentForms.PostDocumentAsync(principal, nora, "aktivitetsplan", new() { ["version"] = "2" })),
            ("aktivitetsplan-skjermet-eksempel.docx", () => DocumentForms.PostDocumentAsync(principal, jakob, "aktivitetsplan",
                new() { ["version"] = "1", ["mask"] = "true", ["maskNames"] = "Filip Kristiansen\nSofie" })),
            ("dokumentasjon-statsforvalteren-eksempel.docx", () => DocumentForms.PostDocumentAsync(principal, nora, "dokumentasjon")),
            ("foreldrebrev-eksempel.docx", () => DocumentForms.PostDocumentAsync(principal, jakob, "foreldrebrev")),
            ("foreldrebrev-nynorsk-eksempel.docx", () => DocumentForms.PostDocumentAsync(team, jakob, "foreldrebrev")),
        };
        var regenerate = Environment.GetEnvironmentVariable("AKTIVITETSPLIKT_REGENERATE_SAMPLES") == "1";
        var directory = Path.Combine(RepositoryRoot(), "samples");

        foreach (var (file, make) in samples)
        {
            var response = await make();
            response.IsSuccessStatusCode.Should().BeTrue(file);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Docx.Open(bytes).ValidationErrors.Should().BeEmpty(file);
            var path = Path.Combine(directory, file);
            if (regenerate)
            {
                await File.WriteAllBytesAsync(path, bytes);
            }
            File.Exists(path).Should().BeTrue($"samples/{file} is missing: AKTIVITETSPLIKT_REGENERATE_SAMPLES=1 bash tests/run.sh writes it");
            Docx.Open(await File.ReadAllBytesAsync(path)).ValidationErrors.Should().BeEmpty(file);
        }
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
