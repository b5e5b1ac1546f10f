using Aktivitetsplikt.Web.Tests.Http;

namespace Aktivitetsplikt.Web.Tests.Features.Documents;

/// <summary>Posts a Documents form as the case page renders it: with the page's antiforgery token.</summary>
public static class DocumentForms
{
    public static async Task<HttpResponseMessage> PostDocumentAsync(HttpClient client, Guid caseId, string kind, Dictionary<string, string>? fields = null, bool withToken = true)
    {
        var page = await client.GetStringAsync($"/saker/{caseId}");
        var form = new Dictionary<string, string>(fields ?? new());
        if (withToken) form["__RequestVerificationToken"] = AppFactory.Field(page, "__RequestVerificationToken");
        return await client.PostAsync($"/saker/{caseId}/dokumenter/{kind}", new FormUrlEncodedContent(form));
    }
}
