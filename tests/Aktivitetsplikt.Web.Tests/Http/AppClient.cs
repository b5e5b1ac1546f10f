using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Aktivitetsplikt.Web.Features.Demo;

namespace Aktivitetsplikt.Web.Tests.Http;

/// <summary>
/// A browser without a browser: GETs pages, fills in a rendered form (its antiforgery token, the
/// hidden <c>_handler</c> input that tells Blazor which form was posted, and the values already in
/// the fields), posts it and follows redirects on request, keeping cookies throughout.
/// </summary>
public sealed class AppClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public AppClient(HttpClient http) => _http = http;

    /// <summary>One GET; a redirect is returned as it is.</summary>
    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return await ReadAsync(url, response);
    }

    /// <summary>One GET whose answer is read as it is (a file download: its bytes and headers).</summary>
    public Task<HttpResponseMessage> GetResponseAsync(string url) => _http.GetAsync(url);

    /// <summary>A GET that follows redirects to the page finally shown.</summary>
    public async Task<HtmlPage> OpenAsync(string url) => await FollowAsync(await GetAsync(url));

    /// <summary>Follows the redirects of a response with GETs, as a browser does after a POST.</summary>
    public async Task<HtmlPage> FollowAsync(HtmlPage page)
    {
        for (var hops = 0; page.IsRedirect; hops++)
        {
            if (hops == 10) throw new InvalidOperationException($"Too many redirects from {page.Url}.");
            page = await GetAsync(page.Location!);
        }
        return page;
    }

    /// <summary>
    /// Posts the form named <paramref name="formName"/> on the page with its current values, changed by
    /// <paramref name="fields"/> (a null value removes the field, e.g. an unticked checkbox). No redirect is followed.
    /// </summary>
    public Task<HtmlPage> SubmitAsync(HtmlPage page, string formName, params (string Name, string? Value)[] fields) =>
        SubmitAsync(page, page.Form(formName), fields);

    /// <summary>Posts a given form of the page (e.g. a plain form found by its action) the same way.</summary>
    public async Task<HtmlPage> SubmitAsync(HtmlPage page, IElement form, params (string Name, string? Value)[] fields)
    {
        var values = FormValues(form);
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            if (value is not null) values.Add(new(name, value));
        }
        var action = form.GetAttribute("action");
        return await PostAsync(string.IsNullOrEmpty(action) ? page.Url : action, values);
    }

    /// <summary>Posts exactly these fields, nothing taken from a page (no antiforgery token unless given).</summary>
    public async Task<HtmlPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync(url, content);
        return await ReadAsync(url, response);
    }

    /// <summary>Posts a multipart form (fields and one file), as a browser's file upload does. No redirect is followed.</summary>
    public async Task<HtmlPage> PostMultipartAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        // FileNameStar (RFC 5987) carries any name, quotes and control characters included, as a hostile browser could send it.
        var file = new ByteArrayContent(content);
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = $"\"{fileField}\"", FileNameStar = fileName };
        form.Add(file);
        using var response = await _http.PostAsync(url, form);
        return await ReadAsync(url, response);
    }

    /// <summary>Who this client last signed in as (the user name typed), for steps taken on its behalf outside HTTP.</summary>
    public string? UserName { get; private set; }

    public async Task<HtmlPage> SignInAsync(string userName, string password = DemoData.Password)
    {
        var login = await GetAsync("/logg-inn");
        UserName = userName;
        return await SubmitAsync(login, "login", ("Form.UserName", userName), ("Form.Password", password));
    }

    /// <summary>Signs in and checks that it worked: a redirect away from the login page.</summary>
    public async Task SignInOrFailAsync(string userName)
    {
        var result = await SignInAsync(userName);
        result.Status.Should().Be(HttpStatusCode.Redirect, $"{userName} should be able to sign in");
    }

    private static List<KeyValuePair<string, string>> FormValues(IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.HasAttribute("checked")) values.Add(new(name, input.GetAttribute("value") ?? "on"));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.TextContent));
                    break;
                case IHtmlSelectElement select:
                    var option = select.QuerySelector("option[selected]") ?? select.QuerySelector("option");
                    if (option is not null) values.Add(new(name, option.GetAttribute("value") ?? option.TextContent));
                    break;
            }
        }
        return values;
    }

    private static async Task<HtmlPage> ReadAsync(string url, HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is { } l
            ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString)
            : null;
        return new HtmlPage(url, response.StatusCode, location, html, Parser.ParseDocument(html));
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One response: status, redirect target and the parsed HTML.</summary>
public sealed record HtmlPage(string Url, HttpStatusCode Status, string? Location, string Html, IHtmlDocument Document)
{
    public bool IsRedirect => (int)Status is >= 300 and < 400 && Location is not null;

    /// <summary>The redirect target's path, without the query string.</summary>
    public string? LocationPath => Location?.Split('?')[0];

    public string Text => Document.Body?.TextContent ?? "";

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IElement Get(string selector) =>
        Document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No '{selector}' on {Url} ({(int)Status}).");

    /// <summary>The form Blazor rendered with this name: the one whose hidden _handler input carries it.</summary>
    public IElement Form(string formName) =>
        Document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == formName)
        ?? throw new Xunit.Sdk.XunitException(
            $"No form named '{formName}' on {Url}; forms: {string.Join(", ", Document.QuerySelectorAll("input[name=_handler]").Select(h => h.GetAttribute("value")))}.");

    /// <summary>A plain (non-Blazor) form, found by where it posts.</summary>
    public IElement FormPostingTo(string action) =>
        Document.QuerySelector($"form[action='{action}']") ?? throw new Xunit.Sdk.XunitException($"No form posting to '{action}' on {Url}.");

    public bool HasForm(string formName) =>
        Document.QuerySelectorAll("input[name=_handler]").Any(h => h.GetAttribute("value") == formName);

    public string? AntiforgeryToken =>
        Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
}
