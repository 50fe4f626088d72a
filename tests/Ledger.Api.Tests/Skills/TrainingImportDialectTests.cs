using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using MiniExcelLibs;

namespace Ledger.Api.Tests.Skills;

/// <summary>
/// The import's dialects (the English template and the Indonesian one), xlsx workbooks, the dry run with its report
/// in the reader's language, and the downloadable template, against the real database.
/// </summary>
public sealed class TrainingImportDialectTests(TrainingImportDialectTests.App app) : IClassFixture<TrainingImportDialectTests.App>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed class App : SkillsApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            for (var i = 1; i <= 8; i++)
            {
                await RegisterInmateAsync("lapas-cirebon", $"CRB-DLK-{i:D2}", detentionDate: "2024-03-01");
            }
        }
    }

    private static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static ByteArrayContent Csv(string text) => Body(Encoding.UTF8.GetBytes(text), "text/csv");

    /// <summary>A workbook whose first sheet holds these rows (the first is the header), written by MiniExcel: a DateTime becomes a date cell.</summary>
    private static byte[] Workbook(params object?[][] rows)
    {
        using var file = new MemoryStream();
        var sheet = rows.Select(row => row.Select((value, i) => (Column: ((char)('A' + i)).ToString(), value)).ToDictionary(c => c.Column, c => c.value)).ToList();
        file.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return file.ToArray();
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpContent content, bool dryRun = false, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facilities/lapas-cirebon/imports/training" + (dryRun ? "?dryRun=true" : "")) { Content = content };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return await app.Client("bimker").SendAsync(request);
    }

    /// <summary>A person's entries as "day minutes", in day order.</summary>
    private async Task<List<string>> DaysOfAsync(string number) =>
        [.. await app.QuerySingleAsync<string[]>(
            "select coalesce(array_agg(e.day::text || ' ' || e.minutes order by e.day), '{}') from training_entry e join inmate i on i.id = e.inmate_id where i.registration_number = @number",
            new { number })];

    private async Task<(long Entries, long Audits, long Batches)> CountsAsync() =>
        (await app.CountAsync("training_entry"), await app.CountAsync("audit_log"), await app.CountAsync("training_batch"));

    [Theory]
    [InlineData("No Registrasi;Kode Program;Tanggal;Menit\n", ';')]
    [InlineData("No. Registrasi;kode program;TANGGAL ; menit;Catatan\n", ';')]
    [InlineData("no registrasi,Kode  Program,Tanggal,Menit\n", ',')]
    public async Task An_Indonesian_file_with_day_first_and_iso_dates_is_imported(string header, char separator)
    {
        var number = separator == ',' ? "CRB-DLK-01" : header.Contains("Catatan", StringComparison.Ordinal) ? "CRB-DLK-02" : "CRB-DLK-03";
        var extra = header.Contains("Catatan", StringComparison.Ordinal) ? $"{separator}Teori" : "";
        var file = header +
                   $"{number}{separator}sabut-kelapa{separator}26/09/2025{separator}120{extra}\n" +
                   $"{number}{separator}sabut-kelapa{separator}1/10/2025{separator}90{extra}\n" +
                   $"{number}{separator}sabut-kelapa{separator}2025-10-02{separator}60{extra}\n";

        var imported = await (await ImportAsync(Csv(file))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, imported.GetProperty("rows").GetInt32());
        Assert.Equal(["2025-09-26 120", "2025-10-01 90", "2025-10-02 60"], await DaysOfAsync(number));
    }

    [Fact]
    public async Task An_English_file_keeps_iso_dates_only()
    {
        var problem = await (await ImportAsync(Csv("registrationNumber,programmeCode,date,minutes\nCRB-DLK-04,sabut-kelapa,26/09/2025,60\n")))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 2: date"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("yyyy-MM-dd", problem.GetProperty("errors").GetProperty("line 2: date")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Xlsx)]
    [InlineData("application/octet-stream")]
    public async Task An_xlsx_with_date_cells_and_text_dates_is_imported(string mediaType)
    {
        var number = mediaType == Xlsx ? "CRB-DLK-05" : "CRB-DLK-06";
        var workbook = Workbook(
            ["No Registrasi", "Kode Program", "Tanggal", "Menit", "Catatan"],
            [number, "sabut-kelapa", new DateTime(2025, 9, 15), 120, "Teori"],
            [null, null, null, null, null],
            [number, "sabut-kelapa", "16/09/2025", "90", null],
            [number, "las", "2025-10-03", 45d, "Praktik"]);

        var imported = await (await ImportAsync(Body(workbook, mediaType))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, imported.GetProperty("rows").GetInt32());
        Assert.Equal(2, imported.GetProperty("programmes").GetInt32());
        Assert.Equal(["2025-09-15 120", "2025-09-16 90", "2025-10-03 45"], await DaysOfAsync(number));
    }

    [Fact]
    public async Task An_xlsx_problem_is_reported_at_its_sheet_row_and_column()
    {
        var workbook = Workbook(
            ["registrationNumber", "programmeCode", "date", "minutes"],
            ["CRB-DLK-07", "sabut-kelapa", new DateTime(2025, 9, 1), 2.5]);

        var problem = await (await ImportAsync(Body(workbook, Xlsx))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 2: minutes"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("2.5", problem.GetProperty("rows")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_file_that_claims_to_be_xlsx_but_is_not_is_refused_on_its_first_line()
    {
        var problem = await (await ImportAsync(Body("PK\u0003\u0004 not a zip"u8.ToArray(), Xlsx))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 1: header"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    /// <summary>Three mistakes: a day that does not exist, minutes in words, a missing programme; and one good row.</summary>
    private const string ThreeMistakes = "No Registrasi;Kode Program;Tanggal;Menit\n" +
                                         "CRB-DLK-08;sabut-kelapa;01/09/2025;60\n" +
                                         "CRB-DLK-08;sabut-kelapa;31/09/2025;60\n" +
                                         "CRB-DLK-08;sabut-kelapa;02/09/2025;dua jam\n" +
                                         "CRB-DLK-08;;03/09/2025;60\n";

    [Fact]
    public async Task Three_mistakes_are_reported_in_Indonesian_at_their_lines_and_columns_and_nothing_is_written()
    {
        var before = await CountsAsync();

        var problem = await (await ImportAsync(Csv(ThreeMistakes), language: "id-ID")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Berkas ditolak; tidak ada yang diimpor", problem.GetProperty("title").GetString());
        Assert.Equal(["line 3: Tanggal", "line 4: Menit", "line 5: Kode Program"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(
        [
            "Baris 3, kolom Tanggal: 31/09/2025 bukan tanggal yang ada",
            "Baris 4, kolom Menit: dua jam bukan bilangan bulat menit",
            "Baris 5, kolom Kode Program: wajib diisi",
        ], problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("message").GetString()));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_every_problem_and_writes_nothing()
    {
        var before = await CountsAsync();

        var report = await (await ImportAsync(Csv(ThreeMistakes), dryRun: true, language: "id")).ExpectAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.False(report.GetProperty("accepted").GetBoolean());
        Assert.Equal((4, 0, 3), (report.GetProperty("rows").GetInt32(), report.GetProperty("rowsToWrite").GetInt32(), report.GetProperty("problemCount").GetInt32()));
        var first = report.GetProperty("problems")[0];
        Assert.Equal((3, "Tanggal", "31/09/2025", "bukan tanggal yang ada"),
            (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetString(), first.GetProperty("value").GetString(), first.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("imported").ValueKind);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_dry_run_of_a_clean_file_writes_nothing_and_the_same_file_then_imports()
    {
        const string File = "No Registrasi;Kode Program;Tanggal;Menit\nCRB-DLK-08;las;10/10/2025;60\nCRB-DLK-08;las;11/10/2025;60\n";
        var before = await CountsAsync();

        var report = await (await ImportAsync(Csv(File), dryRun: true)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("accepted").GetBoolean());
        Assert.Equal((2, 2, 0), (report.GetProperty("rows").GetInt32(), report.GetProperty("rowsToWrite").GetInt32(), report.GetProperty("problemCount").GetInt32()));
        Assert.Equal(before, await CountsAsync());

        await (await ImportAsync(Csv(File))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(before.Entries + 2, await app.CountAsync("training_entry"));
    }

    private async Task<HttpResponseMessage> TemplateAsync(string query) =>
        await app.Client("bimker").GetAsync("/api/v1/imports/training/template" + query);

    [Fact]
    public async Task The_csv_template_is_Indonesian_with_semicolons_and_round_trips()
    {
        var response = await TemplateAsync("");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("\uFEFFNo Registrasi;Kode Program;Tanggal;Menit;Catatan\r\n", Encoding.UTF8.GetString(template));

        var filled = template.Concat(Encoding.UTF8.GetBytes("CRB-DLK-07;sabut-kelapa;20/10/2025;60;Teori\r\n")).ToArray();
        await (await ImportAsync(Body(filled, "text/csv"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Contains("2025-10-20 60", await DaysOfAsync("CRB-DLK-07"));
    }

    [Fact]
    public async Task The_xlsx_template_round_trips_and_the_English_csv_is_the_English_header()
    {
        var response = await TemplateAsync("?format=xlsx&language=id");
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        using var template = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var header = ((IDictionary<string, object?>)template.Query(useHeaderRow: false, excelType: ExcelType.XLSX).First()).Values.ToArray();
        Assert.Equal(["No Registrasi", "Kode Program", "Tanggal", "Menit", "Catatan"], header);

        var filled = Workbook(header, ["CRB-DLK-07", "sabut-kelapa", new DateTime(2025, 10, 21), 30, null]);
        await (await ImportAsync(Body(filled, Xlsx))).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains("2025-10-21 30", await DaysOfAsync("CRB-DLK-07"));

        var english = await (await TemplateAsync("?format=csv&language=en")).Content.ReadAsStringAsync();
        Assert.Equal("registrationNumber;programmeCode;date;minutes;note", english.Trim('\uFEFF', '\r', '\n'));
    }

    [Fact]
    public async Task A_template_in_an_unknown_format_or_language_is_a_400_naming_both()
    {
        var problem = await (await TemplateAsync("?format=pdf&language=fr")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["format", "language"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
