using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The finance pages over the demo's data: schemes (create, next version) and a run computed by one finance officer,
/// refused to them, approved by the other with the total typed as a check, posted once; cancelling needs a reason.
/// </summary>
public sealed class PremiRunPagesTests(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Fact]
    public async Task A_run_is_computed_by_one_officer_and_approved_once_by_the_other_at_the_total_they_typed()
    {
        var scheme = await DayRateSchemeAsync("Premi harian jaring");
        var (creator, problems) = await app.SignInAsync("finance-cirebon", "/premi");
        await creator.GetByRole(AriaRole.Link, new() { Name = "Hitung premi" }).ClickAsync();
        // The scheme is chosen by its name (the option's text); the value under it is the id.
        Assert.Contains("Premi harian jaring · Harian · Rp20.000 per hari kerja", await creator.GetByLabel("Skema").InnerTextAsync(), StringComparison.Ordinal);
        await creator.GetByLabel("Skema").SelectOptionAsync(scheme.ToString());
        await creator.GetByLabel("Dari tanggal").FillAsync("2025-09-29");
        await creator.GetByLabel("Sampai tanggal").FillAsync("2025-10-16");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Hitung draf" }).ClickAsync();
        await creator.WaitForURLAsync("**/premi/perhitungan/*-*");
        await creator.GetByText("Draf dihitung.").WaitForAsync();

        var run = await app.QuerySingleAsync<(Guid Id, long Total, int Lines)>("""
            select r.id, r.total, (select count(*) from premi_run_line l where l.run_id = r.id)::int
            from premi_run r where r.scheme_id = @scheme and r.created_by = 'finance-cirebon'
            """, new { scheme });
        Assert.True(run.Lines > 0);
        // Every line names its person and explains itself in Indonesian; the total is the ledger's.
        var first = creator.Locator("table.premi-lines tbody tr").First;
        var firstText = await first.InnerTextAsync();
        Assert.Contains("CRB-0001", firstText, StringComparison.Ordinal);
        Assert.Matches(@"\d+ hari kerja \(≥ 240 menit\) × Rp20\.000 = Rp[\d.]+; 50% tabungan Rp[\d.]+", firstText);
        Assert.Equal(run.Lines, await creator.Locator("table.premi-lines tbody tr").CountAsync());
        Assert.Contains(Rp(run.Total), await creator.Locator("table.premi-lines tfoot").InnerTextAsync(), StringComparison.Ordinal);

        // The officer who computed it is told why they cannot approve, and has no approve button.
        Assert.Contains("petugas keuangan lain", await creator.Locator("p.creator").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await creator.GetByRole(AriaRole.Button, new() { Name = "Setujui dan bukukan" }).CountAsync());

        // The second officer opens the run in two tabs.
        var (approver, approverProblems) = await app.SignInAsync("finance2-cirebon", $"/premi/perhitungan/{run.Id}");
        var (otherTab, _) = await app.SignInAsync("finance2-cirebon", $"/premi/perhitungan/{run.Id}");

        await approver.GetByLabel("Total yang Anda periksa").FillAsync(Rp(run.Total + 1000));
        await approver.GetByRole(AriaRole.Button, new() { Name = "Setujui dan bukukan" }).ClickAsync();
        var fieldError = approver.Locator(".field:has(#total) .field-error");
        await fieldError.WaitForAsync();
        Assert.Contains($"Total run adalah {Rp(run.Total)}", await fieldError.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(("draft", 0L), await StateAsync(run.Id));

        // Digits with dots, without "Rp", are read as the same sum.
        await approver.GetByLabel("Total yang Anda periksa").FillAsync(Rp(run.Total)[2..]);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Setujui dan bukukan" }).ClickAsync();
        await approver.GetByText($"Perhitungan disetujui; premi {run.Lines} orang dibukukan").WaitForAsync();
        Assert.Equal(("approved", (long)run.Lines), await StateAsync(run.Id));
        Assert.Equal("finance2-cirebon", await app.QuerySingleAsync<string>("select decided_by from premi_run where id = @id", new { id = run.Id }));
        Assert.Equal(run.Total, await app.QuerySingleAsync<long>("select sum(earned_change)::bigint from premi_entry where run_id = @id", new { id = run.Id }));
        Assert.Equal($"/premi/perhitungan/{run.Id}/daftar-pembayaran.xlsx",
            await approver.GetByRole(AriaRole.Link, new() { Name = "Unduh daftar pembayaran (Excel .xlsx)" }).GetAttributeAsync("href"));
        Assert.Equal($"/premi/perhitungan/{run.Id}/daftar-pembayaran.csv",
            await approver.GetByRole(AriaRole.Link, new() { Name = "Unduh daftar pembayaran (CSV)" }).GetAttributeAsync("href"));

        // The other tab still shows the draft's form: its approval is told the run is approved, and posts nothing.
        await otherTab.GetByLabel("Total yang Anda periksa").FillAsync(Rp(run.Total));
        await otherTab.GetByRole(AriaRole.Button, new() { Name = "Setujui dan bukukan" }).ClickAsync();
        await otherTab.Locator(".problems").GetByText("sudah disetujui").WaitForAsync();
        Assert.Equal(("approved", (long)run.Lines), await StateAsync(run.Id));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'premi-run.approve' and subject_id = @id", new { id = run.Id.ToString() }));

        // The start page lists it, approved, with who computed and who approved it.
        await approver.GotoAsync("/premi");
        var row = approver.Locator("table.grid tbody tr", new() { HasText = "Premi harian jaring" });
        var rowText = await row.InnerTextAsync();
        Assert.Contains("Disetujui", rowText, StringComparison.Ordinal);
        Assert.Contains("finance-cirebon", rowText, StringComparison.Ordinal);
        Assert.Contains("finance2-cirebon", rowText, StringComparison.Ordinal);
        Assert.Contains(Rp(run.Total), rowText, StringComparison.Ordinal);
        Assert.Empty(problems);
        Assert.Empty(approverProblems);
    }

    [Fact]
    public async Task A_draft_is_cancelled_only_with_a_reason()
    {
        var scheme = await DayRateSchemeAsync("Premi harian uji batal");
        var draft = await app.DraftAsync(scheme, from: "2025-10-01", to: "2025-10-03");
        var id = draft.GetProperty("id").GetGuid();
        var (page, problems) = await app.SignInAsync("finance-cirebon", $"/premi/perhitungan/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Batalkan perhitungan" }).ClickAsync();
        await page.Locator(".field:has(#alasan) .field-error").WaitForAsync();
        Assert.Equal("draft", await app.QuerySingleAsync<string>("select status from premi_run where id = @id", new { id }));

        await page.GetByLabel("Alasan pembatalan").FillAsync("Periode salah");
        await page.GetByRole(AriaRole.Button, new() { Name = "Batalkan perhitungan" }).ClickAsync();
        await page.GetByText("Perhitungan dibatalkan.").WaitForAsync();
        Assert.Contains("Periode salah", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(("cancelled", "Periode salah"), await app.QuerySingleAsync<(string, string)>("select status, cancel_reason from premi_run where id = @id", new { id }));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Batalkan perhitungan" }).CountAsync());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_scheme_is_created_through_the_page_and_gets_a_new_version()
    {
        var (page, problems) = await app.SignInAsync("finance-cirebon", "/premi/skema");
        await page.GetByRole(AriaRole.Link, new() { Name = "Buat skema baru" }).ClickAsync();
        // The list may have a "Bulanan" link too: choose the kind only once the new-scheme page is there.
        // Enhanced navigation changes the URL before it swaps the page: wait for the kinds of the new page itself.
        await page.WaitForURLAsync("**/premi/skema/baru**");
        await page.Locator("ul.kinds").WaitForAsync();
        await page.Locator("ul.kinds").GetByRole(AriaRole.Link, new() { Name = "Bulanan" }).ClickAsync();
        await page.GetByText("Jenis dipilih: Bulanan").WaitForAsync();
        // A monthly scheme shows its minimum days; it has no profit share.
        Assert.Equal(0, await page.GetByLabel("Bagian laba (%)").CountAsync());
        await page.GetByLabel("Nama skema").FillAsync("Premi bulanan baru");
        await page.GetByLabel("Tarif (Rp)").FillAsync("Rp650.000");
        await page.GetByLabel("Bagian tabungan (%)").FillAsync("40");
        await page.GetByLabel("Berlaku mulai").FillAsync("2026-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan skema" }).ClickAsync();
        // Refused at the field that is missing, in Indonesian; nothing is written.
        var minDays = page.Locator(".field:has(#hari) .field-error");
        await minDays.WaitForAsync();
        Assert.Contains("wajib diisi", await minDays.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from premi_scheme where name = 'Premi bulanan baru'"));

        await page.GetByLabel("Hari kerja minimum sebulan").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan skema" }).ClickAsync();
        await page.GetByText("Skema Premi bulanan baru tersimpan.").WaitForAsync();
        Assert.Equal((650_000L, 12, 40, "monthly"), await app.QuerySingleAsync<(long, int, int, string)>(
            "select rate, min_days_per_month, savings_percent, kind from premi_scheme where name = 'Premi bulanan baru' and version = 1"));

        // The next version starts from the latest terms; only the rate and the date change.
        Assert.Equal("650000", await page.GetByLabel("Tarif (Rp)").InputValueAsync());
        await page.GetByLabel("Tarif (Rp)").FillAsync("700.000");
        await page.GetByLabel("Berlaku mulai").FillAsync("2026-07-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan versi baru" }).ClickAsync();
        await page.GetByText("Versi 2 tersimpan.").WaitForAsync();
        var versions = page.Locator("table.grid tbody tr");
        Assert.Equal(2, await versions.CountAsync());
        Assert.Contains("mulai 1 Januari 2026", await versions.Nth(0).InnerTextAsync(), StringComparison.Ordinal);
        var second = await versions.Nth(1).InnerTextAsync();
        Assert.Contains("Rp700.000 per bulan dengan ≥ 12 hari kerja", second, StringComparison.Ordinal);
        Assert.Contains("mulai 1 Juli 2026", second, StringComparison.Ordinal);
        Assert.Equal((2, 700_000L), await app.QuerySingleAsync<(int, long)>(
            "select version, rate from premi_scheme where name = 'Premi bulanan baru' order by version desc limit 1"));

        await page.GotoAsync("/premi/skema");
        Assert.Contains("Rp700.000", await page.Locator("table.grid tbody tr", new() { HasText = "Premi bulanan baru" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_bimker_officer_is_refused_the_finance_pages()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon");
        foreach (var path in new[] { "/premi", "/premi/skema", "/premi/perhitungan/baru" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
        }
    }

    /// <summary>A day-rate scheme of Cirebon, Rp20.000 a day of at least 240 minutes, half saved, from September 2025.</summary>
    private Task<Guid> DayRateSchemeAsync(string name) => app.CreateSchemeAsync(new
    {
        name, kind = "day-rate", rate = 20_000, minMinutesPerDay = 240, savingsPercent = 50, validFrom = "2025-09-01",
    });

    private async Task<(string Status, long Entries)> StateAsync(Guid runId) => await app.QuerySingleAsync<(string, long)>(
        "select r.status, (select count(*) from premi_entry e where e.run_id = r.id) from premi_run r where r.id = @id", new { id = runId });

    private static string Rp(long amount) => "Rp" + amount.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');
}
