using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>The certificates page in Chromium: find a person, record a certificate with the default validity, revoke it.</summary>
public sealed class CertificatePagesTests(CertificatePagesTests.App app) : IClassFixture<CertificatePagesTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await RegisterInmateAsync("lapas-cirebon", "CRB-0301", fullName: "Iwan Setiadi");
        }
    }

    [Fact]
    public async Task A_certificate_is_issued_with_the_default_validity_and_revoked_with_a_reason()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", "/sertifikat");
        await page.GetByLabel("Nomor registrasi warga binaan").FillAsync("crb-0301");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sertifikat Iwan Setiadi (CRB-0301)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#berlaku-hint")).ToContainTextAsync("berlaku sampai 19 November 2028");

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan sertifikat" }).ClickAsync();
        await Expect(page.Locator(".field-error").First).ToBeVisibleAsync();
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from certificate"));

        await page.GetByLabel("Judul sertifikat").FillAsync("Pengelasan SMAW");
        await page.GetByLabel("Penerbit", new() { Exact = true }).FillAsync("LSP Logam Jawa Barat");
        await page.GetByLabel("Nomor sertifikat").FillAsync("LSP-LJB-2025-0042");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan sertifikat" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("LSP-LJB-2025-0042");
        Assert.Equal("2028-11-19", await app.QuerySingleAsync<string>("select valid_until::text from certificate where number = 'LSP-LJB-2025-0042'"));

        await page.GetByLabel("Alasan pencabutan LSP-LJB-2025-0042").FillAsync("Nomor ternyata milik orang lain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cabut" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dicabut");
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from certificate_revocation where reason = 'Nomor ternyata milik orang lain'"));
        await Expect(page.Locator("table.grid").Last).ToContainTextAsync("Iwan Setiadi");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_person_of_another_Lapas_does_not_exist()
    {
        var (page, _) = await app.SignInAsync("bimker-gintung");
        var response = await page.GotoAsync("/sertifikat?lapas=lapas-cirebon&no=CRB-0301");
        Assert.Equal(404, response!.Status);

        await page.GotoAsync("/sertifikat?no=CRB-0301");
        await Expect(page.Locator("main")).ToContainTextAsync("Tidak ada warga binaan dengan nomor registrasi CRB-0301");
    }
}
