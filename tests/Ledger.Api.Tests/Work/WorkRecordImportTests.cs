using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using MiniExcelLibs;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Work;

/// <summary>
/// Work records by file (CSV or xlsx) on a work order: every row checked by the JSON batch's rules, all or nothing,
/// a dry run that writes nothing, problems by line and column as the file writes them.
/// </summary>
public sealed class WorkRecordImportTests(WorkRecordImportTests.App app) : IClassFixture<WorkRecordImportTests.App>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Header = "No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC\n";

    public sealed class App : LedgerApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            for (var i = 1; i <= 6; i++)
            {
                await RegisterInmateAsync("lapas-cirebon", $"CRB-WI-{i}", fullName: $"Pekerja {i}");
            }
            await RegisterInmateAsync("lapas-cirebon", "CRB-WI-LATE", detentionDate: "2025-10-05", fullName: "Pekerja Baru");
            await RegisterInmateAsync("lapas-gintung", "GTG-WI-1", fullName: "Orang Gintung");
        }
    }

    private static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static ByteArrayContent Csv(string text) => Body(Encoding.UTF8.GetBytes(text), "text/csv");

    private async Task<HttpResponseMessage> ImportAsync(Guid order, HttpContent content, bool dryRun = false, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{order}/imports/records" + (dryRun ? "?dryRun=true" : "")) { Content = content };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return await app.Bimker().SendAsync(request);
    }

    /// <summary>An order's live records as "number day minutes produced/passed", in that order.</summary>
    private async Task<List<string>> RecordsOfAsync(Guid order) =>
        [.. await app.QuerySingleAsync<string[]>("""
            select coalesce(array_agg(i.registration_number || ' ' || r.worked_on::text || ' ' || r.minutes || ' ' || r.units_produced || '/' || r.units_passed
                                      order by i.registration_number, r.worked_on), '{}')
            from work_record r join inmate i on i.id = r.inmate_id where r.work_order_id = @order
            """, new { order })];

    private async Task<(long Records, long Audits)> CountsAsync() =>
        (await app.QuerySingleAsync<long>("select count(*) from work_record"), await app.QuerySingleAsync<long>("select count(*) from audit_log"));

    private static List<string> Keys(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()];

    [Fact]
    public async Task A_csv_is_imported_as_one_audited_batch_and_the_same_file_again_is_refused_for_the_daily_minutes()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var file = Header +
                   "crb-wi-1;01/10/2025;420;12;11\n" +
                   "CRB-WI-2;1/10/2025;400;10;10\n" +
                   "CRB-WI-1;2025-10-02;420;9;9\n";

        var imported = await (await ImportAsync(order, Csv(file))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, imported.GetProperty("rows").GetInt32());
        Assert.Equal(["CRB-WI-1 2025-10-01 420 12/11", "CRB-WI-1 2025-10-02 420 9/9", "CRB-WI-2 2025-10-01 400 10/10"], await RecordsOfAsync(order));
        var batch = imported.GetProperty("batchId").GetGuid();
        Assert.Equal(3, await app.QuerySingleAsync<long>("select count(*) from work_record where batch_id = @batch", new { batch }));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'work-record.import' and subject_id = @order", new { order = order.ToString() }));
        var people = imported.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(["CRB-WI-1", "CRB-WI-2"], people.Select(p => p.GetProperty("registrationNumber").GetString()));
        Assert.Equal(840, people[0].GetProperty("minutes").GetInt32());
        Assert.Equal(2, people[0].GetProperty("days").GetInt32());

        var before = await CountsAsync();
        var again = await (await ImportAsync(order, Csv(file))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 2: Menit", "line 3: Menit", "line 4: Menit"], Keys(again));
        Assert.Equal("CRB-WI-1 would have 840 minutes of work on 2025-10-01; at most 600 a day", again.GetProperty("errors").GetProperty("line 2: Menit")[0].GetString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_xlsx_with_date_cells_and_English_headers_is_imported()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["A"] = "registrationNumber", ["B"] = "date", ["C"] = "minutes", ["D"] = "unitsProduced", ["E"] = "unitsPassedQc" },
            new Dictionary<string, object?> { ["A"] = "CRB-WI-3", ["B"] = new DateTime(2025, 10, 6), ["C"] = 300, ["D"] = 7, ["E"] = 6 },
            new Dictionary<string, object?> { ["A"] = "CRB-WI-3", ["B"] = new DateTime(2025, 10, 7), ["C"] = 300d, ["D"] = "8", ["E"] = 8 },
        }, printHeader: false, excelType: ExcelType.XLSX);

        var imported = await (await ImportAsync(order, Body(workbook.ToArray(), Xlsx))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(2, imported.GetProperty("rows").GetInt32());
        Assert.Equal(["CRB-WI-3 2025-10-06 300 7/6", "CRB-WI-3 2025-10-07 300 8/8"], await RecordsOfAsync(order));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_written_and_writes_nothing()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var before = await CountsAsync();

        var report = await (await ImportAsync(order, Csv(Header + "CRB-WI-4;03/10/2025;420;5;5\nCRB-WI-5;03/10/2025;420;6;4\n"), dryRun: true)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, report.GetProperty("rows").GetInt32());
        Assert.Equal(2, report.GetProperty("rowsToWrite").GetInt32());
        Assert.Equal(0, report.GetProperty("problemCount").GetInt32());
        Assert.Equal([5L, 6L], report.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("unitsProduced").GetInt64()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("imported").ValueKind);
        Assert.Equal(before, await CountsAsync());
        Assert.Empty(await RecordsOfAsync(order));
    }

    [Fact]
    public async Task Every_bad_row_is_named_by_its_line_and_column_in_the_readers_language_and_nothing_is_written()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var file = "No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC;Catatan Mandor\n" +
                   "CRB-TIDAK-ADA;01/10/2025;60;1;1;\n" +
                   "GTG-WI-1;01/10/2025;60;1;1;\n" +
                   "CRB-WI-6;31/09/2025;60;1;1;\n" +
                   "CRB-WI-6;02/10/2025;700;1;1;\n" +
                   "CRB-WI-6;03/10/2025;60;3;4;\n" +
                   "CRB-WI-6;06/10/2025;60;1;1;\n" +
                   "CRB-WI-6;6/10/2025;60;1;1;\n" +
                   "CRB-WI-LATE;01/10/2025;60;1;1;\n" +
                   "CRB-WI-6;07/10/2025;60;1;1;\n";
        var before = await CountsAsync();

        var refused = await (await ImportAsync(order, Csv(file), language: "id")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 1: header", "line 2: No. Registrasi", "line 3: No. Registrasi", "line 4: Tanggal", "line 5: Menit", "line 6: Unit Lolos QC",
            "line 8: Tanggal", "line 9: No. Registrasi"], Keys(refused));
        var errors = refused.GetProperty("errors");
        Assert.Contains("Catatan Mandor", errors.GetProperty("line 1: header")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("tidak ada warga binaan dengan nomor registrasi CRB-TIDAK-ADA di lapas-cirebon", errors.GetProperty("line 2: No. Registrasi")[0].GetString());
        Assert.Equal("tidak ada warga binaan dengan nomor registrasi GTG-WI-1 di lapas-cirebon", errors.GetProperty("line 3: No. Registrasi")[0].GetString());
        Assert.Equal("bukan tanggal yang ada", errors.GetProperty("line 4: Tanggal")[0].GetString());
        Assert.Equal("mengulang baris 7 (orang dan hari yang sama)", errors.GetProperty("line 8: Tanggal")[0].GetString());
        Assert.Contains("CRB-WI-LATE", errors.GetProperty("line 9: No. Registrasi")[0].GetString(), StringComparison.Ordinal);
        var rows = refused.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("message").GetString()!.StartsWith("Baris 4, kolom Tanggal: 31/09/2025", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
        Assert.Empty(await RecordsOfAsync(order));
    }

    [Fact]
    public async Task Another_media_type_answers_415_and_a_closed_order_409()
    {
        var order = await app.CreateOrderAsync(quantity: 100);

        await (await ImportAsync(order, Body(Encoding.UTF8.GetBytes("{}"), "application/json"))).ExpectAsync(HttpStatusCode.UnsupportedMediaType);

        await (await app.Bimker().PostAsync($"/api/v1/work-orders/{order}/close", new StringContent("{}", Encoding.UTF8, "application/json"))).ExpectAsync(HttpStatusCode.Created);
        await (await ImportAsync(order, Csv(Header + "CRB-WI-4;08/10/2025;60;1;1\n"))).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("csv", "id", "No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC")]
    [InlineData("csv", "en", "registrationNumber;date;minutes;unitsProduced;unitsPassedQc")]
    public async Task The_template_has_the_columns_in_either_language(string format, string language, string header)
    {
        var response = await app.Bimker().GetAsync($"/api/v1/imports/work-records/template?format={format}&language={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(header, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').TrimEnd());
    }

    [Fact]
    public async Task The_xlsx_template_filled_in_is_imported()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var template = await (await app.Bimker().GetAsync("/api/v1/imports/work-records/template?format=xlsx")).Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(template).Query().Cast<IDictionary<string, object?>>().ToList();
        rows.Add(new Dictionary<string, object?> { ["A"] = "CRB-WI-4", ["B"] = new DateTime(2025, 10, 9), ["C"] = 120, ["D"] = 2, ["E"] = 2 });
        using var filled = new MemoryStream();
        filled.SaveAs(rows, printHeader: false, excelType: ExcelType.XLSX);

        await (await ImportAsync(order, Body(filled.ToArray(), Xlsx))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["CRB-WI-4 2025-10-09 120 2/2"], await RecordsOfAsync(order));
    }
}
