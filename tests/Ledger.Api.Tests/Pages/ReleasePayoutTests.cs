using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The release payout in Chromium: admin records a release (API), finance finds the person in the payout list, pays,
/// and gets the kuitansi with the amounts in figures and words; a second tab pays nothing; the release file shows the paid amount.
/// </summary>
public sealed class ReleasePayoutPageTests(ReleasePayoutPageTests.App app) : IClassFixture<ReleasePayoutPageTests.App>
{
    public sealed class App : PagesApp
    {
        public Guid Person { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            // 135 nets × Rp5.000, half tabungan: Rp337.500 each; Rp262.500 spent inside leaves Rp412.500 to pay out.
            Person = await RegisterInmateAsync("lapas-cirebon", "CRB-0401", detentionDate: "2024-06-01", fullName: "Asep Hidayat");
            await this.CreditAsync([Person], 135);
            await (await this.WithdrawAsync(Person, "spendable", 262_500)).ExpectAsync(HttpStatusCode.Created);
            await (await Client("admin").PostAsJsonAsync($"/api/v1/inmates/{Person}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Finance_pays_out_a_released_person_once_and_prints_the_kuitansi()
    {
        var (page, problems) = await app.SignInAsync("finance-cirebon", "/premi/pembayaran-bebas");
        var row = page.Locator("table.grid tr", new() { HasText = "CRB-0401" });
        await Expect(row).ToContainTextAsync("Asep Hidayat");
        await Expect(row).ToContainTextAsync("Rp412.500");
        // A second tab opens the same form before the first pays.
        var (second, _) = await app.SignInAsync("finance2-cirebon", $"/warga-binaan/{app.Person}/pembayaran-bebas");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bayar premi Asep Hidayat" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bayarkan Rp412.500 dan buat kuitansi" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kuitansi KW-20251120-");
        var receipt = page.Locator("article.kuitansi");
        await Expect(receipt).ToContainTextAsync("KUITANSI");
        await Expect(receipt).ToContainTextAsync("Asep Hidayat, nomor registrasi CRB-0401");
        await Expect(receipt).ToContainTextAsync("Rp75.000");
        await Expect(receipt).ToContainTextAsync("Rp337.500");
        await Expect(receipt).ToContainTextAsync("empat ratus dua belas ribu lima ratus rupiah");
        await Expect(receipt).ToContainTextAsync("Sri Wahyuni");
        await Expect(receipt).ToContainTextAsync("Mengetahui, Kepala Lapas");
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id and kind = 'release-payout' and spendable_change = -75000 and savings_change = -337500", new { id = app.Person }));
        Assert.Equal(0L, await app.QuerySingleAsync<long>("select spendable + savings from premi_account where inmate_id = @id and closed_on = '2025-11-20'", new { id = app.Person }));

        await second.GetByRole(AriaRole.Button, new() { Name = "Bayarkan Rp412.500 dan buat kuitansi" }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("sudah dibayarkan pada 20 November 2025");
        await Expect(second.Locator("article.kuitansi")).ToContainTextAsync("Rp412.500");
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id and kind = 'release-payout'", new { id = app.Person }));

        // The list now shows the payout below, and no one waiting; the release file shows what was paid.
        await page.GotoAsync("/premi/pembayaran-bebas");
        await Expect(page.GetByText("Tidak ada warga binaan bebas yang menunggu pembayaran premi.")).ToBeVisibleAsync();
        await Expect(page.Locator("table.grid", new() { HasText = "CRB-0401" })).ToContainTextAsync("Rp412.500");
        var file = await app.Client("reintegration").GetStringAsync($"/api/v1/inmates/{app.Person}/release-file");
        Assert.Contains("Jumlah dibayarkan saat bebas", file, StringComparison.Ordinal);
        Assert.Contains("Rp412.500", file, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_person_not_released_is_not_offered_a_payout()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-0402", fullName: "Ujang Saepudin");
        var (page, _) = await app.SignInAsync("finance-cirebon", $"/warga-binaan/{id}/pembayaran-bebas");
        await Expect(page.Locator("main")).ToContainTextAsync("Pembebasan Ujang Saepudin belum dicatat");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Bayarkan" })).ToHaveCountAsync(0);
    }
}
