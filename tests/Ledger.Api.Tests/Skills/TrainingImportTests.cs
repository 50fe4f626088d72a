using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

public sealed class TrainingImportTests(TrainingImportTests.App app) : IClassFixture<TrainingImportTests.App>
{
    public sealed class App : SkillsApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            for (var i = 1; i <= 5; i++)
            {
                await RegisterInmateAsync("lapas-cirebon", $"CRB-IMP-{i:D2}", detentionDate: "2024-03-01");
            }
            await RegisterInmateAsync("lapas-cirebon", "CRB-IMP-LATE", detentionDate: "2025-09-20");
            var released = await RegisterInmateAsync("lapas-cirebon", "CRB-IMP-GONE", detentionDate: "2024-03-01");
            (await Client("admin").PostAsJsonAsync($"/api/v1/inmates/{released}/release", new { releasedOn = "2025-09-30" })).EnsureSuccessStatusCode();
            var recorded = await RegisterInmateAsync("lapas-cirebon", "CRB-IMP-DONE", detentionDate: "2024-03-01");
            await RecordAsync(recorded, "2025-09-12", 240);
            await RegisterInmateAsync("lapas-gintung", "GTG-IMP-01", detentionDate: "2024-03-01");
        }
    }

    private static StringContent Csv(string text, bool bom = false, string mediaType = "text/csv") =>
        new(bom ? "\uFEFF" + text : text, new UTF8Encoding(false), mediaType);

    private Task<HttpResponseMessage> ImportAsync(HttpContent content, string facility = "lapas-cirebon") =>
        app.Client("bimker", facility).PostAsync($"/api/v1/facilities/{facility}/imports/training", content);

    [Fact]
    public async Task A_clean_semicolon_file_with_a_byte_order_mark_is_imported_in_one_batch()
    {
        var before = await app.CountAsync("training_entry");
        const string File = "registrationNumber;programmeCode;date;minutes;note;nama\r\n" +
                            "CRB-IMP-01;sabut-kelapa;2025-09-08;240;Teori;Asep\r\n" +
                            "CRB-IMP-02; sabut-kelapa ;2025-09-08;240;;Budi\r\n" +
                            ";;;;;\r\n" +
                            "CRB-IMP-01;sabut-kelapa;2025-09-09;180;\"Praktik; menganyam\";Asep\r\n" +
                            "CRB-IMP-01;las;2025-10-02;120;;Asep\r\n";

        var imported = await (await ImportAsync(Csv(File, bom: true))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(4, imported.GetProperty("rows").GetInt32());
        Assert.Equal(2, imported.GetProperty("people").GetInt32());
        Assert.Equal(2, imported.GetProperty("programmes").GetInt32());
        Assert.Equal(780, imported.GetProperty("minutes").GetInt64());
        Assert.Equal("2025-09-08", imported.GetProperty("firstDate").GetString());
        Assert.Equal("2025-10-02", imported.GetProperty("lastDate").GetString());
        Assert.Equal(["nama"], imported.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()));
        var batch = imported.GetProperty("batchId").GetGuid();
        Assert.Equal(before + 4, await app.CountAsync("training_entry"));
        Assert.Equal("Praktik; menganyam", await app.QuerySingleAsync<string>("select note from training_entry where batch_id = @batch and minutes = 180", new { batch }));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'training.import' and subject_id = @s", new { s = batch.ToString() }));
        Assert.Equal(4, await app.QuerySingleAsync<int>("select entry_count from training_batch where id = @batch and source = 'import'", new { batch }));
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_whole_listing_every_bad_cell_by_line()
    {
        var before = await app.CountAsync("training_entry");
        var audits = await app.CountAsync("audit_log");
        var batches = await app.CountAsync("training_batch");
        string[] lines =
        [
            "registrationNumber,programmeCode,date,minutes",  // 1
            "CRB-IMP-03,sabut-kelapa,2025-09-15,240",         // 2 fine
            "CRB-NOPE,sabut-kelapa,2025-09-15,240",           // 3 unknown person
            "CRB-IMP-03,tidak-ada,2025-09-16,240",            // 4 unknown programme
            "CRB-IMP-03,sabut-kelapa,15/09/2025,240",         // 5 date spelling
            "CRB-IMP-03,sabut-kelapa,2025-09-17,4 jam",       // 6 minutes spelling
            "CRB-IMP-03,sabut-kelapa,2025-09-18,0",           // 7 minutes zero
            "CRB-IMP-03,sabut-kelapa,2025-12-01,60",          // 8 after today
            "CRB-IMP-LATE,sabut-kelapa,2025-09-10,60",        // 9 before detention
            "CRB-IMP-03,sabut-kelapa,2025-09-15,60",          // 10 repeats line 2
            "CRB-IMP-04,sabut-kelapa,2025-10-02,400",         // 11 with 12: over the daily limit
            "CRB-IMP-04,las,2025-10-02,300",                  // 12
            "CRB-IMP-DONE,sabut-kelapa,2025-09-12,240",       // 13 already recorded
            "CRB-IMP-03,produksi-jaring,2025-09-19,60",       // 14 production only
            "CRB-IMP-03,las,2025-09-19,60",                   // 15 before the programme starts
            ",,,",                                            // 16 an empty spreadsheet row: skipped
            "CRB-IMP-03,\"sabut-kelapa,2025-09-22,60",        // 17 unclosed quote
            "CRB-IMP-03,sabut-kelapa",                        // 18 too few fields
            "CRB-IMP-GONE,sabut-kelapa,2025-10-01,60",        // 19 after release
            "GTG-IMP-01,sabut-kelapa,2025-09-15,60",          // 20 a Gintung person
            ",sabut-kelapa,2025-09-15,",                      // 21 two cells missing
        ];

        var response = await ImportAsync(Csv(string.Join('\n', lines) + "\n"));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToList());
        Assert.Equal(
        [
            "line 3: registrationNumber", "line 4: programmeCode", "line 5: date", "line 6: minutes", "line 7: minutes", "line 8: date", "line 9: date",
            "line 10: date", "line 11: minutes", "line 12: minutes", "line 13: date", "line 14: programmeCode", "line 15: programmeCode", "line 17: row",
            "line 18: row", "line 19: date", "line 20: registrationNumber", "line 21: registrationNumber", "line 21: minutes",
        ], errors.Keys);
        Assert.Contains("yyyy-MM-dd", errors["line 5: date"][0]);
        Assert.Contains("repeats line 2", errors["line 10: date"][0]);
        Assert.Contains("700 minutes of training on 2025-10-02 (0 already recorded, 700 more here) exceed the 600", errors["line 11: minutes"][0]);
        Assert.Contains("already recorded on 2025-09-12", errors["line 13: date"][0]);
        Assert.Contains("before the detention date (2025-09-20)", errors["line 9: date"][0]);
        Assert.Contains("after the release (2025-09-30)", errors["line 19: date"][0]);
        Assert.Contains("starts on 2025-10-01", errors["line 15: programmeCode"][0]);
        Assert.Equal(19, problem.GetProperty("problemCount").GetInt32());
        Assert.Equal(19, problem.GetProperty("rowCount").GetInt32());
        var first = problem.GetProperty("rows")[0];
        Assert.Equal((3, "registrationNumber", "CRB-NOPE"), (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetString(), first.GetProperty("value").GetString()));
        Assert.Equal(before, await app.CountAsync("training_entry"));
        Assert.Equal(audits, await app.CountAsync("audit_log"));
        Assert.Equal(batches, await app.CountAsync("training_batch"));
    }

    [Theory]
    [InlineData("", "line 1: header")]
    [InlineData("nomor,program,tanggal,menit\nCRB-IMP-01,sabut-kelapa,2025-09-08,60\n", "line 1: header")]
    [InlineData("registrationNumber,programmeCode,date,minutes,minutes\nCRB-IMP-01,sabut-kelapa,2025-09-08,60,60\n", "line 1: header")]
    [InlineData("registrationNumber,programmeCode,date,minutes\n", "line 2: row")]
    public async Task A_file_without_its_header_or_rows_is_refused(string file, string key)
    {
        var problem = await (await ImportAsync(Csv(file))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), problem.ToString());
    }

    [Fact]
    public async Task Another_media_type_answers_415()
    {
        var response = await ImportAsync(Csv("{}", mediaType: "application/json"));
        await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_same_file_imported_twice_is_refused_the_second_time()
    {
        const string File = "registrationNumber,programmeCode,date,minutes\nCRB-IMP-05,sabut-kelapa,2025-09-22,240\nCRB-IMP-05,sabut-kelapa,2025-09-23,240\n";
        await (await ImportAsync(Csv(File))).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await ImportAsync(Csv(File))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["line 2: date", "line 3: date"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_replayed_import_with_its_idempotency_key_answers_200_and_writes_nothing()
    {
        const string File = "registrationNumber,programmeCode,date,minutes\nCRB-IMP-05,sabut-kelapa,2025-09-24,240\n";
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/facilities/lapas-cirebon/imports/training") { Headers = { { "Idempotency-Key", "import-0924" } }, Content = Csv(File) };
        var bimker = app.Client("bimker");
        var first = await bimker.SendAsync(Request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var replay = await bimker.SendAsync(Request());

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_entry where day = '2025-09-24'"));
    }

    [Fact]
    public async Task A_Gintung_officer_cannot_import_into_Cirebon()
    {
        var response = await app.Client("bimker", "lapas-gintung").PostAsync("/api/v1/facilities/lapas-cirebon/imports/training",
            Csv("registrationNumber,programmeCode,date,minutes\nCRB-IMP-01,sabut-kelapa,2025-09-25,60\n"));
        await response.ExpectAsync(HttpStatusCode.NotFound);
    }
}
