using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests.Infrastructure;

public static class HttpAssertions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(LedgerApp.Json);

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A 400 problem-details answer whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ExpectFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"errors should name '{field}': {errors}");
        Assert.True(reasons.GetArrayLength() > 0);
        return body;
    }
}
