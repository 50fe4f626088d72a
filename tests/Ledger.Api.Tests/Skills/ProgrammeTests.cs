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
