using System.Net;
using System.Text;
using Aktivitetsplikt.Web.Tests.Http;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>
/// A case whose stored text holds what XML cannot (U+0001, vertical tab, ESC, U+FFFE) and a pupil name with a bidi
/// override, written straight into the database as text stored before the input rules would be: every document of
/// the case is still made, valid, without those characters, with the vertical tab as a line break.
/// </summary>
public sealed class StoredControlCharacterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Poison = "Før\u0001 linje\u000Bto\u001B[31m slutt\uFFFE.";

    private async Task<Guid> PoisonedCaseAsync()
    {
        var jakob = await app.QueryAsync(async db =>
        {
            var pupil = await db.Pupils.Where(p => p.FirstName.StartsWith("Jakob")).Select(p => p.Id).SingleAsync();
            return await db.Cases.Where(c => c.PupilId == pupil).Select(c => c.Id).SingleAsync();
        });
        await app.QueryAsync(async db =>
        {
            // Parameters, not SQL text: the characters go in exactly as they are.
            await db.Database.ExecuteSqlAsync($"UPDATE \"CaseEntries\" SET \"Text\" = \"Text\" || {Poison} WHERE \"CaseId\" = {jakob}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"CaseEntries\" SET \"Detail\" = {Poison} WHERE \"CaseId\" = {jakob} AND \"Detail\" IS NOT NULL");
            await db.Database.ExecuteSqlAsync($"UPDATE \"PlanVersions\" SET \"Problem\" = \"Problem\" || {Poison}, \"PupilView\" = {Poison} WHERE \"CaseId\" = {jakob}");
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"PlanMeasures\" SET \"Description\" = \"Description\" || {0}, \"ResponsibleName\" = \"ResponsibleName\" || {0} WHERE \"PlanVersionId\" IN (SELECT \"Id\" FROM \"PlanVersions\" WHERE \"CaseId\" = {1})",
                Poison, jakob);
            await db.Database.ExecuteSqlAsync($"UPDATE \"Pupils\" SET \"FirstName\" = \"FirstName\" || {"\u202Efdp.exe"} WHERE \"FirstName\" = {"Jakob"}");
            return 0;
        });
        (await app.QueryAsync(db => db.CaseEntries.CountAsync(e => e.CaseId == jakob && e.Text.Contains("\u0001")))).Should().BePositive();
        return jakob;
    }

    [Theory]
    [InlineData("aktivitetsplan")]
    [InlineData("dokumentasjon")]
    [InlineData("foreldrebrev")]
    public async Task EveryDocument_OfACaseWithStoredControlCharacters_IsMade_WithoutThem(string kind)
    {
        var jakob = await PoisonedCaseAsync();
        var client = await app.SignedInAsync("randi.rektor");

        var response = await DocumentForms.PostDocumentAsync(client, jakob, kind, new() { ["version"] = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var docx = Docx.Open(await response.Content.ReadAsByteArrayAsync());
        docx.ValidationErrors.Should().BeEmpty();
        docx.AllText.Should().NotContainAny("\u0001", "\u000B", "\u001B", "\uFFFE", "\u202E");
        if (kind != "foreldrebrev") docx.AllText.Should().Contain("Før linje\nto[31m slutt.", "the vertical tab is a line break");
    }

    [Fact]
    public async Task ThePrintablePlan_OfACaseWithStoredControlCharacters_IsShown()
    {
        var jakob = await PoisonedCaseAsync();
        using var client = app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");

        var page = await client.GetAsync($"/saker/{jakob}/plan/1/utskrift");
        var casePage = await client.GetAsync($"/saker/{jakob}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("linje");
        casePage.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheCaseListExport_WithNames_NeutralisesTheBidiOverride()
    {
        await PoisonedCaseAsync();
        var client = await app.SignedInAsync("randi.rektor");

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/saker/eksport.csv?vis=alle&navn=1"));

        csv.Should().Contain("Jakobfdp.exe").And.NotContain("\u202E");
    }
}
