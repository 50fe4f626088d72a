using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The registry import page in Chromium: the admin downloads the workbook template, uploads a filled workbook, sees
/// the new and changed people in the preview (nothing written yet) and applies it; a file with an impossible date
/// shows the problem at its sheet, line and column and writes nothing; a Bimker officer is refused.
/// </summary>
public sealed class RegistryImportPageTests(RegistryImportPageTests.App app) : IClassFixture<RegistryImportPageTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await RegisterInmateAsync("lapas-cirebon", "CRB-0101", fullName: "Warga Lama");
        }
    }

    private static readonly string[] PeopleHeader =
        ["No. Registrasi", "Nama", "Tanggal Lahir", "Tanggal Penahanan", "Pidana Tahun", "Pidana Bulan", "Pidana Hari", "Jenis Pidana", "Tanggal Bebas"];

    private static readonly string[] RemisiHeader = ["No. Registrasi", "Jenis", "Tanggal SK", "Nomor SK", "Bulan", "Hari"];

    private static readonly string[] RegisterFHeader = ["No. Registrasi", "Tanggal", "Uraian"];

    /// <summary>
    /// A registry workbook as SDP's export would be, written by MiniExcel: the three sheets, each a header row and its
    /// rows (a DateTime becomes a date cell, a string is written as typed).
    /// </summary>
    private static FilePayload Workbook(object?[][] people, object?[][]? remisi = null, object?[][]? registerF = null)
    {
        static List<Dictionary<string, object?>> Sheet(string[] header, object?[][] rows) =>
            [.. new[] { header.Cast<object?>().ToArray() }.Concat(rows)
                .Select(row => row.Select((value, i) => (Column: ((char)('A' + i)).ToString(), value)).ToDictionary(c => c.Column, c => c.value))];

        using var file = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["Warga Binaan"] = Sheet(PeopleHeader, people),
            ["Remisi"] = Sheet(RemisiHeader, remisi ?? []),
            ["Register F"] = Sheet(RegisterFHeader, registerF ?? []),
        };
        file.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return new() { Name = "sdp-cirebon.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file.ToArray() };
    }

    private const string FileLabel = "Warga Binaan: buku kerja xlsx";

    private async Task<long> CountAsync(string sql) => await app.QuerySingleAsync<long>(sql);

    [Fact]
    public async Task The_admin_downloads_the_template_previews_a_filled_workbook_and_applies_it()
    {
        var (page, problems) = await app.SignInAsync("admin-jabar", "/warga-binaan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Impor dari SDP" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Impor Registrasi dari SDP");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "xlsx (tiga sheet)" }).ClickAsync());
        var sheetNames = MiniExcel.GetSheetNames((await download.PathAsync())!);
        Assert.Equal(3, sheetNames.Count);

        await page.GetByLabel(FileLabel).SetInputFilesAsync(Workbook(
            [
                ["CRB-0101", "Warga Lama Sekali", null, new DateTime(2024, 3, 1), 3, 0, 0, "sementara", null],
                ["CRB-0201", "Asep Sunandar", "12/05/1990", new DateTime(2025, 1, 15), 2, 6, 0, "sementara", null],
                ["CRB-0202", "Ujang Saepudin", null, "2025-02-03", 1, 0, 0, "sementara", null],
            ],
            remisi: [["CRB-0201", "umum", new DateTime(2025, 8, 17), "W11-PK.01.01.02-123", 1, 0]],
            registerF: [["CRB-0202", new DateTime(2025, 6, 2), "Terlambat apel pagi"]]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa", Exact = true }).ClickAsync();

        await Expect(page.Locator("p.summary")).ToHaveTextAsync("2 baru, 1 berubah, 0 tetap, 0 bebas, 0 tidak ada di berkas; remisi 1 baru, 0 sudah ada; register F 1 baru");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "CRB-0201 Asep Sunandar" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "CRB-0202 Ujang Saepudin" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nama: Warga Lama → Warga Lama Sekali")).ToBeVisibleAsync();
        Assert.Equal(0, await CountAsync("select count(*) from inmate where registration_number in ('CRB-0201', 'CRB-0202')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Terapkan" }).ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("Diterapkan");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Terapkan" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lihat daftar warga binaan" })).ToBeVisibleAsync();
        Assert.Equal(2, await CountAsync("select count(*) from inmate where facility_code = 'lapas-cirebon' and registration_number in ('CRB-0201', 'CRB-0202')"));
        Assert.Equal("Warga Lama Sekali", await app.QuerySingleAsync<string>("select full_name from inmate where registration_number = 'CRB-0101'"));
        Assert.Equal(1, await CountAsync("select count(*) from remission where decree_number = 'W11-PK.01.01.02-123'"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_file_with_an_impossible_date_shows_the_problem_where_it_is_and_writes_nothing()
    {
        var (page, _) = await app.SignInAsync("admin-jabar", "/impor/registrasi");
        await page.GetByLabel(FileLabel).SetInputFilesAsync(Workbook(
            [
                ["CRB-0301", "Dadang Hermawan", null, "2025-01-15", 2, 0, 0, "sementara", null],
                ["CRB-0302", "Cecep Gunawan", null, "31/11/2024", 2, 0, 0, "sementara", null],
            ]));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Perbaiki berkas lalu unggah lagi. Belum ada yang disimpan.");
        var problem = page.Locator("table.problems-table tbody tr");
        await Expect(problem).ToHaveCountAsync(1);
        var cells = await problem.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["Warga Binaan", "3", "Tanggal Penahanan", "31/11/2024"], cells.Take(4));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Terapkan" })).ToHaveCountAsync(0);
        Assert.Equal(0, await CountAsync("select count(*) from inmate where registration_number in ('CRB-0301', 'CRB-0302')"));
    }

    [Fact]
    public async Task A_bimker_officer_may_not_import_the_registry()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/warga-binaan");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Impor dari SDP" })).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/impor/registrasi");
        Assert.Equal(403, response!.Status);
    }
}
