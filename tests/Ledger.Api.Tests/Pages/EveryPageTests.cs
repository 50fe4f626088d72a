using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// Every page of <see cref="EveryPage"/>: axe-core finds no serious or critical violation, the browser reports no
/// problem (a Content-Security-Policy violation is a console error), and the answer carries the pages' headers.
/// </summary>
public sealed class EveryPageTests(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Theory]
    [MemberData(nameof(EveryPage.Cases), MemberType = typeof(EveryPage))]
    public async Task Has_no_serious_accessibility_violation_no_browser_problem_and_the_pages_headers(PageAddress address)
    {
        var (page, problems, response) = await app.OpenAsync(address);

        var headers = await response.AllHeadersAsync();
        Assert.Equal(Ledger.Api.Web.SecurityHeaders.PagePolicy, headers["content-security-policy"]);
        Assert.Contains("script-src 'self';", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        Assert.Equal("no-store", headers["cache-control"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{address.Path}: axe found\n" + string.Join("\n", serious.Select(Describe)));
        // A 404 or 403 page is reported by the browser as a failed load of itself; nothing else may fail.
        Assert.DoesNotContain(problems, p => address.Status == 200 || !p.StartsWith($"Failed to load resource: the server responded with a status of {address.Status}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_script_and_stylesheet_stay_cacheable()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var asset in new[] { "/_framework/blazor.web.js", "/_content/Ledger.Web/site.css" })
        {
            using var response = await client.GetAsync(asset);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.CacheControl?.NoStore ?? false, asset);
            Assert.False(response.Headers.Contains("Content-Security-Policy"), asset);
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"  {violation.Impact} {violation.Id}: {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Select(n => $"    at {n.Target}: {n.Html}"));
}
