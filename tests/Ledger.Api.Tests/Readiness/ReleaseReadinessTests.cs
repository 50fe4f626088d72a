using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace Ledger.Api.Tests.Readiness;

public sealed class ReleaseReadinessTests(ReadinessApp app) : IClassFixture<ReadinessApp>
{
    [Fact]
    public async Task The_summary_follows_domain_mds_worked_example()
    {
        var summary = await app.SummaryAsync();

        var dates = summary.GetProperty("dates");
        Assert.Equal("2027-03-01", dates.GetProperty("expiry").GetString());
        Assert.Equal("2026-12-01", dates.GetProperty("adjustedExpiry").GetString());
        Assert.Equal(1005, dates.GetProperty("sentenceSpanDays").GetInt32());
        Assert.Equal("2025-08-17", dates.GetProperty("halfDate").GetString());
        Assert.Equal("2025-12-31", dates.GetProperty("twoThirdsDate").GetString());
        var rights = summary.GetProperty("rights");
        Assert.Equal("eligible", rights.GetProperty("asimilasi").GetProperty("status").GetString());
        Assert.Equal("2025-08-17", rights.GetProperty("asimilasi").GetProperty("date").GetString());
        Assert.Equal("almost", rights.GetProperty("pembebasanBersyarat").GetProperty("status").GetString());
        Assert.Equal("2025-12-31", rights.GetProperty("pembebasanBersyarat").GetProperty("date").GetString());
        Assert.Equal("2025-12-31", summary.GetProperty("expectedRelease").GetProperty("date").GetString());
    }

    [Fact]
    public async Task The_summary_gathers_skills_certificates_work_premi_and_the_checklist()
    {
        var summary = await app.SummaryAsync();

        var programme = summary.GetProperty("skills").GetProperty("programmes")[0];
        Assert.Equal(2400, programme.GetProperty("minutes").GetInt32());
        Assert.Equal(53, programme.GetProperty("jp").GetInt32());
        Assert.Equal(100, programme.GetProperty("progressPercent").GetInt32());
        var certificate = summary.GetProperty("certificates")[0];
        Assert.True(certificate.GetProperty("validAtRelease").GetBoolean());
        Assert.Equal(135, summary.GetProperty("work").GetProperty("unitsPassed").GetInt64());
        Assert.Equal(337_500, summary.GetProperty("premi").GetProperty("savings").GetInt64());
        Assert.Equal(675_000, summary.GetProperty("premi").GetProperty("totalEarned").GetInt64());
        Assert.All(summary.GetProperty("checklist").EnumerateArray(), item => Assert.True(item.GetProperty("passed").GetBoolean(), item.ToString()));
        Assert.Empty(summary.GetProperty("gaps").EnumerateArray());
    }

    [Fact]
    public async Task The_summary_matches_its_reviewed_snapshot()
    {
        var response = await app.Client("reintegration").GetAsync($"/api/v1/inmates/{app.PersonId}/release-readiness");
        Snapshot.Match(ReadinessApp.WithoutIds(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("2025-04-01", "not-yet", "2025-08-17")]
    [InlineData("2025-08-16", "almost", "2025-08-17")]
    [InlineData("2025-08-17", "eligible", "2025-08-17")]
    public async Task As_of_a_past_day_the_rights_are_what_they_were_then(string asOf, string status, string date)
    {
        var asimilasi = (await app.SummaryAsync(asOf: asOf)).GetProperty("rights").GetProperty("asimilasi");
        Assert.Equal(status, asimilasi.GetProperty("status").GetString());
        Assert.Equal(date, asimilasi.GetProperty("date").GetString());
    }

    [Fact]
    public async Task As_of_a_future_day_parole_is_eligible_and_after_expiry_nothing_applies()
    {
        var later = await app.SummaryAsync(asOf: "2026-01-15");
        Assert.Equal("eligible", later.GetProperty("rights").GetProperty("pembebasanBersyarat").GetProperty("status").GetString());
        var gone = await app.SummaryAsync(asOf: "2026-12-02");
        Assert.Equal("none", gone.GetProperty("rights").GetProperty("pembebasanBersyarat").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_bad_asOf_answers_400_naming_it()
    {
        await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{app.PersonId}/release-readiness?asOf=2025-02-30")).ExpectFieldErrorAsync("asOf");
    }

    [Fact]
    public async Task A_register_F_entry_moves_parole_and_asimilasi_as_domain_md_says()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-0002", detentionDate: "2024-03-01", years: 3);
        var admin = app.Client("admin");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "khusus", grantedOn = "2025-03-31", months = 1, decreeNumber = "A" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 2, decreeNumber = "B" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-06-01", description = "Berkelahi" })).ExpectAsync(HttpStatusCode.Created);

        var rights = (await app.SummaryAsync(id: id)).GetProperty("rights");

        Assert.Equal("2026-03-01", rights.GetProperty("pembebasanBersyarat").GetProperty("date").GetString());
        Assert.Equal("2025-12-01", rights.GetProperty("asimilasi").GetProperty("date").GetString());
        var discipline = rights.GetProperty("pembebasanBersyarat").GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "no-discipline-9-months");
        Assert.False(discipline.GetProperty("passed").GetBoolean());
        Assert.Equal("2026-03-01", discipline.GetProperty("passesOn").GetString());
    }

    [Fact]
    public async Task A_life_sentence_has_no_release_rights()
    {
        var response = await app.Client("admin").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates",
            new { registrationNumber = "CRB-LIFE", fullName = "Endang Contoh", detentionDate = "2015-05-01", sentenceKind = "life" });
        var id = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var summary = await app.SummaryAsync(id: id);

        foreach (var right in summary.GetProperty("rights").EnumerateObject())
        {
            Assert.Equal("none", right.Value.GetProperty("status").GetString());
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.GetProperty("dates").GetProperty("expiry").ValueKind);
        Assert.Equal("no-expiry", summary.GetProperty("expectedRelease").GetProperty("basis").GetString());
    }

    [Fact]
    public async Task After_a_transfer_the_new_facility_reads_the_summary_with_everything_recorded_before()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TRF", detentionDate: "2024-03-01", years: 3);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "sabut-kelapa", date = "2025-09-15", minutes = 240 })).ExpectAsync(HttpStatusCode.Created);
        await (await app.Client("admin", region: "jawa-barat").PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-01" })).ExpectAsync(HttpStatusCode.Created);

        await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/release-readiness")).ExpectAsync(HttpStatusCode.NotFound);
        var summary = await app.SummaryAsync(id: id, facility: "lapas-gintung");

        Assert.Equal("lapas-gintung", summary.GetProperty("person").GetProperty("facilityCode").GetString());
        Assert.Equal(240, summary.GetProperty("skills").GetProperty("totalMinutes").GetInt32());
    }
}
