using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Premi;

/// <summary>A person's premi account: two parts, entries that are never changed, no part below zero.</summary>
public sealed class PremiAccountTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>A person credited with 135 nets × Rp5.000: Rp337.500 spendable and Rp337.500 tabungan.</summary>
    private async Task<Guid> CreditedPersonAsync(string registrationNumber)
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", registrationNumber, detentionDate: "2024-06-01");
        await app.CreditAsync([id], 135);
        return id;
    }

    [Fact]
    public async Task The_account_shows_both_parts_the_premi_earned_and_every_entry_with_its_running_balance()
    {
        var id = await CreditedPersonAsync("CRB-ACC-1");

        var withdrawal = await (await app.WithdrawAsync(id, "spendable", 100_000)).ExpectAsync(HttpStatusCode.Created);
        await (await app.WithdrawAsync(id, "savings", 50_000, "family")).ExpectAsync(HttpStatusCode.Created);
        var account = await app.AccountAsync(id);

        Assert.Equal(237_500, withdrawal.GetProperty("spendableAfter").GetInt64());
        Assert.Equal(237_500, account.GetProperty("spendable").GetInt64());
        Assert.Equal(287_500, account.GetProperty("savings").GetInt64());
        Assert.Equal(675_000, account.GetProperty("totalEarned").GetInt64());
        var entries = account.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["run-credit", "withdrawal", "withdrawal"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([(337_500L, 337_500L), (237_500L, 337_500L), (237_500L, 287_500L)],
            entries.Select(e => (e.GetProperty("spendableAfter").GetInt64(), e.GetProperty("savingsAfter").GetInt64())));
        Assert.Equal("basic-needs", entries[1].GetProperty("purpose").GetString());
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task A_withdrawal_beyond_the_balance_answers_409_and_writes_nothing()
    {
        var id = await CreditedPersonAsync("CRB-ACC-2");
        var audits = await app.QuerySingleAsync<long>("select count(*) from audit_log");

        var response = await app.WithdrawAsync(id, "spendable", 337_501);

        var problem = await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("Rp337.500", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id", new { id }));
        Assert.Equal(audits, await app.QuerySingleAsync<long>("select count(*) from audit_log"));
        await (await app.WithdrawAsync(id, "spendable", 337_500)).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Tabungan_is_not_spent_on_basic_needs_and_bad_withdrawals_name_their_field()
    {
        var id = await CreditedPersonAsync("CRB-ACC-3");
        await (await app.WithdrawAsync(id, "savings", 1_000, "basic-needs")).ExpectAsync(HttpStatusCode.Conflict);
        await (await app.WithdrawAsync(id, "spendable", 0)).ExpectFieldErrorAsync("amount");
        await (await app.WithdrawAsync(id, "spendable", 1_000, "party")).ExpectFieldErrorAsync("purpose");
        await (await app.Finance().PostAsJsonAsync($"/api/v1/inmates/{id}/premi/withdrawals", new { amount = 5 })).ExpectFieldErrorAsync("part");
    }

    [Fact]
    public async Task A_reversal_names_the_entry_and_the_reason_and_is_refused_twice_or_below_zero()
    {
        var id = await CreditedPersonAsync("CRB-ACC-4");
        var withdrawal = await (await app.WithdrawAsync(id, "spendable", 300_000)).ExpectAsync(HttpStatusCode.Created);
        var credit = (await app.AccountAsync(id)).GetProperty("entries")[0].GetProperty("id").GetGuid();
        var finance = app.Finance();

        var creditReversal = await finance.PostAsJsonAsync($"/api/v1/premi-entries/{credit}/reversal", new { reason = "Salah hitung" });
        Assert.Contains("below zero", (await creditReversal.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{withdrawal.GetProperty("id").GetGuid()}/reversal", new { })).ExpectFieldErrorAsync("reason");
        var reversal = await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{withdrawal.GetProperty("id").GetGuid()}/reversal", new { reason = "Uang dikembalikan" })).ExpectAsync(HttpStatusCode.Created);
        await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{withdrawal.GetProperty("id").GetGuid()}/reversal", new { reason = "Lagi" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{reversal.GetProperty("id").GetGuid()}/reversal", new { reason = "Lagi" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{credit}/reversal", new { reason = "Salah hitung" })).ExpectAsync(HttpStatusCode.Created);

        var account = await app.AccountAsync(id);
        Assert.Equal(0, account.GetProperty("spendable").GetInt64());
        Assert.Equal(0, account.GetProperty("savings").GetInt64());
        Assert.Equal(0, account.GetProperty("totalEarned").GetInt64());
        var entries = account.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(reversal.GetProperty("id").GetGuid(), entries[1].GetProperty("reversedByEntryId").GetGuid());
        Assert.Equal("Uang dikembalikan", entries[2].GetProperty("reason").GetString());
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task The_payout_after_release_pays_both_parts_and_closes_the_account_at_zero()
    {
        var id = await CreditedPersonAsync("CRB-ACC-5");
        await (await app.WithdrawAsync(id, "spendable", 37_500)).ExpectAsync(HttpStatusCode.Created);

        await (await app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Created);
        await (await app.Finance().PostAsJsonAsync($"/api/v1/inmates/{id}/premi/payout", new { }, LedgerApp.Json)).ExpectAsync(HttpStatusCode.Created);

        var account = await app.AccountAsync(id);
        Assert.Equal("2025-11-20", account.GetProperty("closedOn").GetString());
        Assert.Equal(0, account.GetProperty("spendable").GetInt64());
        Assert.Equal(0, account.GetProperty("savings").GetInt64());
        var payout = account.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal("release-payout", payout.GetProperty("kind").GetString());
        Assert.Equal(-300_000, payout.GetProperty("spendableChange").GetInt64());
        Assert.Equal(-337_500, payout.GetProperty("savingsChange").GetInt64());
        await (await app.WithdrawAsync(id, "spendable", 1)).ExpectAsync(HttpStatusCode.Conflict);
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task A_transfer_keeps_the_account_with_the_person()
    {
        var id = await CreditedPersonAsync("CRB-ACC-6");
        await (await app.Client("admin", region: "jawa-barat").PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-15" })).ExpectAsync(HttpStatusCode.Created);

        var account = await app.AccountAsync(id, "lapas-gintung");
        await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/premi")).ExpectAsync(HttpStatusCode.NotFound);
        await (await app.WithdrawAsync(id, "spendable", 1_000, facility: "lapas-gintung")).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(337_500, account.GetProperty("spendable").GetInt64());
        Assert.Equal(675_000, account.GetProperty("totalEarned").GetInt64());
    }

    [Fact]
    public async Task The_database_refuses_a_negative_part_and_any_change_to_an_entry()
    {
        var id = await CreditedPersonAsync("CRB-ACC-7");
        var negative = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            app.QuerySingleAsync<long>("with u as (update premi_account set spendable = -1, version = version + 1 where inmate_id = @id returning 1) select count(*) from u", new { id }));
        // The balance guard refuses it before the CHECK would: no entry of that version explains it (0005).
        Assert.Contains("no premi entry", negative.MessageText);
        var skipped = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            app.QuerySingleAsync<long>("with u as (update premi_account set spendable = 0 where inmate_id = @id returning 1) select count(*) from u", new { id }));
        Assert.Contains("next version", skipped.MessageText);
        var changed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with u as (update premi_entry set note = 'x' returning 1) select count(*) from u"));
        Assert.Contains("append-only", changed.MessageText);
        var deleted = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with d as (delete from premi_entry returning 1) select count(*) from d"));
        Assert.Contains("append-only", deleted.MessageText);
    }

    [Fact]
    public async Task A_paid_work_record_stays_as_the_evidence_of_its_payment()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ACC-8", detentionDate: "2024-06-01");
        await app.CreditAsync([id], 10);
        var record = await app.QuerySingleAsync<Guid>("select id from work_record where inmate_id = @id", new { id });

        var response = await app.Bimker().PostAsJsonAsync($"/api/v1/work-records/{record}/reversal", new { reason = "Salah" });

        Assert.Contains("reversing the premi entry", (await response.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }
}
