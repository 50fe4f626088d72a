using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Skills;
using Ledger.Web.ReadinessPages;
using Microsoft.Playwright;
using NodaTime;
using UglyToad.PdfPig;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The release file printed from the readiness page: a numbered letter per printing (per Lapas and year), signed by
/// the officer of the profile and acknowledged by the head of the Lapas, at most two A4 pages with the running header
/// and "halaman X dari Y" on each, checked in the PDF Chromium prints.
/// </summary>
public sealed class ReleaseFilePrintTests(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Fact]
    public async Task The_wali_prints_a_numbered_signed_release_file_of_at_most_two_pages_with_page_numbers_on_each()
    {
        var (page, problems) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{app.Person}/kesiapan");
        var first = await PrintAsync(page);
        var second = await PrintAsync(page);

        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("Nomor: W11.PAS.PAS.3-PK.01.05.xx-" + (first.Number + 1) + "/2025", text, StringComparison.Ordinal);
        Assert.Equal(first.Number + 1, second.Number);
        Assert.Contains("Rina Marlina, S.Sos.", text, StringComparison.Ordinal);
        Assert.Contains("NIP 198604122010122003", text, StringComparison.Ordinal);
        Assert.Contains("Mengetahui,", text, StringComparison.Ordinal);
        Assert.Contains("Kepala Lapas Kelas I Cirebon", text, StringComparison.Ordinal);
        Assert.Contains("Drs. Hendrik Saputra, M.Si.", text, StringComparison.Ordinal);
        Assert.Contains("NIP 197503081998031002", text, StringComparison.Ordinal);
        // The file is a document of its own, without the pages' empty favicon: Chromium's request for /favicon.ico may
        // answer 404. Nothing else may fail (the PDF's page numbers below come from the file's second stylesheet).
        Assert.DoesNotContain(problems, p => !p.StartsWith("Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal));

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 1, 2);
        foreach (var printed in document.GetPages())
        {
            var words = string.Join(" ", printed.GetWords().Select(w => w.Text));
            Assert.Contains($"halaman {printed.Number} dari {document.NumberOfPages}", words, StringComparison.Ordinal);
            Assert.Contains("Irfan Wijaya · No. registrasi CRB-0002", words, StringComparison.Ordinal);
        }

        // A reprint of the same letter shows the same number and takes none.
        await page.ReloadAsync();
        Assert.Contains("xx-" + second.Number + "/2025", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(second.Number, await app.QuerySingleAsync<int>("select last_number from release_letter_sequence where facility_code = 'lapas-cirebon' and year = 2025"));
    }

    [Fact]
    public async Task The_running_number_starts_again_at_one_in_a_new_year()
    {
        var (page, _) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{app.Person}/kesiapan");
        await PrintAsync(page);
        var before = app.Clock.GetCurrentInstant();
        app.Clock.Reset(Instant.FromUtc(2026, 1, 2, 3, 0));
        try
        {
            await page.GotoAsync($"/warga-binaan/{app.Person}/kesiapan");
            var letter = await PrintAsync(page);
            Assert.Equal((1, 2026), (letter.Number, letter.Year));
            Assert.Contains("Nomor: W11.PAS.PAS.3-PK.01.05.xx-1/2026", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Reset(before);
        }
    }

    [Fact]
    public async Task A_person_of_another_Lapas_or_another_persons_letter_is_not_found()
    {
        var (gintung, _) = await app.SignInAsync("bimker-gintung");
        Assert.Equal(404, (await gintung.GotoAsync($"/warga-binaan/{app.Person}/berkas-pembebasan"))!.Status);
        Assert.DoesNotContain("Irfan", await gintung.ContentAsync(), StringComparison.Ordinal);

        var (wali, _) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{app.Person}/kesiapan");
        var letter = await PrintAsync(wali);
        var other = await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0001'");
        Assert.Equal(404, (await wali.GotoAsync($"/warga-binaan/{other}/berkas-pembebasan?surat={letter.Id}"))!.Status);
    }

    [Fact]
    public void The_chart_shows_every_month_of_a_long_span_and_its_labels_never_overlap()
    {
        // Ten years with training only in the first and the last month: 120 bars, the 118 between at zero.
        var bars = ReleaseFilePage.ChartBars([new MonthlyMinutes(2016, 1, 600), new MonthlyMinutes(2025, 12, 1200)]);

        Assert.Equal(120, bars.Count);
        Assert.Equal(118, bars.Count(b => b.Height == 0));
        var labels = bars.Where(b => b.Month is not null).Select(b => b.Middle).ToList();
        Assert.True(labels.Count > 1);
        Assert.All(labels.Zip(labels.Skip(1)), pair => Assert.True(pair.Second - pair.First >= ReleaseFilePage.LabelWidth, $"labels at {pair.First} and {pair.Second} overlap"));
        Assert.All(bars, b => Assert.InRange(b.X + b.Width, 0, 300));
    }

    /// <summary>docs/release-file.png (the README shows it) and docs/screens/berkas-pembebasan.png, with scripts/screens.sh only.</summary>
    [Fact]
    [Trait("Category", "Screens")]
    public async Task The_printed_release_file_is_saved_as_a_screenshot()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_SCREENS") != "1")
        {
            return; // a plain `dotnet test` of the project must not rewrite the pictures
        }
        var (page, _) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{app.Person}/kesiapan");
        await PrintAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Root, "docs", "release-file.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Root, "docs", "screens", "berkas-pembebasan.png") });
    }

    /// <summary>Clicks "Cetak" on the readiness page (or goes back to it first) and returns the letter it recorded.</summary>
    private async Task<(Guid Id, int Number, int Year)> PrintAsync(IPage page)
    {
        if (!page.Url.Contains("/kesiapan", StringComparison.Ordinal))
        {
            await page.GotoAsync($"/warga-binaan/{app.Person}/kesiapan");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Cetak berkas pembebasan" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/berkas-pembebasan?surat=", StringComparison.Ordinal));
        var id = Guid.Parse(page.Url.Split("surat=")[1]);
        var (number, year) = await app.QuerySingleAsync<(int, int)>("select number, year from release_letter where id = @id and inmate_id = @person", new { id, person = app.Person });
        return (id, number, year);
    }
}
