using System.Net;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>Every form post needs the antiforgery token of the page it came from; without it nothing happens.</summary>
public sealed class AntiforgeryTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public AntiforgeryTests(AppFactory app) => _app = app;

    [Fact]
    public async Task SignIn_WithoutToken_IsRefusedWith400()
    {
        using var client = _app.NewClient();
        await client.GetAsync("/logg-inn");

        var result = await client.PostAsync("/logg-inn", Fields(("_handler", "login"), ("Form.UserName", "kari.laerer"), ("Form.Password", "Demo!2026")));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/")).LocationPath.Should().Be("/logg-inn", "the sign-in did not happen");
    }

    [Fact]
    public async Task PostingAStepToTheCasePage_IsRefusedWith400_AndChangesNothing_TokenOrNot()
    {
        // Steps are sent through the circuit; the page takes no posted step, forged or not.
        var caseId = await _app.CaseOfPupilAsync("Emma");
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("randi.rektor");
        var page = await client.GetAsync($"/saker/{caseId}");
        var before = await _app.CaseSnapshotAsync(caseId);
        var revision = before.Revision.ToString();

        var withoutToken = await client.PostAsync($"/saker/{caseId}",
            Fields(("_handler", "action-AddComment"), ("Form.Trigger", "AddComment"), ("Form.Revision", revision), ("Form.Text", "Uten token")));
        var wrongToken = await client.PostAsync($"/saker/{caseId}",
            Fields(("_handler", "action-AddComment"), ("__RequestVerificationToken", "CfDJ8-forfalsket"), ("Form.Trigger", "AddComment"),
                ("Form.Revision", revision), ("Form.Text", "Med falsk token")));
        var withToken = await client.PostAsync($"/saker/{caseId}",
            Fields(("_handler", "action-AddComment"), ("__RequestVerificationToken", page.AntiforgeryToken!), ("Form.Trigger", "AddComment"),
                ("Form.Revision", revision), ("Form.Text", "Med ekte token")));

        withoutToken.Status.Should().Be(HttpStatusCode.BadRequest);
        wrongToken.Status.Should().Be(HttpStatusCode.BadRequest);
        withToken.Status.Should().Be(HttpStatusCode.BadRequest);
        (await _app.CaseSnapshotAsync(caseId)).Should().Be(before);
    }

    /// <summary>
    /// /meld is an interactive component: its form is sent over the circuit, never as a POST. A post to it,
    /// with or without a token, is refused and makes no case.
    /// </summary>
    [Fact]
    public async Task Concern_PostedAsAPlainForm_WithOrWithoutToken_IsRefusedWith400_AndMakesNoCase()
    {
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("kari.laerer");
        var form = await client.GetAsync("/meld");
        var pupil = form.Get("#f-PupilId option[value]:not([value=''])").GetAttribute("value")!;
        var casesBefore = await _app.QueryAsync(db => Task.FromResult(db.Cases.Count()));
        (string, string)[] concern = [("_handler", "concern"), ("Form.PupilId", pupil), ("Form.WhatHappened", "Som vanlig skjema"),
            ("Form.OccurredAt", "2026-11-20T10:00"), ("Form.Location", "Classroom")];

        var withoutToken = await client.PostAsync("/meld", Fields(concern));
        var withToken = await client.PostAsync("/meld", Fields([.. concern, ("__RequestVerificationToken", form.AntiforgeryToken!)]));

        withoutToken.Status.Should().Be(HttpStatusCode.BadRequest);
        withToken.Status.Should().Be(HttpStatusCode.BadRequest);
        (await _app.QueryAsync(db => Task.FromResult(db.Cases.Count()))).Should().Be(casesBefore);
    }

    [Theory]
    [InlineData("/logg-ut")]
    [InlineData("/sprak")]
    public async Task AccountEndpoints_WithoutToken_AreRefusedWith400(string url)
    {
        using var client = _app.NewClient();
        await client.SignInOrFailAsync("per.rektor");

        var result = await client.PostAsync(url, Fields(("culture", "nn-NO"), ("returnUrl", "/")));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/")).Status.Should().Be(HttpStatusCode.OK, "still signed in");
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
}
