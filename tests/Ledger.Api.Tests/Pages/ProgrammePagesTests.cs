using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>The programmes page: set one up, revise its required minutes with the history kept, retire it.</summary>
public sealed class ProgrammePagesTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task An_officer_creates_a_programme_revises_its_minutes_with_history_and_retires_it()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", "/program");
        Assert.StartsWith("Program", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Kode").FillAsync("menjahit");
        await page.GetByLabel("Nama program").FillAsync("Menjahit pakaian");
        await page.GetByLabel("Jenis").SelectOptionAsync("Training");
        await page.GetByLabel("Menit wajib").FillAsync("2400");
        await page.GetByLabel("Mitra").FillAsync("Konveksi Maju");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan program" }).ClickAsync();
        await page.GetByText("Program menjahit tersimpan.").WaitForAsync();
        var row = page.Locator("table.grid tbody tr", new() { HasText = "menjahit" });
        Assert.Contains("2.400 menit (53 JP)", await row.InnerTextAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Link, new() { Name = "menjahit" }).ClickAsync();
        await page.WaitForURLAsync("**/program/menjahit**");
        await page.GetByText("Belum pernah diubah.").WaitForAsync();
        await page.GetByLabel("Menit wajib").FillAsync("3000");
        await page.GetByLabel("Alasan perubahan").FillAsync("Kurikulum BLK baru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan perubahan" }).ClickAsync();
        await page.GetByText("Perubahan tersimpan; riwayatnya ada di bawah.").WaitForAsync();
        var history = page.Locator("table.grid tbody tr");
        Assert.Equal(1, await history.CountAsync());
        var change = await history.First.InnerTextAsync();
        Assert.Contains("2.400 → 3.000", change, StringComparison.Ordinal);
        Assert.Contains("Kurikulum BLK baru", change, StringComparison.Ordinal);
        Assert.Contains("20 November 2025", change, StringComparison.Ordinal);
        Assert.Equal((2400, 3000, 3000), await app.QuerySingleAsync<(int, int, int)>("""
            select r.required_minutes_before, r.required_minutes_after, p.required_minutes
            from programme_revision r join programme p on p.id = r.programme_id where p.code = 'menjahit' and r.revised_by = 'bimker-cirebon'
            """));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'programme.revise' and user_sub = 'bimker-cirebon'"));

        await page.GetByLabel("Dihentikan mulai tanggal").FillAsync("2025-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hentikan program" }).ClickAsync();
        await page.GetByText("Program dihentikan.").WaitForAsync();
        Assert.Contains("Aktif sampai sebelum 1 Desember 2025", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByLabel("Alasan perubahan").CountAsync());
        Assert.Equal("2025-12-01", await app.QuerySingleAsync<string>("select retired_on::text from programme where code = 'menjahit'"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_refused_revision_names_the_field_and_writes_nothing()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/program");
        await page.GetByLabel("Kode").FillAsync("anyaman");
        await page.GetByLabel("Nama program").FillAsync("Anyaman bambu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan program" }).ClickAsync();
        await page.GetByText("Program anyaman tersimpan.").WaitForAsync();

        await page.GotoAsync("/program/anyaman");
        // Nothing changes: the same name, no minutes. The ledger refuses and says so at the top.
        await page.GetByLabel("Alasan perubahan").FillAsync("Coba");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan perubahan" }).ClickAsync();
        await page.Locator(".problems").WaitForAsync();
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from programme_revision r join programme p on p.id = r.programme_id where p.code = 'anyaman'"));

        var (gintung, _) = await app.SignInAsync("bimker-gintung");
        var response = await gintung.GotoAsync("/program/anyaman?lapas=lapas-cirebon");
        Assert.Equal(404, response!.Status);
    }
}
