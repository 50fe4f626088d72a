using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Premi;

/// <summary>Real PostgreSQL, real concurrent requests: the locks, not luck, keep the ledger right.</summary>
public sealed class PremiConcurrencyTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Twenty_withdrawals_at_once_never_take_more_than_the_balance()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-RACE-1", detentionDate: "2024-06-01");
        await app.CreditAsync([id], 135);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.WithdrawAsync(id, "spendable", 50_000)));

        // Rp337.500 spendable holds six withdrawals of Rp50.000; the other fourteen are refused.
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(14, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var account = await app.AccountAsync(id);
        Assert.Equal(37_500, account.GetProperty("spendable").GetInt64());
        Assert.Equal(337_500, account.GetProperty("savings").GetInt64());
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task Two_approvals_of_one_run_at_once_post_it_once()
    {
        var workers = new List<Guid>();
        for (var n = 1; n <= 5; n++)
        {
            workers.Add(await app.RegisterInmateAsync("lapas-cirebon", $"CRB-RACE-2{n}", detentionDate: "2024-06-01"));
        }
        var order = await app.CreateOrderAsync("2025-10-01", "2025-10-01", quantity: 50);
        await app.PostRecordsAsync(order, workers.Select(w => Row(w, "2025-10-01", 10)));
        var scheme = await app.PieceRateSchemeAsync();
        var runId = (await app.DraftAsync(scheme, order)).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(
            app.Finance("finance-a").PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { }),
            app.Finance("finance-b").PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(5, await app.QuerySingleAsync<long>("select count(*) from premi_entry where run_id = @runId", new { runId }));
        foreach (var worker in workers)
        {
            Assert.Equal(25_000, (await app.AccountAsync(worker)).GetProperty("spendable").GetInt64());
            await app.AssertBalanceIsSumOfEntriesAsync(worker);
        }
    }
}
