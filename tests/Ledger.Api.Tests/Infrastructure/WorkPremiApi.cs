using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>The steps of the work and premi story through the API, as a bimker officer and two finance users take them.</summary>
public static class WorkPremiApi
{
    public const string Creator = "finance-creator";
    public const string Approver = "finance-approver";

    public static HttpClient Bimker(this LedgerApp app, string facility = "lapas-cirebon") => app.Client("bimker", facility);

    public static HttpClient Finance(this LedgerApp app, string sub = Creator, string facility = "lapas-cirebon") => app.Client("finance", facility, sub: sub);

    public static async Task<Guid> CreateOrderAsync(this LedgerApp app, string startsOn = "2025-09-29", string endsOn = "2025-10-16", int quantity = 5400,
        string facility = "lapas-cirebon", string unitName = "jaring")
    {
        await app.EnsureProgrammeAsync(facility);
        var response = await app.Bimker(facility).PostAsJsonAsync($"/api/v1/facilities/{facility}/work-orders", new
        {
            programmeCode = "sabut-kelapa",
            description = "Jaring sabut kelapa",
            partner = "PT Coir",
            buyer = "Pembeli di Korea Selatan",
            quantity,
            unitName,
            startsOn,
            endsOn,
        }, LedgerApp.Json);
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>The coir-craft programme the orders belong to, created once per facility (a replay of its key writes nothing).</summary>
    public static async Task EnsureProgrammeAsync(this LedgerApp app, string facility = "lapas-cirebon")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/facilities/{facility}/programmes")
        {
            Headers = { { "Idempotency-Key", $"programme-sabut-kelapa-{facility}" } },
            Content = JsonContent.Create(new { code = "sabut-kelapa", name = "Pelatihan dan produksi kerajinan sabut kelapa", kind = "both", partner = "PT Coir" }, options: LedgerApp.Json),
        };
        var response = await app.Client("bimker", facility, sub: "bimker-setup").SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    public static async Task PostRecordsAsync(this LedgerApp app, Guid orderId, IEnumerable<object> rows, string facility = "lapas-cirebon")
    {
        var response = await app.Bimker(facility).PostAsJsonAsync($"/api/v1/work-orders/{orderId}/records", rows.ToArray(), LedgerApp.Json);
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static object Row(Guid inmateId, string date, int units, int minutes = 420, int? passed = null) =>
        new { inmateId, date, minutes, unitsProduced = units, unitsPassed = passed ?? units };

    public static async Task<Guid> CreateSchemeAsync(this LedgerApp app, object body, string facility = "lapas-cirebon")
    {
        var response = await app.Finance(facility: facility).PostAsJsonAsync($"/api/v1/facilities/{facility}/premi-schemes", body, LedgerApp.Json);
        return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static Task<Guid> PieceRateSchemeAsync(this LedgerApp app, long rate = 5000, int savingsPercent = 50, long? monthlyCap = null, string facility = "lapas-cirebon") =>
        app.CreateSchemeAsync(new { name = "Premi per jaring", kind = "piece-rate", rate, savingsPercent, monthlyCap, validFrom = "2025-01-01" }, facility);

    public static async Task<JsonElement> DraftAsync(this LedgerApp app, Guid schemeId, Guid? workOrderId = null, string? from = null, string? to = null,
        string facility = "lapas-cirebon", string sub = Creator)
    {
        var response = await app.Finance(sub, facility).PostAsJsonAsync($"/api/v1/facilities/{facility}/premi-runs", new { schemeId, workOrderId, from, to }, LedgerApp.Json);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ApproveAsync(this LedgerApp app, Guid runId, string facility = "lapas-cirebon", string sub = Approver)
    {
        var response = await app.Finance(sub, facility).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { }, LedgerApp.Json);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Credits each person with <paramref name="units"/> × Rp5.000 (half tabungan) through a work order, a draft and its approval.</summary>
    public static async Task<Guid> CreditAsync(this LedgerApp app, IReadOnlyList<Guid> inmateIds, int units, string date = "2025-10-01", string facility = "lapas-cirebon")
    {
        var order = await app.CreateOrderAsync(date, date, quantity: Math.Max(1, units * inmateIds.Count), facility: facility);
        await app.PostRecordsAsync(order, inmateIds.Select(id => Row(id, date, units)), facility);
        var scheme = await app.PieceRateSchemeAsync(facility: facility);
        var draft = await app.DraftAsync(scheme, order, facility: facility);
        var runId = draft.GetProperty("id").GetGuid();
        await app.ApproveAsync(runId, facility);
        return runId;
    }

    public static async Task<JsonElement> AccountAsync(this LedgerApp app, Guid inmateId, string facility = "lapas-cirebon") =>
        await (await app.Client("reintegration", facility).GetAsync($"/api/v1/inmates/{inmateId}/premi")).ExpectAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> WithdrawAsync(this LedgerApp app, Guid inmateId, string part, long amount, string purpose = "basic-needs", string facility = "lapas-cirebon") =>
        app.Finance(facility: facility).PostAsJsonAsync($"/api/v1/inmates/{inmateId}/premi/withdrawals", new { part, amount, purpose }, LedgerApp.Json);

    /// <summary>The database's own view: the balance row equals the sum of the account's entries, and each entry's balance-after is the running sum.</summary>
    public static async Task AssertBalanceIsSumOfEntriesAsync(this LedgerApp app, Guid inmateId)
    {
        var mismatches = await app.QuerySingleAsync<long>("""
            select count(*) from premi_account a
            where a.inmate_id = @inmateId and (
              a.spendable <> (select coalesce(sum(spendable_change), 0) from premi_entry e where e.inmate_id = a.inmate_id)
              or a.savings <> (select coalesce(sum(savings_change), 0) from premi_entry e where e.inmate_id = a.inmate_id)
              or a.total_earned <> (select coalesce(sum(earned_change), 0) from premi_entry e where e.inmate_id = a.inmate_id)
              or a.version <> (select count(*) from premi_entry e where e.inmate_id = a.inmate_id)
              or exists (select 1 from premi_entry e where e.inmate_id = a.inmate_id and (
                   e.spendable_after <> (select sum(x.spendable_change) from premi_entry x where x.inmate_id = e.inmate_id and x.version <= e.version)
                or e.savings_after <> (select sum(x.savings_change) from premi_entry x where x.inmate_id = e.inmate_id and x.version <= e.version))))
            """, new { inmateId });
        Assert.Equal(0, mismatches);
    }
}
