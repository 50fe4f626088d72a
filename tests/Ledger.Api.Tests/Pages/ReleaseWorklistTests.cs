using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The reintegration officer's worklist in Chromium over the demo data: the overdue apart, the filters, an usulan
/// recorded step by step (a wrong step refused at its field), the xlsx with the page's rows, and a Bimker officer
/// who may read but not record.
/// </summary>
public sealed class ReleaseWorklistTests(ReleaseWorklistTests.App app) : IClassFixture<ReleaseWorklistTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync() =>
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Repository.Root, "db", "seed"), Clock, CancellationToken.None));
    }

    private static ILocator Rows(IPage page, string section) => page.Locator($"section.{section} tbody tr");

    [Fact]
    public async Task An_overdue_person_is_proposed_until_the_decree_and_the_worklist_then_says_SK_terbit()
    {
        var (page, problems) = await app.SignInAsync("wali-cirebon", "/pembebasan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Terlambat: sudah tercapai, belum ditindaklanjuti" })).ToBeVisibleAsync();
        var overdue = Rows(page, "overdue");
        Assert.True(await overdue.CountAsync() > 0);
        var first = overdue.First;
        var number = await first.GetAttributeAsync("data-registration");
        await Expect(first.Locator("td.overdue-days")).ToContainTextAsync("hari");
        await Expect(first).ToContainTextAsync("memenuhi syarat, belum diusulkan");
        await Expect(Rows(page, "upcoming").Locator($"[data-registration='{number}']")).ToHaveCountAsync(0);
        var name = (await first.Locator("th").InnerTextAsync()).Trim();
        var person = await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = @number", new { number });
        var right = (await first.Locator("td").Nth(1).InnerTextAsync()).Split('\n')[0].Trim();
        var wire = right switch
        {
            "Pembebasan bersyarat (PB)" => "pembebasan-bersyarat",
            "Cuti bersyarat (CB)" => "cuti-bersyarat",
            _ => "cuti-menjelang-bebas",
        };

        // Filters: the right keeps only people with that event; the gap only people with that gap.
        await page.GetByLabel("Hak", new() { Exact = true }).SelectOptionAsync(wire);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"hak={wire}"));
        foreach (var row in await page.Locator("section.worklist tbody tr").AllAsync())
        {
            await Expect(row).ToContainTextAsync(right);
        }
        await page.GetByLabel("Kekurangan").SelectOptionAsync("tabungan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        foreach (var row in await page.Locator("section.worklist tbody tr").AllAsync())
        {
            await Expect(row).ToContainTextAsync("tabungan ongkos pulang");
        }

        // The usulan: drafted; a decree before it was sent is refused at the field with nothing written; sent; decree.
        await page.GotoAsync("/pembebasan");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Usulan {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number!);
        await Record(page, wire, "diusulkan (draf)", "2025-11-03");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("diusulkan (draf)");
        await Record(page, wire, "SK terbit", "2025-11-10", decree: "PAS-1234.PK.05.09/2025");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("Langkah: usulan belum dikirim ke TPP");
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from usulan_event where inmate_id = @person", new { person }));
        await Record(page, wire, "dikirim ke TPP", "2025-11-05");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dikirim ke TPP");
        await Record(page, wire, "SK terbit", "2025-11-18", decree: "PAS-1234.PK.05.09/2025");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("SK terbit");
        Assert.Equal("decreed 2025-11-18 PAS-1234.PK.05.09/2025 1", await app.QuerySingleAsync<string>(
            "select state || ' ' || happened_on || ' ' || decree_number || ' ' || application from usulan_event where inmate_id = @person and seq = 3", new { person }));
        Assert.Equal(3, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'usulan.record'"));

        await page.GotoAsync("/pembebasan");
        var decided = page.Locator($"section.upcoming tr[data-registration='{number}']");
        await Expect(decided).ToContainTextAsync("SK terbit 18 November 2025, nomor PAS-1234.PK.05.09/2025");
        await Expect(Rows(page, "overdue").Locator($"[data-registration='{number}']")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_xlsx_holds_the_pages_rows_in_order()
    {
        var (page, _) = await app.SignInAsync("wali-cirebon", "/pembebasan?hari=120");
        var shown = new List<string>();
        foreach (var row in await page.Locator("section.worklist tbody tr").AllAsync())
        {
            shown.Add((await row.GetAttributeAsync("data-registration"))!);
        }
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh xlsx" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using var file = File.OpenRead((await download.PathAsync())!);
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(shown);
        Assert.Equal(shown, rows.Select(r => r["No. Registrasi"]?.ToString()));
        var overdue = await Rows(page, "overdue").CountAsync();
        Assert.All(rows.Take(overdue), r => Assert.Equal("Terlambat", r["Bagian"]));
        Assert.IsType<DateTime>(rows[0]["Tanggal"]);
    }

    [Fact]
    public async Task A_bimker_officer_reads_the_usulan_but_may_not_record_one()
    {
        var person = await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0001'");
        var (page, _) = await app.SignInAsync("bimker-cirebon", $"/warga-binaan/{person}/usulan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("CRB-0001");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Simpan langkah" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(403, response.Status);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from usulan_event where inmate_id = @person", new { person }));
    }

    private static async Task Record(IPage page, string right, string step, string on, string? decree = null)
    {
        await page.GetByLabel("Hak", new() { Exact = true }).SelectOptionAsync(right);
        await page.GetByLabel("Langkah", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = step });
        await page.GetByLabel("Tanggal", new() { Exact = true }).FillAsync(on);
        await page.GetByLabel("Nomor SK").FillAsync(decree ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan langkah" }).ClickAsync();
    }
}
