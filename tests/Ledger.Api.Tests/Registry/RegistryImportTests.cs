using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;
using static Ledger.Api.Tests.Registry.RegistryApp;

namespace Ledger.Api.Tests.Registry;

public sealed class RegistryImportTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    private static StringContent Text(string csv, string mediaType = "text/csv") => new(csv, new UTF8Encoding(false), mediaType);

    private static JsonElement Counts(JsonElement report) => report.GetProperty("counts");

    private static Dictionary<string, List<string>> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToList());

    [Fact]
    public async Task A_file_is_previewed_applied_and_reimported_without_change()
    {
        // The template's header rows, filled in as a spreadsheet would (semicolons, as the template is separated).
        async Task<string> FillAsync(string sheet, string header, params string[] rows)
        {
            var response = await app.Client("admin").GetAsync($"/api/v1/imports/registry/template?format=csv&language=id&sheet={sheet}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var template = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').TrimEnd();
            Assert.Equal(header.Replace(',', ';'), template);
            return Csv(template, [.. rows.Select(r => r.Replace(',', ';'))]);
        }
        var people = await FillAsync("people", PeopleHeader,
            "CRB-RT-01,Asep Rahmat,12/05/1990,01/03/2024,3,0,0,sementara,",
            "CRB-RT-02,Budi Santoso,,2024-06-15,2,6,0,sementara,",
            "CRB-RT-03,Cecep Hidayat,1985-01-02,2023-01-10,0,0,0,seumur hidup,");
        var remisi = await FillAsync("remisi", RemisiHeader, "CRB-RT-01,umum,17/08/2024,SK-RT-1,2,0", "CRB-RT-02,khusus,2025-04-01,SK-RT-2,0,15");
        var registerF = await FillAsync("registerF", RegisterFHeader, "CRB-RT-02,2025-02-03,Terlambat apel pagi");
        var before = await app.FootprintAsync();

        var preview = await (await app.ImportAsync(Form(people, remisi, registerF), dryRun: true)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        Assert.False(preview.GetProperty("applied").GetBoolean());
        Assert.Equal((3, 2, 1), (Counts(preview).GetProperty("new").GetInt32(), Counts(preview).GetProperty("remisiNew").GetInt32(), Counts(preview).GetProperty("registerFNew").GetInt32()));
        Assert.Equal(before, await app.FootprintAsync());

        var applied = await (await app.ImportAsync(Form(people, remisi, registerF), dryRun: false)).ExpectAsync(HttpStatusCode.Created);

        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(3, Counts(applied).GetProperty("new").GetInt32());
        var id = await app.IdOfAsync("CRB-RT-01");
        Assert.Equal(id, applied.GetProperty("new").EnumerateArray().Single(p => p.GetProperty("registrationNumber").GetString() == "CRB-RT-01").GetProperty("id").GetGuid());
        Assert.Equal("2024-03-01", await app.QuerySingleAsync<string>("select started_on::text from inmate_placement where inmate_id = @id and ended_on is null", new { id }));
        Assert.Equal(await app.QuerySingleAsync<string>("select user_sub from audit_log where action = 'registry.import' and subject_id = @s", new { s = id.ToString() }),
            await app.QuerySingleAsync<string>("select recorded_by from remission where inmate_id = @id and decree_number = 'SK-RT-1'", new { id }));
        Assert.Equal("new,remisi+1", await app.QuerySingleAsync<string>("select detail from audit_log where action = 'registry.import' and subject_id = @s", new { s = id.ToString() }));
        var afterApply = await app.FootprintAsync();

        var again = await (await app.ImportAsync(Form(people, Csv(RemisiHeader, "CRB-RT-01,umum,17/08/2024, sk-rt-1 ,2,0", "CRB-RT-02,khusus,2025-04-01,SK-RT-2,0,15"), registerF), dryRun: false))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.True(again.GetProperty("noChange").GetBoolean());
        Assert.False(again.GetProperty("applied").GetBoolean());
        Assert.Equal((3, 2, 1), (Counts(again).GetProperty("unchanged").GetInt32(), Counts(again).GetProperty("remisiPresent").GetInt32(), Counts(again).GetProperty("registerFPresent").GetInt32()));
        Assert.Equal(afterApply, await app.FootprintAsync());
    }

    [Fact]
    public async Task Rows_that_need_the_database_are_refused_by_sheet_line_and_column_and_nothing_is_written()
    {
        var regionAdmin = app.Client("admin", "lapas-cirebon", region: "jawa-barat");
        var movedIn = await app.RegisterInmateAsync("lapas-gintung", "CRB-BAD-01", detentionDate: "2024-03-01");
        await (await regionAdmin.PostAsJsonAsync($"/api/v1/inmates/{movedIn}/transfer", new { toFacility = "lapas-cirebon", on = "2025-01-10" })).ExpectAsync(HttpStatusCode.Created);
        var movedOut = await app.RegisterInmateAsync("lapas-cirebon", "CRB-BAD-02", detentionDate: "2024-03-01");
        await (await regionAdmin.PostAsJsonAsync($"/api/v1/inmates/{movedOut}/transfer", new { toFacility = "lapas-gintung", on = "2025-01-10" })).ExpectAsync(HttpStatusCode.Created);
        var people = Csv(PeopleHeader,
            "GTG-REG-01,Orang Gintung,,2024-03-01,3,0,0,sementara,",          // 2: Gintung's person
            "CRB-BAD-01,Budi Contoh,,2024-03-01,3,0,0,sementara,2024-12-01",  // 3: released before the placement here started
            "CRB-BAD-02,Budi Contoh,,2024-03-01,3,0,0,sementara,",            // 4: transferred to Gintung
            "CRB-BAD-03,Dedi Baru,,2025-01-01,0,6,0,sementara,");             // 5: fine on its own
        var remisi = Csv(RemisiHeader,
            "CRB-NOBODY,umum,2025-08-17,SK-X-1,1,0",                  // 2: unknown number
            "CRB-BAD-03,umum,2025-08-17,SK-X-2,4,0",                  // 3: fine alone; with line 4 longer than the sentence
            "CRB-BAD-03,khusus,2025-03-31,SK-X-3,3,0",                // 4
            "CRB-BAD-03,umum,2024-08-17,SK-X-4,1,0");                 // 5: before the detention
        var before = await app.FootprintAsync();

        var response = await app.ImportAsync(Form(people, remisi), dryRun: false);

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = Errors(problem).ToList();
        Assert.Equal(
        [
            " line 2: No. Registrasi", " line 3: Tanggal Bebas", " line 4: No. Registrasi",
            " line 2: No. Registrasi", " line 4: Bulan", " line 5: Tanggal SK",
        ], errors.Select(e => e.Key[e.Key.IndexOf(" line ", StringComparison.Ordinal)..]));
        Assert.Equal(2, errors.Select(e => e.Key[..e.Key.IndexOf(" line ", StringComparison.Ordinal)]).Distinct().Count());
        Assert.Contains("lapas-gintung", errors[0].Value[0]);
        Assert.Contains("2025-01-10", errors[1].Value[0]);
        Assert.Contains("lapas-gintung", errors[2].Value[0]);
        Assert.Contains("lapas-cirebon", errors[3].Value[0]);
        Assert.Contains("7", errors[4].Value[0]);
        Assert.Equal(6, problem.GetProperty("report").GetProperty("counts").GetProperty("problems").GetInt32());
        Assert.Equal(before, await app.FootprintAsync());
    }

    [Fact]
    public async Task A_correction_is_audited_field_by_field_and_the_release_dates_follow()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-COR-01", detentionDate: "2024-03-01", years: 3, fullName: "Budi Contoh");
        var expiry = (await app.ReadinessAsync(id)).GetProperty("dates").GetProperty("expiry").GetString();
        var people = Csv(PeopleHeader, "CRB-COR-01,Budi Contoh Saputra,,2024-03-01,2,6,0,sementara,");

        var report = await (await app.ImportAsync(Form(people), dryRun: false)).ExpectAsync(HttpStatusCode.Created);

        var changed = report.GetProperty("changed").EnumerateArray().Single();
        Assert.Equal(["fullName", "sentence"], changed.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        Assert.Equal("Budi Contoh", changed.GetProperty("changes")[0].GetProperty("before").GetString());
        Assert.Equal("fullName,sentence", await app.QuerySingleAsync<string>("select detail from audit_log where action = 'registry.import' and subject_id = @s", new { s = id.ToString() }));
        Assert.Equal("fullName:Budi Contoh>Budi Contoh Saputra;sentence:P3Y0M0D>P2Y6M0D", await app.QuerySingleAsync<string>(
            "select string_agg(field || ':' || before || '>' || after, ';' order by field) from inmate_correction where inmate_id = @id and source = 'registry-import'", new { id }));
        Assert.Equal("2027-03-01", expiry);
        Assert.Equal("2026-09-01", (await app.ReadinessAsync(id)).GetProperty("dates").GetProperty("expiry").GetString());
    }

    [Fact]
    public async Task A_release_date_releases_the_person_without_paying_out_and_missing_people_are_listed_untouched()
    {
        var leaving = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL-01", detentionDate: "2024-03-01");
        var absent = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL-02", detentionDate: "2024-03-01", fullName: "Tidak Ada Di Berkas");
        var payouts = await app.QuerySingleAsync<long>("select count(*) from premi_entry where kind = 'release-payout'");
        const string OwnRecords = "select (select count(*) from training_entry) || ',' || (select count(*) from certificate) || ',' || (select count(*) from work_record) || ',' || " +
                                  "(select count(*) from premi_entry) || ',' || (select count(*) from premi_account) || ',' || (select count(*) from training_batch)";
        var own = await app.QuerySingleAsync<string>(OwnRecords);
        var people = Csv(PeopleHeader, "CRB-REL-01,Budi Contoh,,2024-03-01,3,0,0,sementara,15/11/2025");

        var report = await (await app.ImportAsync(Form(people), dryRun: false)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("2025-11-15", await app.QuerySingleAsync<string>("select released_on::text from inmate where id = @leaving", new { leaving }));
        Assert.Equal(payouts, await app.QuerySingleAsync<long>("select count(*) from premi_entry where kind = 'release-payout'"));
        Assert.Equal(own, await app.QuerySingleAsync<string>(OwnRecords));
        Assert.Equal("releasedOn", await app.QuerySingleAsync<string>("select detail from audit_log where action = 'registry.import' and subject_id = @s", new { s = leaving.ToString() }));
        Assert.Contains(report.GetProperty("missing").EnumerateArray(), m => m.GetProperty("id").GetGuid() == absent && m.GetProperty("fullName").GetString() == "Tidak Ada Di Berkas");
        Assert.Null(await app.QuerySingleAsync<string?>("select released_on::text from inmate where id = @absent", new { absent }));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from audit_log where subject_id = @s and action = 'registry.import'", new { s = absent.ToString() }));

        var again = await (await app.ImportAsync(Form(Csv(PeopleHeader, "CRB-REL-01,Budi Contoh,,2024-03-01,3,0,0,sementara,")), dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, Counts(again).GetProperty("released").GetInt32());
        var otherDay = await app.ImportAsync(Form(Csv(PeopleHeader, "CRB-REL-01,Budi Contoh,,2024-03-01,3,0,0,sementara,2025-11-16")), dryRun: true);
        Assert.Contains("2025-11-15", Errors(await otherDay.ExpectAsync(HttpStatusCode.BadRequest)).Values.Single()[0]);
    }

    [Fact]
    public async Task An_imported_person_has_the_release_readiness_of_one_registered_by_hand()
    {
        var byHand = await app.RegisterInmateAsync("lapas-gintung", "GTG-EQ-01", detentionDate: "2023-05-10", years: 4, fullName: "Sama Saja");
        await app.GrantAsync(byHand, "2023-08-17", 3, "SK-EQ-1", "lapas-gintung");
        await app.GrantAsync(byHand, "2024-08-17", 2, "SK-EQ-2", "lapas-gintung");
        var people = Csv(PeopleHeader, "GTG-EQ-02,Sama Saja,,10/05/2023,4,0,0,sementara,");
        var remisi = Csv(RemisiHeader, "GTG-EQ-02,umum,17/08/2023,SK-EQ-1,3,0", "GTG-EQ-02,umum,17/08/2024,SK-EQ-2,2,0");

        await (await app.ImportAsync(Form(people, remisi), dryRun: false, facility: "lapas-gintung")).ExpectAsync(HttpStatusCode.Created);

        var imported = await app.IdOfAsync("GTG-EQ-02", "lapas-gintung");
        var handJson = (await app.ReadinessAsync(byHand, "lapas-gintung")).ToString().Replace(byHand.ToString(), "ID").Replace("GTG-EQ-01", "NO");
        var importedJson = (await app.ReadinessAsync(imported, "lapas-gintung")).ToString().Replace(imported.ToString(), "ID").Replace("GTG-EQ-02", "NO");
        Assert.Equal(handJson, importedJson);
    }

    [Fact]
    public async Task Two_applies_of_one_file_at_once_write_it_once()
    {
        var people = Csv(PeopleHeader, "CRB-CON-01,Satu Saja,,2024-03-01,3,0,0,sementara,", "CRB-CON-02,Dua Saja,,2024-03-01,3,0,0,sementara,");
        var remisi = Csv(RemisiHeader, "CRB-CON-01,umum,2024-08-17,SK-CON-1,1,0");

        var answers = await Task.WhenAll(app.ImportAsync(Form(people, remisi), dryRun: false), app.ImportAsync(Form(people, remisi), dryRun: false));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.StatusCode).Order());
        var reports = await Task.WhenAll(answers.Select(a => a.ExpectAsync(a.StatusCode)));
        Assert.Equal([false, true], reports.Select(r => r.GetProperty("noChange").GetBoolean()).Order());
        Assert.Equal(2, await app.QuerySingleAsync<long>("select count(*) from inmate where registration_number like 'CRB-CON-%'"));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from remission where decree_number = 'SK-CON-1'"));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_problem()
    {
        var before = await app.FootprintAsync();

        await (await app.ImportAsync(Text("{}", "application/json"), dryRun: true)).ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        var maybe = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/imports/registry?dryRun=maybe", Text(Csv(PeopleHeader)));
        await maybe.ExpectAsync(HttpStatusCode.BadRequest);
        var empty = await (await app.ImportAsync(Text(""), dryRun: false)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(Errors(empty));
        await (await app.Client("bimker").PostAsync("/api/v1/facilities/lapas-cirebon/imports/registry", Text(Csv(PeopleHeader)))).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.FootprintAsync());
    }

    [Fact]
    public async Task The_runtime_role_cannot_change_a_name_without_a_correction_row_of_the_same_transaction()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TRG-01");
        await using var connection = new NpgsqlConnection(app.RuntimeConnectionString);
        await connection.OpenAsync();

        var silent = await Assert.ThrowsAsync<PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "update inmate set full_name = 'Orang Lain' where id = @id", new { id }));
        Assert.Equal("P0001", silent.SqlState);
        Assert.Contains("inmate_correction", silent.MessageText, StringComparison.Ordinal);
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                insert into inmate_correction (id, inmate_id, field, before, after, source, import_id, recorded_by, recorded_at, txid)
                values (gen_random_uuid(), @id, 'fullName', 'Budi Contoh', 'Orang Lain', 'registry-import', gen_random_uuid(), 'test', now(), 0)
                """, new { id }, tx);
            var sentence = await Assert.ThrowsAsync<PostgresException>(() =>
                Dapper.SqlMapper.ExecuteAsync(connection, "update inmate set full_name = 'Orang Lain', sentence_years = 9 where id = @id", new { id }, tx));
            Assert.Contains("sentence", sentence.MessageText, StringComparison.Ordinal);
        }
        Assert.Equal("Budi Contoh", await app.QuerySingleAsync<string>("select full_name from inmate where id = @id", new { id }));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Dapper.SqlMapper.ExecuteAsync(connection, "delete from inmate_correction"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }
}
