using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Premi;

/// <summary>
/// Release and payout are two steps by two roles: admin records the release (the account stays open), then finance
/// pays out both parts once, closing the account (POST /inmates/{id}/premi/payout). These tests replace the
/// earlier InmateReleaseTests, which expected the payout inside the release call.
/// </summary>
public sealed class ReleasePayoutTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private Task<long> PayoutsAsync(Guid id) =>
        app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id and kind = 'release-payout'", new { id });

    private Task<HttpResponseMessage> ReleaseAsync(Guid id, string on = "2025-11-20") =>
        app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = on });

    private Task<HttpResponseMessage> PayOutAsync(Guid id, string sub = WorkPremiApi.Creator) =>
        app.Finance(sub).PostAsJsonAsync($"/api/v1/inmates/{id}/premi/payout", new { }, LedgerApp.Json);

    /// <summary>Registered and credited with Rp337.500 in each part.</summary>
    private async Task<Guid> CreditedPersonAsync(string registrationNumber)
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", registrationNumber, detentionDate: "2024-06-01");
        await app.CreditAsync([id], 135);
        return id;
    }

    [Fact]
    public async Task The_release_leaves_the_account_open_then_finance_pays_out_both_parts_once()
    {
        var id = await CreditedPersonAsync("CRB-PAY-1");
        await (await app.WithdrawAsync(id, "spendable", 25_000)).ExpectAsync(HttpStatusCode.Created);

        await (await ReleaseAsync(id)).ExpectAsync(HttpStatusCode.Created);
        var open = await app.AccountAsync(id);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("closedOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("payout").ValueKind);
        Assert.Equal(312_500, open.GetProperty("spendable").GetInt64());
        Assert.Equal(0, await PayoutsAsync(id));

        var payout = await (await PayOutAsync(id)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(312_500, payout.GetProperty("spendable").GetInt64());
        Assert.Equal(337_500, payout.GetProperty("savings").GetInt64());
        Assert.Equal(650_000, payout.GetProperty("total").GetInt64());
        Assert.Equal("2025-11-20", payout.GetProperty("releasedOn").GetString());
        Assert.Equal("2025-11-20", payout.GetProperty("paidOn").GetString());
        Assert.StartsWith("KW-20251120-", payout.GetProperty("receiptNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal("release-payout", payout.GetProperty("entry").GetProperty("kind").GetString());
        Assert.Equal(-337_500, payout.GetProperty("entry").GetProperty("savingsChange").GetInt64());

        var account = await app.AccountAsync(id);
        Assert.Equal("2025-11-20", account.GetProperty("closedOn").GetString());
        Assert.Equal(0, account.GetProperty("spendable").GetInt64());
        Assert.Equal(0, account.GetProperty("savings").GetInt64());
        Assert.Equal(payout.GetProperty("receiptNumber").GetString(), account.GetProperty("payout").GetProperty("receiptNumber").GetString());
        await app.AssertBalanceIsSumOfEntriesAsync(id);

        // A second payout is refused and names the first; the closed account takes nothing more.
        var again = await (await PayOutAsync(id, WorkPremiApi.Approver)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("paid out on 2025-11-20", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Rp650.000", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await app.WithdrawAsync(id, "spendable", 1)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await PayoutsAsync(id));
        Assert.Equal(1, await app.QuerySingleAsync<long>(
            "select count(*) from audit_log where action = 'premi.release-payout' and subject_id = @id and user_sub = @sub", new { id = id.ToString(), sub = WorkPremiApi.Creator }));
    }

    [Fact]
    public async Task A_person_whose_release_is_not_recorded_is_not_paid_out()
    {
        var id = await CreditedPersonAsync("CRB-PAY-2");

        var refused = await (await PayOutAsync(id)).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Contains("is not recorded yet", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await PayoutsAsync(id));
        Assert.Equal(337_500, (await app.AccountAsync(id)).GetProperty("savings").GetInt64());
    }

    [Fact]
    public async Task A_person_without_premi_is_paid_nothing_and_the_account_closes_empty()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-PAY-3", detentionDate: "2024-06-01");
        await (await ReleaseAsync(id)).ExpectAsync(HttpStatusCode.Created);

        var payout = await (await PayOutAsync(id)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(0, payout.GetProperty("total").GetInt64());
        Assert.Equal("2025-11-20", (await app.AccountAsync(id)).GetProperty("closedOn").GetString());
    }

    [Fact]
    public async Task Two_officers_paying_at_once_pay_once()
    {
        var id = await CreditedPersonAsync("CRB-PAY-4");
        await (await ReleaseAsync(id)).ExpectAsync(HttpStatusCode.Created);

        var answers = await Task.WhenAll(PayOutAsync(id, WorkPremiApi.Creator), PayOutAsync(id, WorkPremiApi.Approver));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await PayoutsAsync(id));
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task The_payout_and_its_audit_row_are_written_together_or_not_at_all()
    {
        var id = await CreditedPersonAsync("CRB-PAY-5");
        await (await ReleaseAsync(id)).ExpectAsync(HttpStatusCode.Created);
        var facility = await app.Services.GetRequiredService<FacilityStore>().GetAsync("lapas-cirebon", CancellationToken.None)
            ?? throw new InvalidOperationException("lapas-cirebon is seeded");

        await using (var rolledBack = await WriteSession.BeginAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            new Actor("finance-payout-test", ["finance"], "payout-test"), app.Clock, CancellationToken.None))
        {
            await PremiAccountStore.PayOutReleaseAsync(rolledBack, facility, new InmateId(id), null, CancellationToken.None);
        }

        Assert.Equal(0, await PayoutsAsync(id));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'premi.release-payout' and subject_id = @id", new { id = id.ToString() }));
        await (await PayOutAsync(id)).ExpectAsync(HttpStatusCode.Created);
    }
}
