using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The Kanwil dashboard over the demo data: the October 2025 coir-net story per Lapas in the table, the charts and the
/// xlsx; a Lapas opens its programme report; a Lapas officer is refused; a Lapas of another region never appears.
/// </summary>
public sealed class DashboardTests(DashboardTests.App app) : IClassFixture<DashboardTests.App>
{
    private const string Cirebon = "Lapas Kelas I Cirebon";

    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Repository.Root, "db", "seed"), Clock, CancellationToken.None));
            // A Lapas of another region with 777 nets passed in the same weeks: no Jawa Barat reader may ever see it.
            Assert.Equal(1, await QuerySingleAsync<int>("""
                insert into facility (code, name, region, time_zone, created_at) values ('lapas-serang', 'Lapas Kelas IIA Serang', 'banten', 'Asia/Jakarta', now());
                insert into inmate (id, facility_code, registration_number, full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
                values ('00000000-0000-0000-0000-00000000a001', 'lapas-serang', 'SRG-0001', 'Ujang Serang', date '1990-01-01', date '2024-01-01', 3, 0, 0, 'fixed', now());
                insert into inmate_placement (inmate_id, facility_code, started_on) values ('00000000-0000-0000-0000-00000000a001', 'lapas-serang', date '2024-01-01');
                insert into programme (id, facility_code, code, name, kind, partner, required_minutes, certification_scheme, starts_on, retired_on, created_by, created_at)
                values (gen_random_uuid(), 'lapas-serang', 'jaring', 'Produksi jaring', 'production', 'CV Serang', null, null, date '2025-01-01', null, 'seed', now());
                insert into work_order (id, facility_code, programme_code, description, partner, buyer, quantity, unit_name, unit_price, starts_on, ends_on, created_by, created_at)
                values ('00000000-0000-0000-0000-00000000b001', 'lapas-serang', 'jaring', 'Jaring Serang', 'CV Serang', null, 1000, 'jaring', null, date '2025-10-01', date '2025-10-10', 'seed', now());
                insert into work_record (id, work_order_id, inmate_id, worked_on, minutes, units_produced, units_passed, batch_id, recorded_by, recorded_at)
                values (gen_random_uuid(), '00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000a001', date '2025-10-01', 420, 777, 777, gen_random_uuid(), 'seed', now());
                select count(*)::int from facility where region = 'banten';
                """));
        }
    }

    private async Task<IPage> OpenStoryAsync()
    {
        var (page, _) = await app.SignInAsync("kanwil-jabar");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dasbor Kanwil" }).ClickAsync();
        await page.WaitForURLAsync("**/kanwil");
        await page.GetByLabel("Dari tanggal").FillAsync("2025-09-29");
        await page.GetByLabel("Sampai tanggal").FillAsync("2025-10-16");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await page.WaitForURLAsync("**/kanwil?dari=2025-09-29&sampai=2025-10-16");
        return page;
    }

    [Fact]
    public async Task The_Kanwil_sees_the_coir_net_story_per_Lapas_in_the_table_the_charts_and_the_xlsx_and_opens_Cirebons_report()
    {
        var page = await OpenStoryAsync();
        Assert.Contains("Periode 29 September 2025 – 16 Oktober 2025", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        var cirebon = page.Locator("table.dashboard tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Cirebon }) });
        var cells = await cirebon.Locator("td").AllInnerTextsAsync();
        Assert.Equal("40", cells[0]);
        Assert.Equal("5.400", cells[4]);
        // The same figures as the ledger itself holds for those weeks.
        Assert.Equal((40L, 5400L), await app.QuerySingleAsync<(long, long)>("""
            select count(distinct r.inmate_id), sum(r.units_passed) from work_record r join work_order o on o.id = r.work_order_id
            where o.facility_code = 'lapas-cirebon' and r.worked_on between '2025-09-29' and '2025-10-16'
            """));

        // One bar per Lapas of the region in every chart, named for screen readers.
        Assert.Equal(6, await page.Locator("figure.bar-chart svg[role=img]").CountAsync());
        var passed = page.Locator("svg[data-measure=grafik-UnitsPassed]");
        Assert.Equal(8, await passed.Locator("rect.bar").CountAsync());
        Assert.Contains("Unit lolos QC", await passed.GetAttributeAsync("aria-labelledby") is { } id ? await page.Locator($"[id='{id}']").TextContentAsync() : "", StringComparison.Ordinal);
        Assert.Equal($"{Cirebon}: 5.400", await passed.Locator("rect.bar title", new() { HasText = Cirebon }).TextContentAsync());
        Assert.DoesNotContain("Serang", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Unduh xlsx" }).ClickAsync());
        Assert.Equal("dasbor-jawa-barat-2025-09-29-2025-10-16.xlsx", download.SuggestedFilename);
        var rows = MiniExcel.Query(await download.PathAsync(), useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => Equals(r["A"], Cirebon));
        Assert.Equal(40d, Convert.ToDouble(row["B"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5400d, Convert.ToDouble(row["F"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(8, rows.Count(r => r["A"] is string name && name.StartsWith("Lapas ", StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r["A"] is string name && name.Contains("Serang", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Link, new() { Name = Cirebon }).ClickAsync();
        await page.WaitForURLAsync("**/laporan/program?lapas=lapas-cirebon&dari=2025-09-29&sampai=2025-10-16");
        // Enhanced navigation changes the address before the new page is in place: wait for its heading.
        await page.Locator("h1", new() { HasText = "Laporan program" }).WaitForAsync();
        Assert.Equal($"Laporan program {Cirebon}", await page.Locator("h1").InnerTextAsync());
        var coir = await page.Locator("tr", new() { HasText = "sabut-kelapa" }).Locator("td").AllInnerTextsAsync();
        Assert.Equal("40", coir[1]);
        Assert.Equal("5.400", coir[7]);
    }

    [Fact]
    public async Task The_API_answers_the_same_dashboard_and_the_page_opens_on_the_story_by_default()
    {
        var kanwil = app.Client("kanwil", facility: null, region: "jawa-barat");
        var body = await kanwil.GetStringAsync("/api/v1/regions/jawa-barat/reports/dashboard?from=2025-09-29&to=2025-10-16");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var lines = json.RootElement.GetProperty("lapas").EnumerateArray().ToList();
        Assert.Equal(8, lines.Count);
        var cirebon = lines.Single(l => l.GetProperty("facility").GetString() == "lapas-cirebon");
        Assert.Equal(40, cirebon.GetProperty("participants").GetInt32());
        Assert.Equal(5400, cirebon.GetProperty("unitsPassed").GetInt64());
        // Ciamis: 8 workers, 9 working days of its order up to 16 October, 5 nets passed each.
        Assert.Equal(5400 + 8 * 9 * 5, json.RootElement.GetProperty("total").GetProperty("unitsPassed").GetInt64());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.Client("bimker").GetAsync("/api/v1/regions/jawa-barat/reports/dashboard")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await kanwil.GetAsync("/api/v1/regions/banten/reports/dashboard")).StatusCode);

        var (page, _) = await app.SignInAsync("admin-jabar", "/kanwil");
        Assert.Equal("2025-09-29", await page.GetByLabel("Dari tanggal").InputValueAsync());
        Assert.Equal("2025-10-16", await page.GetByLabel("Sampai tanggal").InputValueAsync());
    }

    [Fact]
    public async Task A_Lapas_officer_is_refused_the_dashboard_and_does_not_see_it_in_the_menu()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Dasbor Kanwil" }).CountAsync());
        var response = await page.GotoAsync("/kanwil?dari=2025-09-29&sampai=2025-10-16");
        Assert.Equal(403, response!.Status);
        Assert.DoesNotContain("5.400", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/kanwil/dasbor.xlsx?from=2025-09-29&to=2025-10-16")).Status);
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_refused_at_its_field()
    {
        var (page, _) = await app.SignInAsync("kanwil-jabar", "/kanwil?dari=2025-10-16&sampai=2025-09-29");
        Assert.Contains("tidak boleh setelah 29 September 2025", await page.Locator(".field-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("table.dashboard").CountAsync());
    }
}
