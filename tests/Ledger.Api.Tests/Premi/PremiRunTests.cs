using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Premi;

/// <summary>The coir-net story: 40 workers, 14 working days, 135 nets each, then premi under each kind of scheme.</summary>
public sealed class PremiRunTests(PremiRunTests.App app) : IClassFixture<PremiRunTests.App>
{
    public sealed class App : LedgerApp
    {
        public List<Guid> Workers { get; } = [];
        public Guid CoirOrder { get; private set; }
        public List<string> WorkingDays { get; } = [];

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            for (var n = 1; n <= 40; n++)
            {
                Workers.Add(await RegisterInmateAsync("lapas-cirebon", $"CRB-{n:0000}", fullName: $"Pekerja {n:00}"));
            }
            CoirOrder = await this.CreateOrderAsync();
            for (var day = new DateOnly(2025, 9, 29); day <= new DateOnly(2025, 10, 16); day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }
                WorkingDays.Add(day.ToString("yyyy-MM-dd"));
                var units = WorkingDays.Count <= 5 ? 9 : 10;
                await this.PostRecordsAsync(CoirOrder, Workers.Select(w => Row(w, day.ToString("yyyy-MM-dd"), units)));
            }
        }
    }

    [Fact]
    public async Task The_story_order_has_14_working_days_and_5400_nets_passed()
    {
        var order = await (await app.Bimker().GetAsync($"/api/v1/work-orders/{app.CoirOrder}")).ExpectAsync(HttpStatusCode.OK);
        var progress = order.GetProperty("progress");
        Assert.Equal(14, app.WorkingDays.Count);
        Assert.Equal(5400, progress.GetProperty("unitsPassed").GetInt64());
        Assert.Equal(40, progress.GetProperty("workers").GetInt32());
        Assert.Equal(14, progress.GetProperty("days").GetInt32());
        Assert.Equal(100, progress.GetProperty("percentPassed").GetInt32());
    }

    [Fact]
    public async Task Piece_rate_worked_example_40_workers_135_nets_at_Rp5000_is_Rp27000000_and_nothing_is_posted_before_approval()
    {
        var scheme = await app.PieceRateSchemeAsync();

        var draft = await app.DraftAsync(scheme, app.CoirOrder);

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(27_000_000, draft.GetProperty("total").GetInt64());
        Assert.Equal(13_500_000, draft.GetProperty("totalSavings").GetInt64());
        var lines = draft.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(40, lines.Count);
        Assert.All(lines, l =>
        {
            Assert.Equal(675_000, l.GetProperty("gross").GetInt64());
            Assert.Equal(337_500, l.GetProperty("spendable").GetInt64());
            Assert.Equal(337_500, l.GetProperty("savings").GetInt64());
            Assert.Equal(135, l.GetProperty("basisQuantity").GetInt64());
        });
        Assert.Equal("135 jaring lolos QC × Rp5.000 = Rp675.000; 50% tabungan Rp337.500", lines[0].GetProperty("explanation").GetString());
        Assert.Equal(560, draft.GetProperty("workRecordCount").GetInt32());
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from premi_entry e join premi_run r on r.id = e.run_id where r.scheme_id = @scheme", new { scheme }));
    }

    [Fact]
    public async Task The_creator_cannot_approve_their_own_draft_and_another_finance_user_posts_it_exactly_once()
    {
        var scheme = await app.PieceRateSchemeAsync(rate: 1000, savingsPercent: 0);
        var runId = (await app.DraftAsync(scheme, app.CoirOrder)).GetProperty("id").GetGuid();

        var self = await app.Finance(Creator).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { });
        var refusal = await self.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("another finance user", refusal.GetProperty("detail").GetString());
        var bimker = await app.Bimker().PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { });
        await bimker.ExpectAsync(HttpStatusCode.Forbidden);
        var wrongTotal = await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { expectedTotal = 1 });
        await wrongTotal.ExpectAsync(HttpStatusCode.Conflict);

        var approved = await (await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { expectedTotal = 5_400_000 })).ExpectAsync(HttpStatusCode.Created);
        var again = await app.Finance("finance-third").PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { });
        await again.ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(Approver, approved.GetProperty("approvedBy").GetString());
        Assert.Equal(40, await app.QuerySingleAsync<long>("select count(*) from premi_entry where run_id = @runId", new { runId }));
        Assert.Equal(5_400_000, await app.QuerySingleAsync<long>("select sum(earned_change) from premi_entry where run_id = @runId", new { runId }));
        await app.AssertBalanceIsSumOfEntriesAsync(app.Workers[0]);
    }

    [Fact]
    public async Task A_record_is_paid_once_per_scheme_and_a_later_draft_leaves_it_out_and_says_why()
    {
        var scheme = await app.PieceRateSchemeAsync(rate: 100);
        var first = await app.DraftAsync(scheme, app.CoirOrder);
        var rival = await app.DraftAsync(scheme, app.CoirOrder);
        await app.ApproveAsync(first.GetProperty("id").GetGuid());

        var again = await app.DraftAsync(scheme, app.CoirOrder);
        var rivalApproval = await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{rival.GetProperty("id").GetGuid()}/approval", new { });

        Assert.Empty(again.GetProperty("lines").EnumerateArray());
        Assert.Equal(0, again.GetProperty("total").GetInt64());
        var excluded = again.GetProperty("excluded").EnumerateArray().ToList();
        Assert.Equal(560, excluded.Count);
        Assert.Contains("sudah dibayar oleh run " + first.GetProperty("id").GetGuid(), excluded[0].GetProperty("reason").GetString());
        Assert.Contains("paid by another run", (await rivalApproval.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(560, await app.QuerySingleAsync<long>("select count(*) from premi_paid_record where scheme_id = @scheme", new { scheme }));
    }

    [Fact]
    public async Task Day_rate_counts_days_with_at_least_the_minimum_minutes()
    {
        var worker = await app.RegisterInmateAsync("lapas-cirebon", "CRB-DAY-1", fullName: "Harian Contoh");
        var order = await app.CreateOrderAsync("2025-11-03", "2025-11-07", quantity: 50);
        await app.PostRecordsAsync(order, [Row(worker, "2025-11-03", 5, minutes: 300), Row(worker, "2025-11-04", 5, minutes: 240), Row(worker, "2025-11-05", 5, minutes: 120),
            Row(worker, "2025-11-05", 5, minutes: 100), Row(worker, "2025-11-06", 5, minutes: 480)]);
        var scheme = await app.CreateSchemeAsync(new { name = "Premi harian", kind = "day-rate", rate = 50_000, savingsPercent = 50, validFrom = "2025-01-01" });

        var draft = await app.DraftAsync(scheme, order);

        var line = draft.GetProperty("lines")[0];
        Assert.Equal(3, line.GetProperty("basisQuantity").GetInt64());
        Assert.Equal("days", line.GetProperty("basisUnit").GetString());
        Assert.Equal(150_000, line.GetProperty("gross").GetInt64());
        Assert.Equal("3 hari kerja (≥ 240 menit) × Rp50.000 = Rp150.000; 50% tabungan Rp75.000", line.GetProperty("explanation").GetString());
        var excluded = draft.GetProperty("excluded").EnumerateArray().ToList();
        Assert.Equal(2, excluded.Count);
        Assert.Contains("220 menit", excluded[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Monthly_pays_Rp600000_for_October_with_12_days_worked_and_nothing_for_September_with_2()
    {
        var scheme = await app.CreateSchemeAsync(new { name = "Premi bulanan", kind = "monthly", rate = 600_000, minDaysPerMonth = 10, savingsPercent = 50, validFrom = "2025-01-01" });

        var october = await app.DraftAsync(scheme, from: "2025-10-01", to: "2025-10-31");
        var september = await app.DraftAsync(scheme, from: "2025-09-01", to: "2025-09-30");

        Assert.Equal(24_000_000, october.GetProperty("total").GetInt64());
        var line = october.GetProperty("lines")[0];
        Assert.Equal(600_000, line.GetProperty("gross").GetInt64());
        Assert.Equal(300_000, line.GetProperty("savings").GetInt64());
        Assert.Contains("Oktober 2025: 12 hari kerja", line.GetProperty("explanation").GetString());
        Assert.Empty(september.GetProperty("lines").EnumerateArray());
        Assert.Contains("2 hari kerja di September 2025, kurang dari minimum 10 hari", september.GetProperty("excluded")[0].GetProperty("reason").GetString());
        var partial = await app.Finance().PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/premi-runs", new { schemeId = scheme, from = "2025-10-02", to = "2025-10-31" });
        await partial.ExpectFieldErrorAsync("from");
    }

    [Fact]
    public async Task Profit_share_splits_Rp1000000_among_three_equal_shares_as_333334_333333_333333()
    {
        var run = await ProfitShareRunAsync();

        Assert.Equal([333_334L, 333_333L, 333_333L], run.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("gross").GetInt64()));
        Assert.Equal(1_000_000, run.GetProperty("total").GetInt64());
        Assert.Equal("PS-0001", run.GetProperty("lines")[0].GetProperty("registrationNumber").GetString());
    }

    [Fact]
    public async Task A_profit_share_needs_a_closed_order_with_revenue_and_costs()
    {
        var scheme = await app.CreateSchemeAsync(new { name = "Bagi hasil", kind = "profit-share", percent = 50, savingsPercent = 50, validFrom = "2025-01-01" });
        var response = await app.Finance().PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/premi-runs", new { schemeId = scheme, workOrderId = app.CoirOrder });
        Assert.Contains("close the work order", (await response.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_monthly_cap_cuts_the_gross_before_the_savings_split()
    {
        var scheme = await app.PieceRateSchemeAsync(rate: 5000, monthlyCap: 500_000);

        var draft = await app.DraftAsync(scheme, app.CoirOrder);

        // Per worker: September 2 days × 9 nets = Rp90.000 (under the cap), October 117 nets = Rp585.000 → Rp500.000.
        var line = draft.GetProperty("lines")[0];
        Assert.Equal(590_000, line.GetProperty("gross").GetInt64());
        Assert.Equal(295_000, line.GetProperty("savings").GetInt64());
        Assert.Contains("batas bulanan Rp500.000: Oktober 2025 Rp585.000 → Rp500.000", line.GetProperty("explanation").GetString());
        Assert.Equal(590_000, await app.QuerySingleAsync<long>("select sum(amount) from premi_run_record where run_id = @id and inmate_id = @worker",
            new { id = draft.GetProperty("id").GetGuid(), worker = app.Workers[0] }));
    }

    [Fact]
    public async Task A_change_of_terms_is_a_new_version_and_a_run_names_the_version_it_used()
    {
        var scheme = await app.PieceRateSchemeAsync(rate: 10);
        var v1Run = await app.DraftAsync(scheme, app.CoirOrder);

        var changed = await (await app.Finance().PostAsJsonAsync($"/api/v1/premi-schemes/{scheme}/versions",
            new { name = "Premi per jaring", rate = 20, savingsPercent = 50, validFrom = "2025-01-01" })).ExpectAsync(HttpStatusCode.Created);
        var v2Run = await app.DraftAsync(scheme, app.CoirOrder);

        Assert.Equal(2, changed.GetProperty("currentVersion").GetInt32());
        Assert.Equal([10L, 20L], changed.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("rate").GetInt64()));
        Assert.Equal(1, v1Run.GetProperty("schemeVersion").GetInt32());
        Assert.Equal(2, v2Run.GetProperty("schemeVersion").GetInt32());
        Assert.Equal(54_000, v1Run.GetProperty("total").GetInt64());
        Assert.Equal(108_000, v2Run.GetProperty("total").GetInt64());
        var kindChange = await app.Finance().PostAsJsonAsync($"/api/v1/premi-schemes/{scheme}/versions",
            new { name = "x", kind = "monthly", rate = 1, minDaysPerMonth = 1, savingsPercent = 0, validFrom = "2025-01-01" });
        await kindChange.ExpectFieldErrorAsync("kind");
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with u as (update premi_scheme set rate = 1 returning 1) select count(*) from u"));
        Assert.Contains("append-only", error.MessageText);
    }

    [Fact]
    public async Task A_draft_can_be_cancelled_and_is_then_never_approved()
    {
        var scheme = await app.PieceRateSchemeAsync(rate: 1);
        var runId = (await app.DraftAsync(scheme, app.CoirOrder)).GetProperty("id").GetGuid();

        await (await app.Finance().PostAsJsonAsync($"/api/v1/premi-runs/{runId}/cancellation", new { })).ExpectFieldErrorAsync("reason");
        var cancelled = await (await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/cancellation", new { reason = "Tarif salah" })).ExpectAsync(HttpStatusCode.Created);
        await (await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("Tarif salah", cancelled.GetProperty("cancelReason").GetString());
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from premi_entry where run_id = @runId", new { runId }));
    }

    [Fact]
    public async Task A_draft_whose_work_was_reversed_meanwhile_is_not_approved()
    {
        var worker = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REV-1", fullName: "Koreksi Contoh");
        var order = await app.CreateOrderAsync("2025-11-17", "2025-11-17", quantity: 10);
        await app.PostRecordsAsync(order, [Row(worker, "2025-11-17", 10)]);
        var scheme = await app.PieceRateSchemeAsync();
        var runId = (await app.DraftAsync(scheme, order)).GetProperty("id").GetGuid();
        var record = await app.QuerySingleAsync<Guid>("select id from work_record where inmate_id = @worker", new { worker });
        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-records/{record}/reversal", new { reason = "Salah hitung" })).ExpectAsync(HttpStatusCode.Created);

        var response = await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { });

        Assert.Contains("reversed after it was computed", (await response.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from premi_entry where run_id = @runId", new { runId }));
    }

    [Fact]
    public async Task Two_drafts_of_one_month_cannot_together_pay_beyond_the_monthly_cap()
    {
        var worker = await app.RegisterInmateAsync("lapas-cirebon", "CRB-CAP-1", fullName: "Batas Contoh");
        var first = await app.CreateOrderAsync("2025-11-18", "2025-11-18", quantity: 80);
        var second = await app.CreateOrderAsync("2025-11-19", "2025-11-19", quantity: 80);
        await app.PostRecordsAsync(first, [Row(worker, "2025-11-18", 80)]);
        await app.PostRecordsAsync(second, [Row(worker, "2025-11-19", 80)]);
        var scheme = await app.PieceRateSchemeAsync(monthlyCap: 500_000);
        var draftA = await app.DraftAsync(scheme, first);
        var draftB = await app.DraftAsync(scheme, second);
        Assert.Equal(400_000, draftB.GetProperty("total").GetInt64());

        await app.ApproveAsync(draftA.GetProperty("id").GetGuid());
        var late = await app.Finance(Approver).PostAsJsonAsync($"/api/v1/premi-runs/{draftB.GetProperty("id").GetGuid()}/approval", new { });
        var recomputed = await app.DraftAsync(scheme, second);

        Assert.Contains("monthly cap", (await late.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(100_000, recomputed.GetProperty("total").GetInt64());
        Assert.Contains("sudah dibayar Rp400.000", recomputed.GetProperty("lines")[0].GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task A_run_matches_its_reviewed_snapshot()
    {
        var run = await ProfitShareRunAsync("PS-S");
        var fetched = await (await app.Client("kanwil", facility: null, region: "jawa-barat").GetAsync($"/api/v1/premi-runs/{run.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.OK);

        Snapshot.Match(WithoutIds(fetched));
    }

    [Fact]
    public async Task The_payment_list_csv_has_indonesian_headers_a_total_row_and_a_byte_order_mark()
    {
        var run = await ProfitShareRunAsync("PS-C");

        var response = await app.Finance().GetAsync($"/api/v1/premi-runs/{run.GetProperty("id").GetGuid()}/lines.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("No.,No. Registrasi,Nama,Dasar,Bruto (Rp),Dapat Dibelanjakan (Rp),Tabungan (Rp),Keterangan,Tanda Tangan\r\n", text);
        Assert.Contains("\r\n,TOTAL,3 orang,,1000000,500001,499999,", text);
        Snapshot.Match(text);
    }

    /// <summary>Three workers with 10 passed units each on a closed order: revenue Rp3.000.000 − costs Rp1.000.000, 50% → Rp1.000.000.</summary>
    private async Task<JsonElement> ProfitShareRunAsync(string prefix = "PS")
    {
        var workers = new List<Guid>();
        foreach (var n in new[] { 3, 1, 2 })
        {
            workers.Add(await app.RegisterInmateAsync("lapas-cirebon", $"{prefix}-000{n}", fullName: $"Bagi Hasil {n}"));
        }
        var order = await app.CreateOrderAsync("2025-11-10", "2025-11-14", quantity: 30);
        await app.PostRecordsAsync(order, workers.Select(w => Row(w, "2025-11-10", 10)));
        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/close", new { revenue = 3_000_000, costs = 1_000_000 })).ExpectAsync(HttpStatusCode.Created);
        var scheme = await app.CreateSchemeAsync(new { name = "Bagi hasil", kind = "profit-share", percent = 50, savingsPercent = 50, validFrom = "2025-01-01" });
        return await app.DraftAsync(scheme, order);
    }

    private static JToken WithoutIds(JsonElement element)
    {
        var token = JToken.Parse(element.GetRawText());
        foreach (var value in token.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String && Guid.TryParse((string?)v.Value, out _)).ToList())
        {
            value.Value = "<id>";
        }
        return token;
    }
}
