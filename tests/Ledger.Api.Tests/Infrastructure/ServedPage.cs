using Microsoft.Playwright;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// Opens an HTML answer of the API in Chromium as if the API had served it at http://ledger.invalid/: the page
/// itself with its Content-Security-Policy header, and every other load (the stylesheet) answered by the test
/// server, so the browser sees the same origin, headers and assets as it would from the running API.
/// </summary>
public static class ServedPage
{
    public static async Task<(IPage Page, List<string> Problems)> OpenAsync(IBrowser browser, HttpClient server, string html, string? policy)
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.RouteAsync("**/*", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path == "/release-file")
            {
                var headers = policy is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Security-Policy"] = policy };
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Headers = headers, Body = html });
                return;
            }
            using var response = await server.GetAsync(path);
            await route.FulfillAsync(new()
            {
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                BodyBytes = await response.Content.ReadAsByteArrayAsync(),
            });
        });
        await page.GotoAsync("http://ledger.invalid/release-file");
        return (page, problems);
    }
}
