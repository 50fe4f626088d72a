using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ledger.Web.ReadinessPages;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Readiness;
using Ledger.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Snapshooter.Xunit;

namespace Ledger.Api.Tests.Readiness;

public sealed class ReleaseFileTests(ReadinessApp app) : IClassFixture<ReadinessApp>
{
    private async Task<string> ReleaseFileAsync(string role, Guid? id = null)
    {
        var response = await app.Client(role).GetAsync($"/api/v1/inmates/{id ?? app.PersonId}/release-file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_release_file_is_in_Bahasa_Indonesia_with_the_summarys_facts()
    {
        var html = await ReleaseFileAsync("reintegration");

        Assert.Contains("<html lang=\"id\">", html, StringComparison.Ordinal);
        Assert.Contains("Berkas Kesiapan Bebas", html, StringComparison.Ordinal);
        Assert.Contains("1 Desember 2026", html, StringComparison.Ordinal);
        Assert.Contains("31 Desember 2025", html, StringComparison.Ordinal);
        Assert.Contains("Rp337.500", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_release_file_stays_Indonesian_for_a_client_that_asks_for_English()
    {
        var client = app.Client("reintegration");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var html = await client.GetStringAsync($"/api/v1/inmates/{app.PersonId}/release-file");

        Assert.Contains("<html lang=\"id\">", html, StringComparison.Ordinal);
        Assert.Contains("Berkas Kesiapan Bebas", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_file_can_be_printed_in_English_from_the_same_catalogue()
    {
        var facility = await app.Services.GetRequiredService<FacilityStore>().GetAsync("lapas-cirebon", CancellationToken.None);
        var input = await app.Services.GetRequiredService<ReadinessStore>().LoadAsync(facility!, new InmateId(app.PersonId), CancellationToken.None);
        var today = new LocalDate(2025, 11, 20);

        // A request's scope, as the endpoint renders it (the component renderer has scoped services).
        using var scope = app.Services.CreateScope();
        var html = await ReleaseFilePage.RenderAsync(scope.ServiceProvider, ReleaseReadiness.Evaluate(input!, today), today, "tester", showDisciplineDetails: false, Language.English);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Release readiness file</h1>", html, StringComparison.Ordinal);
        Assert.Contains("As of 20 November 2025", html, StringComparison.Ordinal);
        Assert.Contains("Rp337.500", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Berkas Kesiapan Bebas", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_file_matches_its_reviewed_snapshot()
    {
        var html = await ReleaseFileAsync("reintegration");
        Snapshot.Match(Regex.Replace(html, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>").Split('\n'));
    }

    [Fact]
    public async Task Register_F_descriptions_are_shown_only_to_those_who_prepare_the_release()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-F", detentionDate: "2024-03-01", years: 3);
        await (await app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-10-01", description = "Menyimpan telepon genggam" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Contains("Menyimpan telepon genggam", await ReleaseFileAsync("reintegration", id), StringComparison.Ordinal);
        var forFinance = await ReleaseFileAsync("finance", id);
        Assert.DoesNotContain("Menyimpan telepon genggam", forFinance, StringComparison.Ordinal);
        Assert.Contains("tercatat 1 Oktober 2025", forFinance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_renders_the_release_file_without_console_errors_on_at_most_two_A4_pages()
    {
        var html = await ReleaseFileAsync("reintegration");
        using var playwright = await Playwright.CreateAsync();
        // Debian's Chromium (test.sh installs it), never a browser download; the flags keep it off the network.
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        // Loaded as served (the stylesheet from the test server), without the policy: TransportTests checks that.
        var (page, problems) = await ServedPage.OpenAsync(browser, app.CreateClient(), html, policy: null);
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });

        Assert.Empty(problems);
        var pages = Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
        Assert.InRange(pages, 1, 2);
        Assert.True(await page.Locator("svg rect").CountAsync() > 0, "the training chart has bars");
        Assert.Equal("Berkas Kesiapan Bebas", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("20px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).fontSize")); // styled
    }
}
