using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The payment list of an approved run: the xlsx downloaded in Chromium and read back (header block, number cells, a
/// total that is the sum of the lines and the run's total in the database, signature lines), the CSV for Indonesian
/// Excel (separator, quoting, byte-order mark), the API's choice by Accept or format, and a draft refused with 409.
/// </summary>
public sealed class PaymentListTests(PaymentListTests.App app) : IClassFixture<PaymentListTests.App>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The demo (its approved October run in Cirebon), two people whose names need quoting with their own approved run, and a draft.</summary>
    public sealed class App : PagesApp
    {
        public Guid OctoberRun { get; private set; }

        public Guid QuotedRun { get; private set; }

        public Guid DraftRun { get; private set; }

        protected override async Task SeedAsync()
        {
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Repository.Root, "db", "seed"), Clock, CancellationToken.None));
            OctoberRun = await QuerySingleAsync<Guid>(
                "select id from premi_run where facility_code = 'lapas-cirebon' and status = 'approved' and period_from = '2025-10-01' and period_to = '2025-10-31'");
            var quoted = await RegisterInmateAsync("lapas-cirebon", "CRB-0901", fullName: "Asep \"Ucok\" Saepudin");
            var semicolon = await RegisterInmateAsync("lapas-cirebon", "CRB-0902", fullName: "Dedi; Kurniawan");
            QuotedRun = await this.CreditAsync([quoted, semicolon], 10, date: "2025-11-03");
            var order = await this.CreateOrderAsync("2025-11-04", "2025-11-04", quantity: 10);
            await this.PostRecordsAsync(order, [Row(quoted, "2025-11-04", 4)]);
            DraftRun = (await this.DraftAsync(await this.PieceRateSchemeAsync(), order)).GetProperty("id").GetGuid();
        }
    }

    [Fact]
    public async Task The_xlsx_downloaded_in_the_browser_has_the_header_block_number_cells_a_total_and_the_signature_lines()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", "/premi/rekening");
        var download = await page.RunAndWaitForDownloadAsync(() => ClickLinkAsync(page, $"/premi/perhitungan/{app.OctoberRun}/daftar-pembayaran.xlsx"));

        Assert.Equal("daftar-pembayaran-lapas-cirebon-2025-10.xlsx", download.SuggestedFilename);
        await using var file = new MemoryStream();
        await (await download.CreateReadStreamAsync()).CopyToAsync(file);
        file.Position = 0;
        var rows = file.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal("DAFTAR PEMBAYARAN PREMI WARGA BINAAN", rows[0]["A"]);
        Assert.Equal(("Lapas", "Lapas Kelas I Cirebon"), (rows[1]["A"], rows[1]["C"]));
        Assert.Equal(("Periode", "1 Oktober 2025 s.d. 31 Oktober 2025"), (rows[2]["A"], rows[2]["C"]));
        Assert.StartsWith("Premi bulanan", (string)rows[3]["C"]!, StringComparison.Ordinal);
        Assert.EndsWith(", versi 1", (string)rows[3]["C"]!, StringComparison.Ordinal);
        Assert.Equal(app.OctoberRun.ToString()[..8], rows[4]["C"]);

        var header = rows.FindIndex(r => Equals(r["A"], "No."));
        Assert.Equal(["No.", "No. Registrasi", "Nama", "Dasar", "Bruto (Rp)", "Dapat Dibelanjakan (Rp)", "Tabungan (Rp)", "Keterangan", "Tanda Tangan"],
            rows[header].Values.Select(v => (string?)v));
        var total = rows.FindIndex(r => Equals(r["B"], "TOTAL"));
        var lines = rows[(header + 1)..total];
        Assert.Equal(await app.QuerySingleAsync<long>("select count(*) from premi_run_line where run_id = @id", new { id = app.OctoberRun }), lines.Count);
        // Number cells come back as numbers, not as text.
        Assert.All(lines, line => Assert.All(new[] { "A", "E", "F", "G" }, column => Assert.IsType<double>(line[column])));
        var gross = lines.Sum(line => (long)(double)line["E"]!);
        Assert.Equal(gross, (long)(double)rows[total]["E"]!);
        Assert.Equal(await app.QuerySingleAsync<long>("select total from premi_run where id = @id", new { id = app.OctoberRun }), gross);
        Assert.Equal((long)(double)rows[total]["E"]!, (long)(double)rows[total]["F"]! + (long)(double)rows[total]["G"]!);

        var signatures = rows.FindIndex(r => Equals(r["C"], "Mengetahui, Kepala Lapas"));
        Assert.True(signatures > total);
        Assert.Equal("Bendahara", rows[signatures]["F"]);
        Assert.Equal("NIP.", rows[^1]["C"]);
    }

    [Fact]
    public async Task The_csv_for_Indonesian_Excel_is_semicolon_separated_with_a_bom_and_quotes_a_name_holding_a_semicolon_or_a_quote()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", "/premi/rekening");
        var download = await page.RunAndWaitForDownloadAsync(() => ClickLinkAsync(page, $"/premi/perhitungan/{app.QuotedRun}/daftar-pembayaran.csv"));

        Assert.Equal("daftar-pembayaran-lapas-cirebon-2025-11-03-2025-11-03.csv", download.SuggestedFilename);
        await using var file = new MemoryStream();
        await (await download.CreateReadStreamAsync()).CopyToAsync(file);
        var bytes = file.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal("No.;No. Registrasi;Nama;Dasar;Bruto (Rp);Dapat Dibelanjakan (Rp);Tabungan (Rp);Keterangan;Tanda Tangan", lines[0]);
        Assert.StartsWith("1;CRB-0901;\"Asep \"\"Ucok\"\" Saepudin\";", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2;CRB-0902;\"Dedi; Kurniawan\";", lines[2], StringComparison.Ordinal);
        Assert.All(lines[1..3], line => Assert.Contains(";50000;25000;25000;", line, StringComparison.Ordinal));
        Assert.StartsWith(";TOTAL;2 orang;;100000;50000;50000;", lines[3], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_answers_by_accept_or_format_and_refuses_a_draft_with_409()
    {
        var finance = app.Finance();
        async Task<HttpResponseMessage> GetAsync(string query, string? accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/premi-runs/{app.QuotedRun}/payment-list{query}");
            if (accept is not null)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }
            return await finance.SendAsync(request);
        }

        var csv = await GetAsync("", "text/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("No.;No. Registrasi;", Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]), StringComparison.Ordinal);

        foreach (var (query, accept, expected) in new[] { ("", Xlsx, Xlsx), ("", null, Xlsx), ("?format=csv", Xlsx, "text/csv"), ("?format=xlsx", "text/csv", Xlsx) })
        {
            var response = await GetAsync(query, accept);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        }
        var xlsx = await GetAsync("", Xlsx);
        Assert.Equal("daftar-pembayaran-lapas-cirebon-2025-11-03-2025-11-03.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(new byte[] { 0x50, 0x4B }, (await xlsx.Content.ReadAsByteArrayAsync())[..2]);

        var pdf = await (await GetAsync("?format=pdf", null)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("xlsx", pdf.GetProperty("errors").GetProperty("format")[0].GetString(), StringComparison.Ordinal);

        var draft = await finance.GetAsync($"/api/v1/premi-runs/{app.DraftRun}/payment-list");
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Equal("application/problem+json", draft.Content.Headers.ContentType?.MediaType);
        Assert.Contains("draft", await draft.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_drafts_page_download_is_refused_with_why_and_another_lapas_does_not_find_the_run()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", "/premi/rekening");
        var draft = await page.APIRequest.GetAsync($"/premi/perhitungan/{app.DraftRun}/daftar-pembayaran.xlsx");
        Assert.Equal(409, draft.Status);
        Assert.Contains("masih draf", await draft.TextAsync(), StringComparison.Ordinal);

        var (elsewhere, _) = await app.SignInAsync("bimker-gintung", "/");
        Assert.Equal(404, (await elsewhere.APIRequest.GetAsync($"/premi/perhitungan/{app.OctoberRun}/daftar-pembayaran.csv")).Status);
    }

    /// <summary>Follows a download link as the officer clicks it (the run page, helper A's, carries these links).</summary>
    private static async Task ClickLinkAsync(IPage page, string href) =>
        await page.EvaluateAsync("""
            href => {
              const link = document.createElement('a');
              link.href = href;
              link.textContent = 'unduh';
              document.body.appendChild(link);
              link.click();
            }
            """, href);
}
