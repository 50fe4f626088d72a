using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;

namespace Ledger.Api.Tests.Skills;

public sealed class ReversalTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    [Fact]
    public async Task A_reversal_is_its_own_row_the_original_stays_and_totals_leave_it_out()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-1");
        var kept = await app.RecordAsync(id, "2025-09-08", 240);
        var wrong = await app.RecordAsync(id, "2025-09-09", 240);

        var reversal = await (await app.Client("bimker", sub: "bimker-budi").PostAsJsonAsync($"/api/v1/training/{wrong}/reversal", new { reason = "Tidak hadir, salah catat" }))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(wrong.ToString(), reversal.GetProperty("entryId").GetString());
        Assert.Equal("bimker-budi", reversal.GetProperty("recordedBy").GetString());
        Assert.Equal(240, await app.QuerySingleAsync<int>("select minutes from training_entry where id = @wrong", new { wrong }));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_reversal where entry_id = @wrong", new { wrong }));
        var skills = await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(240, skills.GetProperty("programmes")[0].GetProperty("minutes").GetInt32());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'training.reverse' and subject_id = @s", new { s = wrong.ToString() }));
        _ = kept;
    }

    [Fact]
    public async Task Reversing_twice_is_refused_with_409_and_writes_nothing()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-2");
        var entry = await app.RecordAsync(id, "2025-09-10", 240);
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "Salah tanggal" })).ExpectAsync(HttpStatusCode.Created);

        var second = await (await bimker.PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "Lagi" })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Contains("already reversed", second.GetProperty("detail").GetString());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_reversal where entry_id = @entry", new { entry }));
    }

    [Fact]
    public async Task A_reversed_day_can_be_recorded_again_correctly()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-3");
        var entry = await app.RecordAsync(id, "2025-09-11", 240);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "Seharusnya 180 menit" })).ExpectAsync(HttpStatusCode.Created);

        await app.RecordAsync(id, "2025-09-11", 180);

        Assert.Equal(180, await app.QuerySingleAsync<long>("select sum(minutes) from live_training_entry where inmate_id = @id", new { id }));
    }

    [Fact]
    public async Task A_reversal_needs_a_reason_and_an_existing_entry()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-4");
        var entry = await app.RecordAsync(id, "2025-09-12", 240);
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "  " })).ExpectFieldErrorAsync("reason");
        await (await bimker.PostAsJsonAsync($"/api/v1/training/{Guid.NewGuid()}/reversal", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await bimker.PostAsJsonAsync("/api/v1/training/not-an-id/reversal", new { reason = "x" })).ExpectFieldErrorAsync("entryId");
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from training_reversal where entry_id = @entry", new { entry }));
    }

    [Fact]
    public async Task The_ledger_tables_refuse_update_delete_and_truncate_in_the_database_itself()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-5");
        var entry = await app.RecordAsync(id, "2025-09-15", 240);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "Uji" })).ExpectAsync(HttpStatusCode.Created);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/certificates", new
        {
            title = "Uji", issuer = "LSP Uji", issuerKind = "facility", number = "UJI-1", result = "competent", issuedOn = "2025-10-01",
        })).ExpectAsync(HttpStatusCode.Created);
        var certificate = await app.QuerySingleAsync<Guid>("select id from certificate where number = 'UJI-1'");
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Uji" })).ExpectAsync(HttpStatusCode.Created);

        foreach (var sql in new[]
        {
            "update training_entry set minutes = 1",
            "delete from training_entry",
            "update training_reversal set reason = 'x'",
            "delete from training_reversal",
            "truncate training_batch cascade",
            "truncate training_entry cascade",
            "update certificate set result = 'competent'",
            "delete from certificate",
            "update certificate_revocation set reason = 'x'",
            "delete from certificate_revocation",
            "truncate training_reversal",
            "truncate certificate_revocation",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));
            Assert.Contains("append-only", error.MessageText);
        }
        Assert.Equal(240, await app.QuerySingleAsync<int>("select minutes from training_entry where id = @entry", new { entry }));
    }

    [Fact]
    public async Task The_database_refuses_an_entry_for_a_missing_person_and_keeps_people_and_programmes_that_have_entries()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-6");
        var entry = await app.RecordAsync(id, "2025-09-16", 60);
        var programme = await app.QuerySingleAsync<Guid>("select programme_id from training_entry where id = @entry", new { entry });

        var missing = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""
            insert into training_entry (id, inmate_id, programme_id, day, minutes, recorded_by, recorded_at)
            values (gen_random_uuid(), gen_random_uuid(), @programme, '2025-09-17', 60, 'x', now())
            """, new { programme }));
        var deletePerson = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("delete from inmate where id = @id", new { id }));
        var deleteProgramme = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("delete from programme where id = @programme", new { programme }));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, missing.SqlState);
        Assert.Contains("refer to a missing warga binaan", missing.MessageText);
        Assert.Contains("has training entries", deletePerson.MessageText);
        Assert.Contains("has training entries", deleteProgramme.MessageText);
    }

    private async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await Dapper.SqlMapper.ExecuteAsync(connection, sql, parameters);
    }
}
