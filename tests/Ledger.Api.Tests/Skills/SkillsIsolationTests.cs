using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

public sealed class SkillsIsolationTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    [Fact]
    public async Task A_Gintung_user_gets_404_for_Cirebon_training_entries_certificates_and_skills_as_if_they_did_not_exist()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-S1");
        var entry = await app.RecordAsync(id, "2025-09-08", 240);
        var certificate = (await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/certificates", new
        {
            title = "T", issuer = "PT Coir", issuerKind = "partner", number = "ISO-1", result = "competent", issuedOn = "2025-10-16",
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var gintung = app.Client("bimker", "lapas-gintung");

        var hidden = await (await gintung.PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        var missing = await (await gintung.PostAsJsonAsync($"/api/v1/training/{Guid.NewGuid()}/reversal", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        await (await gintung.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.GetAsync($"/api/v1/inmates/{id}/training")).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.GetAsync($"/api/v1/inmates/{id}/certificates")).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.PostAsJsonAsync($"/api/v1/inmates/{id}/training", new { programmeCode = "menjahit", date = "2025-09-09", minutes = 60 })).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.GetAsync("/api/v1/facilities/lapas-cirebon/programmes")).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new { programmeCode = "sabut-kelapa", date = "2025-09-09", minutes = 60, inmateIds = new[] { id } })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from training_reversal"));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from certificate_revocation"));
    }

    [Fact]
    public async Task A_Cirebon_session_cannot_name_a_Gintung_person()
    {
        var gintung = await app.RegisterInmateAsync("lapas-gintung", "GTG-ISO-S1");
        var response = await app.Client("bimker").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions",
            new { programmeCode = "sabut-kelapa", date = "2025-09-09", minutes = 60, inmateIds = new[] { gintung } });
        await response.ExpectFieldErrorAsync("inmateIds[0]");
    }

    [Fact]
    public async Task After_a_transfer_the_hours_and_certificates_go_with_the_person()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-S2", detentionDate: "2024-06-01");
        await app.RecordAsync(id, "2025-09-08", 240);
        await (await app.Client("admin", "lapas-cirebon", region: "jawa-barat").PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-15" })).ExpectAsync(HttpStatusCode.Created);

        var skills = await (await app.Client("bimker", "lapas-gintung").GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.OK);

        var coir = skills.GetProperty("programmes")[0];
        Assert.Equal(("sabut-kelapa", "lapas-cirebon", 240), (coir.GetProperty("programmeCode").GetString(), coir.GetProperty("facilityCode").GetString(), coir.GetProperty("minutes").GetInt32()));
        await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.NotFound);
    }
}
