using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Ledger.Api.Tests.Readiness;

/// <summary>
/// domain.md's worked example as a person at Cirebon (detained 2024-03-01, 3 years, remisi of 1 month granted
/// 2025-03-31 and 2 months granted 2025-08-17), with training in the coir-craft programme, a BNSP certificate,
/// work on the coir-net order and premi from it. The clock stands at 2025-11-20 (Jakarta).
/// </summary>
public class ReadinessApp : LedgerApp
{
    public Guid PersonId { get; private set; }

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        var bimker = Client("bimker");
        (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new
        {
            code = "sabut-kelapa",
            name = "Pelatihan dan produksi kerajinan sabut kelapa",
            kind = "both",
            partner = "PT Coir",
            requiredMinutes = 2400,
        }, Json)).EnsureSuccessStatusCode();
        PersonId = await RegisterInmateAsync("lapas-cirebon", "CRB-0001", detentionDate: "2024-03-01", years: 3, fullName: "Asep Contoh");
        var admin = Client("admin");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{PersonId}/remissions", new { kind = "khusus", grantedOn = "2025-03-31", months = 1, decreeNumber = "PAS-2025-03-01" }, Json)).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{PersonId}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 2, decreeNumber = "PAS-2025-08-17" }, Json)).ExpectAsync(HttpStatusCode.Created);
        foreach (var day in new[] { "2025-09-15", "2025-09-16", "2025-09-17", "2025-09-18", "2025-09-19", "2025-09-22", "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26" })
        {
            await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{PersonId}/training", new { programmeCode = "sabut-kelapa", date = day, minutes = 240 }, Json)).ExpectAsync(HttpStatusCode.Created);
        }
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{PersonId}/certificates", new
        {
            title = "Pembuatan Jaring Sabut Kelapa",
            issuer = "LSP P2 Lapas Cirebon",
            issuerKind = "lsp-bnsp",
            number = "LSP-CRB-2025-0001",
            result = "competent",
            issuedOn = "2025-11-10",
            programmeCode = "sabut-kelapa",
        }, Json)).ExpectAsync(HttpStatusCode.Created);
        await this.CreditAsync([PersonId], 135);
    }

    public async Task<JsonElement> SummaryAsync(string role = "reintegration", string? asOf = null, Guid? id = null, string facility = "lapas-cirebon") =>
        await (await Client(role, facility).GetAsync($"/api/v1/inmates/{id ?? PersonId}/release-readiness" + (asOf is null ? "" : $"?asOf={asOf}"))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Ids are new in every run; a snapshot compares everything else.</summary>
    public static JToken WithoutIds(string json) =>
        JToken.Parse(Regex.Replace(json, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>"));
}
