using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// Work records by file on the order's page, in Chromium: a file with mistakes is previewed with each problem at its
/// line and column and nothing written; the corrected file is previewed with each person's totals, then saved at once.
/// </summary>
public sealed class WorkImportPageTests(WorkImportPageTests.App app) : IClassFixture<WorkImportPageTests.App>
{
    public sealed class App : PagesApp
    {
        public Guid OrderId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await RegisterInmateAsync("lapas-cirebon", "CRB-0501", fullName: "Asep Berkas");
            await RegisterInmateAsync("lapas-cirebon", "CRB-0502", fullName: "Ujang Berkas");
            OrderId = await this.CreateOrderAsync(startsOn: "2025-11-01", endsOn: "2025-11-30", quantity: 500);
        }
    }

    private const string Header = "No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC\n";

    private static FilePayload Csv(string body) =>
        new() { Name = "kerja.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + body) };

    private Task<long> RecordsAsync() => app.QuerySingleAsync<long>("select count(*) from work_record where work_order_id = @id", new { id = app.OrderId });

    [Fact]
    public async Task A_file_with_mistakes_is_shown_line_by_line_then_the_corrected_file_is_saved()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", $"/pekerjaan/{app.OrderId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Impor catatan kerja dari berkas" }).ClickAsync();
        await page.WaitForURLAsync($"**/pekerjaan/{app.OrderId}/impor");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Impor catatan kerja");

        // Line 3 names no one here; line 4 passes more units than it produced.
        await page.GetByLabel("Berkas (CSV atau xlsx").SetInputFilesAsync(Csv("CRB-0501;17/11/2025;420;10;9\nCRB-9999;17/11/2025;420;10;9\nCRB-0502;17/11/2025;420;5;6\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa dan tampilkan pratinjau" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tidak ada yang disimpan");
        var problemRows = page.Locator("table.grid").First.Locator("tbody tr");
        await Expect(problemRows).ToHaveCountAsync(2);
        await Expect(problemRows.Nth(0)).ToContainTextAsync("Baris 3, kolom No. Registrasi: CRB-9999");
        await Expect(problemRows.Nth(1)).ToContainTextAsync("Baris 4, kolom Unit Lolos QC");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Simpan ") })).ToHaveCountAsync(0);
        Assert.Equal(0, await RecordsAsync());

        await page.GetByLabel("Berkas (CSV atau xlsx").SetInputFilesAsync(Csv("CRB-0501;17/11/2025;420;10;9\nCRB-0501;18/11/2025;300;8;8\nCRB-0502;17/11/2025;420;5;5\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Periksa dan tampilkan pratinjau" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tidak ada masalah");
        var people = page.Locator("table.grid tbody tr");
        await Expect(people).ToHaveCountAsync(2);
        await Expect(people.Nth(0)).ToContainTextAsync("CRB-0501");
        await Expect(people.Nth(0)).ToContainTextAsync("720");
        Assert.Equal(0, await RecordsAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan 3 catatan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 catatan kerja dari kerja.csv disimpan.");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Simpan ") })).ToHaveCountAsync(0);
        Assert.Equal(3, await RecordsAsync());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(distinct batch_id) from work_record where work_order_id = @id", new { id = app.OrderId }));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_finance_officer_may_not_import_work()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon");
        var response = await page.GotoAsync($"/pekerjaan/{app.OrderId}/impor");
        Assert.Equal(403, response!.Status);
    }
}
