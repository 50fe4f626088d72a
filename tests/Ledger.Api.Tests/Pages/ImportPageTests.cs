using System.Net.Http.Json;
using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The import page in Chromium: a file with three mistakes is previewed with each problem at its line and column in
/// Indonesian and nothing written; the corrected file is previewed clean and imported all at once.
/// </summary>
public sealed class ImportPageTests(ImportPageTests.App app) : IClassFixture<ImportPageTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            var bimker = Client("bimker");
            (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "sabut-kelapa", name = "Kerajinan sabut kelapa", kind = "both" }, Json))
                .EnsureSuccessStatusCode();
            for (var i = 1; i <= 3; i++)
            {
                await RegisterInmateAsync("lapas-cirebon", $"CRB-03{i:00}", fullName: $"Warga Impor {i:00}");
            }
        }
    }

    private const string Header = "No Registrasi;Kode Program;Tanggal;Menit\n";

    private static FilePayload Csv(string body) =>
        new() { Name = "hadir.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + body) };

    [Fact]
    public async Task A_file_with_three_mistakes_is_shown_line_by_line_then_the_corrected_file_is_imported()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", "/impor");
        Assert.Equal("Impor Pelatihan", await page.Locator("h1").InnerTextAsync());

        // Line 2 is right; line 3 names no one; line 4 is a day that does not exist; line 5 has no whole minutes.
        await page.GetByLabel("Berkas (CSV atau xlsx").SetInputFilesAsync(Csv(
            "CRB-0301;sabut-kelapa;10/11/2025;90\nCRB-9999;sabut-kelapa;10/11/2025;90\nCRB-0302;sabut-kelapa;31/11/2025;90\nCRB-0303;sabut-kelapa;10/11/2025;1,5\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa dan tampilkan pratinjau" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tidak ada yang disimpan");
        var problemRows = page.Locator("table.grid").First.Locator("tbody tr");
        await Expect(problemRows).ToHaveCountAsync(3);
        await Expect(problemRows.Nth(1)).ToContainTextAsync("Baris 4, kolom Tanggal: 31/11/2025 bukan tanggal yang ada");
        Assert.Contains("Baris 3", await problemRows.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Baris 5, kolom Menit", await problemRows.Nth(2).InnerTextAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Impor ") })).ToHaveCountAsync(0);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from training_entry"));

        await page.GetByLabel("Berkas (CSV atau xlsx").SetInputFilesAsync(Csv(
            "CRB-0301;sabut-kelapa;10/11/2025;90\nCRB-0302;sabut-kelapa;2025-11-10;90\nCRB-0303;sabut-kelapa;10/11/2025;45\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa dan tampilkan pratinjau" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tidak ada masalah");
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from training_entry"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Impor 3 baris" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 entri pelatihan diimpor dari hadir.csv");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Impor ") })).ToHaveCountAsync(0);
        Assert.Equal(225, await app.QuerySingleAsync<long>("select sum(minutes) from training_entry"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_template_downloads_in_the_pages_language()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/impor");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV (Excel Indonesia, titik koma)" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.StartsWith("No Registrasi;Kode Program;Tanggal;Menit", File.ReadAllText(path!).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finance_officer_may_not_import()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon");
        var response = await page.GotoAsync("/impor");
        Assert.Equal(403, response!.Status);
    }
}
