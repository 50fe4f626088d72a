using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace Ledger.Api.Tests.Skills;

public sealed partial class SkillsViewTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    [Fact]
    public async Task A_persons_skills_view_matches_its_reviewed_snapshot()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-VIEW-1", detentionDate: "2024-03-01", fullName: "Asep Sunandar");
        foreach (var day in new[] { "2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12" })
        {
            await app.RecordAsync(id, day, 240, note: day == "2025-09-08" ? "Pengenalan serat sabut" : null);
        }
        var wrong = await app.RecordAsync(id, "2025-09-15", 240);
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{wrong}/reversal", new { reason = "Tidak hadir (sakit)" })).ExpectAsync(HttpStatusCode.Created);
        await app.RecordAsync(id, "2025-10-06", 100, programmeCode: "las");
        var bimker = app.Client("bimker");
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{id}/certificates", new
        {
            title = "Pembuat Jaring Sabut Kelapa", scheme = "Pembuatan Jaring Sabut Kelapa", issuer = "LSP P2 Kerajinan Jawa Barat", issuerKind = "lsp-bnsp",
            number = "VIEW-0001", result = "competent", issuedOn = "2025-09-30", programmeCode = "sabut-kelapa",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{id}/certificates", new
        {
            title = "Juru Las Tingkat 1", issuer = "BLK Cirebon", issuerKind = "blk", number = "VIEW-0002", result = "not-yet-competent", issuedOn = "2025-11-01",
        })).ExpectAsync(HttpStatusCode.Created);

        var response = await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/skills?from=2025-09-10&to=2025-10-31");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshot.Match(JToken.Parse(Scrub(json)));
    }

    [Fact]
    public async Task Progress_counts_live_minutes_towards_the_required_minutes_and_JP_by_the_facility_setting()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-VIEW-2");
        for (var day = 1; day <= 11; day++)
        {
            await app.RecordAsync(id, $"2025-09-{day:D2}", 240);
        }

        var skills = await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.OK);

        var coir = skills.GetProperty("programmes")[0];
        Assert.Equal(2640, coir.GetProperty("minutes").GetInt32());
        Assert.Equal(58, coir.GetProperty("jp").GetInt32());
        Assert.Equal(100, coir.GetProperty("progressPercent").GetInt32());
        Assert.Equal(0, coir.GetProperty("remainingMinutes").GetInt32());
        Assert.True(coir.GetProperty("requirementMet").GetBoolean());
        Assert.Equal(11, skills.GetProperty("entries").GetArrayLength());
    }

    /// <summary>Ids differ on every run: each distinct one becomes a numbered placeholder in order of appearance.</summary>
    private static string Scrub(string json)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return Uuid().Replace(json, m => seen.TryGetValue(m.Value, out var name) ? name : seen[m.Value] = $"<id-{seen.Count + 1}>");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();
}
