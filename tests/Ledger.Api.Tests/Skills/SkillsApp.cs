using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

/// <summary>
/// The API with the two demo facilities and their programmes: at Cirebon the coir-craft programme (training and
/// production), a production-only one, and one that starts on 1 October 2025; at Gintung a sewing programme.
/// </summary>
public class SkillsApp : LedgerApp
{
    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var bimker = Client("bimker");
        await CreateProgrammeAsync(bimker, "lapas-cirebon", new
        {
            code = "sabut-kelapa",
            name = "Pelatihan dan produksi kerajinan sabut kelapa",
            kind = "both",
            partner = "PT Coir",
            requiredMinutes = 2400,
            certificationScheme = "Pembuatan Jaring Sabut Kelapa",
        });
        await CreateProgrammeAsync(bimker, "lapas-cirebon", new { code = "produksi-jaring", name = "Produksi jaring sabut", kind = "production" });
        await CreateProgrammeAsync(bimker, "lapas-cirebon", new { code = "las", name = "Pelatihan las listrik", kind = "training", startsOn = "2025-10-01" });
        await CreateProgrammeAsync(Client("bimker", "lapas-gintung"), "lapas-gintung", new { code = "menjahit", name = "Pelatihan menjahit", kind = "training", partner = "BLK Bandung" });
    }

    private static async Task CreateProgrammeAsync(HttpClient client, string facility, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/facilities/{facility}/programmes", body, Json);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating a programme answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Records one entry as Cirebon's bimker and returns its id.</summary>
    public async Task<Guid> RecordAsync(Guid inmateId, string date, int minutes, string programmeCode = "sabut-kelapa", string? note = null)
    {
        var response = await Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{inmateId}/training", new { programmeCode, date, minutes, note }, Json);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return response.StatusCode == HttpStatusCode.Created
            ? body.GetProperty("id").GetGuid()
            : throw new InvalidOperationException($"Recording training answered {(int)response.StatusCode}: {body}");
    }

    public Task<long> CountAsync(string table) => QuerySingleAsync<long>($"select count(*) from {table}");
}
