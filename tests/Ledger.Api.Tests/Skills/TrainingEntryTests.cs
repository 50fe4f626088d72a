using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

public sealed class TrainingEntryTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    [Fact]
    public async Task One_entry_is_recorded_with_who_and_when_and_audited()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-1");
        var bimker = app.Client("bimker", sub: "bimker-ani");

        var entry = await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{id}/training",
            new { programmeCode = "sabut-kelapa", date = "2025-09-08", minutes = 240, note = "Teori serat sabut" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("sabut-kelapa", entry.GetProperty("programmeCode").GetString());
        Assert.Equal("2025-09-08", entry.GetProperty("date").GetString());
        Assert.Equal(240, entry.GetProperty("minutes").GetInt32());
        Assert.Equal("Teori serat sabut", entry.GetProperty("note").GetString());
        Assert.Equal("bimker-ani", entry.GetProperty("recordedBy").GetString());
        Assert.Equal("2025-11-20T03:00:00Z", entry.GetProperty("recordedAt").GetString());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'training.record' and subject_id = @s and user_sub = 'bimker-ani'",
            new { s = entry.GetProperty("id").GetString() }));
    }

    public static TheoryData<string, string> RefusedEntries() => new()
    {
        { """{"programmeCode":"sabut-kelapa","date":"2025-09-09","minutes":0}""", "minutes" },
        { """{"programmeCode":"sabut-kelapa","date":"2025-09-09","minutes":-30}""", "minutes" },
        { """{"programmeCode":"sabut-kelapa","date":"2025-09-09","minutes":601}""", "minutes" },
        { """{"programmeCode":"sabut-kelapa","date":"2025-11-21","minutes":60}""", "date" },
        { """{"programmeCode":"sabut-kelapa","date":"2024-02-29","minutes":60}""", "date" },
        { """{"programmeCode":"tidak-ada","date":"2025-09-09","minutes":60}""", "programmeCode" },
        { """{"programmeCode":"produksi-jaring","date":"2025-09-09","minutes":60}""", "programmeCode" },
        { """{"programmeCode":"las","date":"2025-09-09","minutes":60}""", "programmeCode" },
        { """{"programmeCode":"menjahit","date":"2025-09-09","minutes":60}""", "programmeCode" },
        { """{"date":"2025-09-09","minutes":60}""", "programmeCode" },
        { """{"programmeCode":"sabut-kelapa","minutes":60}""", "date" },
        { """{"programmeCode":"sabut-kelapa","date":"2025-09-09"}""", "minutes" },
        { """{"programmeCode":"sabut-kelapa","date":"2025-09-09","minutes":"60"}""", "minutes" },
        { """{"programmeCode":"sabut-kelapa","date":"09/09/2025","minutes":60}""", "date" },
    };

    [Theory]
    [MemberData(nameof(RefusedEntries))]
    public async Task A_refused_entry_answers_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", $"CRB-REF-{Guid.NewGuid():N}"[..20], detentionDate: "2024-03-01");
        var before = await app.CountAsync("training_entry");

        var response = await app.Client("bimker").PostAsync($"/api/v1/inmates/{id}/training", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectFieldErrorAsync(field);
        Assert.Equal(before, await app.CountAsync("training_entry"));
    }

    [Fact]
    public async Task A_day_beyond_the_daily_limit_across_programmes_is_refused_with_the_totals()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-LIMIT");
        await app.RecordAsync(id, "2025-10-06", 480);

        var response = await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "las", date = "2025-10-06", minutes = 180 });

        var problem = await response.ExpectFieldErrorAsync("minutes");
        Assert.Contains("660 minutes of training on 2025-10-06 (480 already recorded, 180 more here) exceed the 600", problem.GetProperty("errors").GetProperty("minutes")[0].GetString());
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "las", date = "2025-10-06", minutes = 120 })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_programme_and_day_twice_is_refused_so_a_session_cannot_be_counted_twice()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-TWICE");
        await app.RecordAsync(id, "2025-10-07", 120);

        var response = await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "sabut-kelapa", date = "2025-10-07", minutes = 120 });

        var problem = await response.ExpectFieldErrorAsync("date");
        Assert.Contains("already recorded on 2025-10-07", problem.GetProperty("errors").GetProperty("date")[0].GetString());
    }

    [Fact]
    public async Task Training_before_detention_after_release_or_before_a_transfer_in_is_refused()
    {
        var bimker = app.Client("bimker");
        var late = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-LATE", detentionDate: "2025-10-01");
        var problem = await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{late}/training", new { programmeCode = "sabut-kelapa", date = "2025-09-30", minutes = 60 })).ExpectFieldErrorAsync("date");
        Assert.Contains("before the detention date (2025-10-01)", problem.GetProperty("errors").GetProperty("date")[0].GetString());

        var released = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-REL");
        await (await app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{released}/release", new { releasedOn = "2025-10-10" })).ExpectAsync(HttpStatusCode.Created);
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{released}/training", new { programmeCode = "sabut-kelapa", date = "2025-10-10", minutes = 60 })).ExpectAsync(HttpStatusCode.Created);
        problem = await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{released}/training", new { programmeCode = "sabut-kelapa", date = "2025-10-11", minutes = 60 })).ExpectFieldErrorAsync("date");
        Assert.Contains("after the release (2025-10-10)", problem.GetProperty("errors").GetProperty("date")[0].GetString());

        var moved = await app.RegisterInmateAsync("lapas-gintung", "GTG-TE-MOVED", detentionDate: "2024-06-01");
        await (await app.Client("admin", "lapas-gintung", region: "jawa-barat").PostAsJsonAsync($"/api/v1/inmates/{moved}/transfer", new { toFacility = "lapas-cirebon", on = "2025-11-01" })).ExpectAsync(HttpStatusCode.Created);
        problem = await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{moved}/training", new { programmeCode = "sabut-kelapa", date = "2025-10-31", minutes = 60 })).ExpectFieldErrorAsync("date");
        Assert.Contains("not held in lapas-cirebon on 2025-10-31", problem.GetProperty("errors").GetProperty("date")[0].GetString());
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{moved}/training", new { programmeCode = "sabut-kelapa", date = "2025-11-01", minutes = 60 })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_session_records_every_person_under_one_batch()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 40; i++)
        {
            ids.Add(await app.RegisterInmateAsync("lapas-cirebon", $"CRB-SES-{i:D2}"));
        }

        var session = await (await app.Client("bimker").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions",
            new { programmeCode = "sabut-kelapa", date = "2025-09-15", minutes = 240, note = "Praktik menganyam", inmateIds = ids })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(40, session.GetProperty("entries").GetArrayLength());
        var batch = session.GetProperty("batchId").GetGuid();
        Assert.Equal(40, await app.QuerySingleAsync<long>("select count(*) from training_entry where batch_id = @batch and minutes = 240 and day = '2025-09-15'", new { batch }));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'training.session' and subject_id = @s", new { s = batch.ToString() }));
    }

    [Fact]
    public async Task A_session_with_one_refused_person_writes_nothing_and_names_each_person()
    {
        var fine = await app.RegisterInmateAsync("lapas-cirebon", "CRB-SES-OK");
        var late = await app.RegisterInmateAsync("lapas-cirebon", "CRB-SES-LATE", detentionDate: "2025-09-20", fullName: "Ujang Terlambat");
        var full = await app.RegisterInmateAsync("lapas-cirebon", "CRB-SES-FULL");
        await app.RecordAsync(full, "2025-09-16", 400, programmeCode: "sabut-kelapa");
        var gintung = await app.RegisterInmateAsync("lapas-gintung", "GTG-SES-1");
        var before = await app.CountAsync("training_entry");

        var response = await app.Client("bimker").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions",
            new { programmeCode = "sabut-kelapa", date = "2025-09-16", minutes = 240, inmateIds = new[] { fine, late, full, gintung, fine } });

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["inmateIds[1]", "inmateIds[2]", "inmateIds[3]", "inmateIds[4]"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("CRB-SES-LATE (Ujang Terlambat): is before the detention date (2025-09-20)", errors.GetProperty("inmateIds[1]")[0].GetString());
        Assert.Contains(errors.GetProperty("inmateIds[2]").EnumerateArray(), e => e.GetString()!.StartsWith("CRB-SES-FULL", StringComparison.Ordinal) && e.GetString()!.Contains("exceed the 600", StringComparison.Ordinal));
        Assert.Contains("no warga binaan", errors.GetProperty("inmateIds[3]")[0].GetString());
        Assert.Contains("appears twice", errors.GetProperty("inmateIds[4]")[0].GetString());
        Assert.Equal(before, await app.CountAsync("training_entry"));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from training_batch where source = 'session' and recorded_at = '2025-11-20T03:00:00Z' and entry_count = 5"));
    }

    [Fact]
    public async Task A_session_needs_people_and_a_valid_programme()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new { programmeCode = "sabut-kelapa", date = "2025-09-16", minutes = 240, inmateIds = Array.Empty<Guid>() })).ExpectFieldErrorAsync("inmateIds");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new { programmeCode = "sabut-kelapa", date = "2025-09-16", minutes = 240, inmateIds = new[] { "not-a-uuid" } })).ExpectFieldErrorAsync("inmateIds[0]");
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-SES-PROG");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new { programmeCode = "menjahit", date = "2025-09-16", minutes = 240, inmateIds = new[] { id } })).ExpectFieldErrorAsync("programmeCode");
    }

    [Fact]
    public async Task Entries_are_listed_by_date_range_with_their_reversal()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TE-LIST");
        await app.RecordAsync(id, "2025-09-01", 60);
        var reversed = await app.RecordAsync(id, "2025-09-02", 90);
        await app.RecordAsync(id, "2025-09-03", 120);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{reversed}/reversal", new { reason = "Salah orang" })).ExpectAsync(HttpStatusCode.Created);

        var list = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/training?from=2025-09-02&to=2025-09-03")).ExpectAsync(HttpStatusCode.OK);

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2025-09-02", "2025-09-03"], items.Select(i => i.GetProperty("date").GetString()));
        Assert.Equal("Salah orang", items[0].GetProperty("reversal").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKindNull, items[1].GetProperty("reversal").ValueKind);
        await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{id}/training?from=2025-09-30&to=2025-09-01")).ExpectFieldErrorAsync("from");
        await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{id}/training?from=2025-09-31")).ExpectFieldErrorAsync("from");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
