using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

public sealed class ProgrammeTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    [Fact]
    public async Task A_facility_lists_its_own_programmes_only()
    {
        var cirebon = await (await app.Client("finance").GetAsync("/api/v1/facilities/lapas-cirebon/programmes")).ExpectAsync(HttpStatusCode.OK);
        var codes = cirebon.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("sabut-kelapa", codes);
        Assert.DoesNotContain("menjahit", codes);
        var coir = cirebon.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "sabut-kelapa");
        Assert.Equal("both", coir.GetProperty("kind").GetString());
        Assert.Equal("PT Coir", coir.GetProperty("partner").GetString());
        Assert.Equal(2400, coir.GetProperty("requiredMinutes").GetInt32());
    }

    [Fact]
    public async Task A_code_is_unique_within_a_facility_and_fields_are_checked()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "sabut-kelapa", name = "Lagi", kind = "training" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await app.Client("bimker", "lapas-gintung").PostAsJsonAsync("/api/v1/facilities/lapas-gintung/programmes", new { code = "sabut-kelapa", name = "Sabut di Gintung", kind = "both" })).ExpectAsync(HttpStatusCode.Created);
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "Sabut Kelapa", name = "x", kind = "training" })).ExpectFieldErrorAsync("code");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "x", name = "x", kind = "study" })).ExpectFieldErrorAsync("kind");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "x", name = "x", kind = "training", requiredMinutes = 0 })).ExpectFieldErrorAsync("requiredMinutes");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "x", kind = "training" })).ExpectFieldErrorAsync("name");
    }

    [Fact]
    public async Task A_retired_programme_takes_no_training_from_its_retirement_day_and_cannot_hide_recorded_training()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "anyaman", name = "Anyaman bambu", kind = "training" })).ExpectAsync(HttpStatusCode.Created);
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-PRG-1");
        await app.RecordAsync(id, "2025-10-10", 120, programmeCode: "anyaman");

        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/anyaman/retirement", new { retiredOn = "2025-10-10" })).ExpectAsync(HttpStatusCode.Conflict);
        var retired = await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/anyaman/retirement", new { retiredOn = "2025-10-11" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("2025-10-11", retired.GetProperty("retiredOn").GetString());

        var refused = await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "anyaman", date = "2025-10-11", minutes = 60 })).ExpectFieldErrorAsync("programmeCode");
        Assert.Contains("retired on 2025-10-11", refused.GetProperty("errors").GetProperty("programmeCode")[0].GetString());
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/anyaman/retirement", new { retiredOn = "2025-10-20" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/anyaman/retirement", new { })).ExpectFieldErrorAsync("retiredOn");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/tidak-ada/retirement", new { retiredOn = "2025-10-20" })).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_revision_changes_the_name_and_required_minutes_keeps_the_before_and_after_and_is_audited()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "las-listrik", name = "Las listrik", kind = "training", requiredMinutes = 2400 })).ExpectAsync(HttpStatusCode.Created);

        var revised = await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/las-listrik/revisions",
            new { name = "Las listrik dasar", requiredMinutes = 3000, reason = "Kurikulum BLK baru" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("Las listrik dasar", revised.GetProperty("programme").GetProperty("name").GetString());
        Assert.Equal(3000, revised.GetProperty("programme").GetProperty("requiredMinutes").GetInt32());
        var revision = revised.GetProperty("revision");
        Assert.Equal("Las listrik", revision.GetProperty("nameBefore").GetString());
        Assert.Equal(2400, revision.GetProperty("requiredMinutesBefore").GetInt32());
        Assert.Equal(3000, revision.GetProperty("requiredMinutesAfter").GetInt32());
        Assert.Equal("Kurikulum BLK baru", revision.GetProperty("reason").GetString());
        Assert.Equal((2400, 3000, "Las listrik dasar"), await app.QuerySingleAsync<(int, int, string)>("""
            select r.required_minutes_before, r.required_minutes_after, p.name from programme_revision r join programme p on p.id = r.programme_id
            where p.code = 'las-listrik' and p.facility_code = 'lapas-cirebon'
            """));
        Assert.Equal(1, await app.QuerySingleAsync<long>("""
            select count(*) from audit_log a join programme p on p.id::text = a.subject_id
            where a.action = 'programme.revise' and p.code = 'las-listrik' and a.facility_code = 'lapas-cirebon'
            """));

        // Only the name: the required minutes stay.
        var renamed = await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/las-listrik/revisions",
            new { name = "Las listrik SMAW", reason = "Nama skema LSP" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(3000, renamed.GetProperty("programme").GetProperty("requiredMinutes").GetInt32());
    }

    [Fact]
    public async Task A_revision_names_each_bad_field_is_not_found_outside_the_facility_and_is_refused_on_a_retired_programme()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "batik", name = "Batik tulis", kind = "training", startsOn = "2025-01-01" })).ExpectAsync(HttpStatusCode.Created);
        const string Path = "/api/v1/facilities/lapas-cirebon/programmes/batik/revisions";

        var nothing = await (await bimker.PostAsJsonAsync(Path, new { })).ExpectFieldErrorAsync("name");
        Assert.True(nothing.GetProperty("errors").TryGetProperty("requiredMinutes", out _));
        Assert.True(nothing.GetProperty("errors").TryGetProperty("reason", out _));
        await (await bimker.PostAsJsonAsync(Path, new { requiredMinutes = 0, reason = "x" })).ExpectFieldErrorAsync("requiredMinutes");
        await (await bimker.PostAsJsonAsync(Path, new { name = " ", reason = "x" })).ExpectFieldErrorAsync("name");
        await (await bimker.PostAsJsonAsync(Path, new { name = "Batik tulis", reason = "x" })).ExpectAsync(HttpStatusCode.Conflict);

        await (await app.Client("bimker", "lapas-gintung").PostAsJsonAsync(Path, new { name = "Batik cap", reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/tidak-ada/revisions", new { name = "Batik cap", reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await app.Client("finance").PostAsJsonAsync(Path, new { name = "Batik cap", reason = "x" })).ExpectAsync(HttpStatusCode.Forbidden);

        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes/batik/retirement", new { retiredOn = "2025-06-01" })).ExpectAsync(HttpStatusCode.Created);
        await (await bimker.PostAsJsonAsync(Path, new { name = "Batik cap", reason = "x" })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from programme_revision r join programme p on p.id = r.programme_id where p.code = 'batik'"));
        Assert.Equal("Batik tulis", await app.QuerySingleAsync<string>("select name from programme where code = 'batik' and facility_code = 'lapas-cirebon'"));
    }

    [Fact]
    public async Task The_period_report_counts_participants_minutes_JP_and_certificates_per_programme()
    {
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "laporan", name = "Program laporan", kind = "both" })).ExpectAsync(HttpStatusCode.Created);
        var people = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            people.Add(await app.RegisterInmateAsync("lapas-cirebon", $"CRB-RPT-{i}"));
        }
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new { programmeCode = "laporan", date = "2025-09-29", minutes = 100, inmateIds = people })).ExpectAsync(HttpStatusCode.Created);
        await app.RecordAsync(people[0], "2025-10-01", 200, programmeCode: "laporan");
        var reversed = await app.RecordAsync(people[1], "2025-10-02", 200, programmeCode: "laporan");
        await (await bimker.PostAsJsonAsync($"/api/v1/training/{reversed}/reversal", new { reason = "Salah" })).ExpectAsync(HttpStatusCode.Created);
        await app.RecordAsync(people[2], "2025-11-03", 200, programmeCode: "laporan");
        foreach (var (person, number, result) in new[] { (people[0], "RPT-1", "competent"), (people[1], "RPT-2", "not-yet-competent"), (people[2], "RPT-3", "competent") })
        {
            await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{person}/certificates", new { title = "T", issuer = "PT Coir", issuerKind = "partner", number, result, issuedOn = "2025-10-16", programmeCode = "laporan" })).ExpectAsync(HttpStatusCode.Created);
        }
        var revoke = await app.QuerySingleAsync<Guid>("select id from certificate where number = 'RPT-3'");
        await (await bimker.PostAsJsonAsync($"/api/v1/certificates/{revoke}/revocation", new { reason = "Salah orang" })).ExpectAsync(HttpStatusCode.Created);

        var report = await (await app.Client("auditor").GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-09-29&to=2025-10-31")).ExpectAsync(HttpStatusCode.OK);

        var line = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("programmeCode").GetString() == "laporan");
        Assert.Equal(3, line.GetProperty("participants").GetInt32());
        Assert.Equal(500, line.GetProperty("minutes").GetInt64());
        Assert.Equal(11, line.GetProperty("jp").GetInt64());
        Assert.Equal(1, line.GetProperty("certificatesIssued").GetInt32());
        Assert.Equal(1, line.GetProperty("notYetCompetent").GetInt32());
        Assert.Equal("lapas-cirebon", line.GetProperty("facility").GetString());
        await (await app.Client("auditor").GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-10-31&to=2025-09-29")).ExpectFieldErrorAsync("from");
    }

    [Fact]
    public async Task A_period_names_each_day_it_cannot_read_and_a_from_after_the_default_to()
    {
        var auditor = app.Client("auditor");
        var both = await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-02-30&to=2025-13-01")).ExpectFieldErrorAsync("from");
        Assert.True(both.GetProperty("errors").TryGetProperty("to", out _));
        await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2999-01-01")).ExpectFieldErrorAsync("from");
    }
}
