using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The premi account pages: a person found in the list, a withdrawal within the balance recorded, one beyond it refused
/// with the figures and nothing written, the same form posted twice written once, and no form for a bimker officer.
/// </summary>
public sealed class PremiAccountPagesTests(PremiAccountPagesTests.App app) : IClassFixture<PremiAccountPagesTests.App>
{
    /// <summary>Three people credited 10 nets × Rp5.000 each: Rp25.000 spendable and Rp25.000 tabungan apiece.</summary>
    public sealed class App : PagesApp
    {
        public Guid[] People { get; private set; } = [];

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            People =
            [
                await RegisterInmateAsync("lapas-cirebon", "CRB-0401", fullName: "Rahmat Hidayat"),
                await RegisterInmateAsync("lapas-cirebon", "CRB-0402", fullName: "Yusuf Maulana"),
                await RegisterInmateAsync("lapas-cirebon", "CRB-0403", fullName: "Iwan Setiawan"),
            ];
            await this.CreditAsync(People, 10);
        }
    }

    private Task<long> WithdrawalsAsync(int person) =>
        app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id and kind = 'withdrawal'", new { id = app.People[person] });

    [Fact]
    public async Task A_withdrawal_within_the_balance_is_recorded_and_shown_in_the_history()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", "/premi/rekening");
        await page.GetByLabel("Cari nama atau nomor registrasi").FillAsync("Rahmat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.grid tbody tr")).ToContainTextAsync("Rp25.000");
        await page.GetByRole(AriaRole.Link, new() { Name = "CRB-0401" }).ClickAsync();
        await page.WaitForURLAsync($"**/warga-binaan/{app.People[0]}/premi");

        await page.GetByLabel("Keperluan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Keperluan sehari-hari" });
        await page.GetByLabel("Jumlah (Rp)").FillAsync("10.000");
        await page.GetByLabel("Catatan").FillAsync("Sabun dan sikat gigi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Catat penarikan" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Penarikan Rp10.000 dari saldo dapat dibelanjakan tercatat.");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Rp15.000");
        await Expect(page.Locator("table.history tbody tr").Last).ToContainTextAsync("Keperluan sehari-hari: Sabun dan sikat gigi");
        Assert.Equal((-10_000L, 15_000L), await app.QuerySingleAsync<(long, long)>(
            "select spendable_change, spendable_after from premi_entry where inmate_id = @id and kind = 'withdrawal'", new { id = app.People[0] }));
        await app.AssertBalanceIsSumOfEntriesAsync(app.People[0]);
    }

    [Fact]
    public async Task A_withdrawal_beyond_the_balance_is_refused_with_the_figures_and_nothing_is_written()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", $"/warga-binaan/{app.People[1]}/premi");
        await page.GetByLabel("Keperluan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Keluarga" });
        await page.GetByLabel("Jumlah (Rp)").FillAsync("9000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Catat penarikan" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Saldo dapat dibelanjakan Rp25.000, kurang dari penarikan Rp9.000.000.");
        Assert.Equal(0, await WithdrawalsAsync(1));
        Assert.Equal(25_000, await app.QuerySingleAsync<long>("select spendable from premi_account where inmate_id = @id", new { id = app.People[1] }));
    }

    [Fact]
    public async Task The_same_withdrawal_form_posted_twice_writes_once_and_a_bimker_sees_no_form()
    {
        var (page, _) = await app.SignInAsync("finance-cirebon", $"/warga-binaan/{app.People[2]}/premi");
        await page.GetByLabel("Keperluan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Keluarga" });
        await page.GetByLabel("Jumlah (Rp)").FillAsync("5000");
        var second = await page.EvaluateAsync<string>("""
            async () => {
              const body = new URLSearchParams(new FormData(document.querySelector('#jumlah').form));
              await fetch(location.href, { method: 'POST', body });
              const again = await fetch(location.href, { method: 'POST', body });
              return await again.text();
            }
            """);
        Assert.Contains("sudah disimpan sebelumnya", second, StringComparison.Ordinal);
        Assert.Equal(1, await WithdrawalsAsync(2));

        var (bimker, _) = await app.SignInAsync("bimker-cirebon", $"/warga-binaan/{app.People[2]}/premi");
        await Expect(bimker.Locator("dl.facts")).ToContainTextAsync("Rp20.000");
        await Expect(bimker.GetByText("Penarikan dicatat oleh petugas keuangan.")).ToBeVisibleAsync();
        Assert.Equal(0, await bimker.Locator("#jumlah").CountAsync());
    }
}
