using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>Signing in on the demo page, the people list of one's own Lapas, its read audit, and the language switch.</summary>
public sealed class SignInAndPeopleTests(SignInAndPeopleTests.App app) : IClassFixture<SignInAndPeopleTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await RegisterInmateAsync("lapas-cirebon", "CRB-0101", fullName: "Asep Saepudin");
            await RegisterInmateAsync("lapas-cirebon", "CRB-0102", fullName: "Ujang Permana");
            await RegisterInmateAsync("lapas-gintung", "GTG-0101", fullName: "Dadan Hidayat");
        }
    }

    [Fact]
    public async Task A_page_without_a_session_sends_the_officer_to_sign_in_and_back()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync("/warga-binaan");
        Assert.Contains("/masuk", page.Url, StringComparison.Ordinal);
        Assert.Equal("Masuk ke Ledger", await page.Locator("h1").InnerTextAsync());

        await page.Locator("form:has(input[name=user][value='bimker-cirebon']) button").ClickAsync();
        await page.WaitForURLAsync("**/warga-binaan");
        Assert.StartsWith("Warga Binaan", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_people_list_shows_only_the_officers_Lapas_and_finds_by_registration_number()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/warga-binaan");
        var rows = page.Locator("table.grid tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.DoesNotContain("GTG-0101", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Cari nama atau nomor registrasi").FillAsync("crb-0102");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await page.WaitForURLAsync("**cari=crb-0102**");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("Ujang Permana", await rows.First.InnerTextAsync(), StringComparison.Ordinal);

        var audited = await app.QuerySingleAsync<long>(
            "select count(*) from audit_log where action = 'read.inmate-list' and user_sub = 'bimker-cirebon' and search = 'crb-0102'");
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Another_Lapas_does_not_exist_for_the_officer()
    {
        var (page, _) = await app.SignInAsync("bimker-gintung");
        var response = await page.GotoAsync("/warga-binaan?lapas=lapas-cirebon");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Tidak ditemukan", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task An_address_that_matches_no_page_shows_the_not_found_page_while_the_api_keeps_problem_details()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon");
        var response = await page.GotoAsync("/tidak-ada-halaman-ini");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Tidak ditemukan", await page.Locator("h1").InnerTextAsync());

        var api = await app.Client("bimker").GetAsync("/api/v1/no-such-thing");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_switch_turns_the_pages_to_English_and_back()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/warga-binaan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti bahasa ke English" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.StartsWith("Warga binaan", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("/warga-binaan", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch the language to Bahasa Indonesia" }).ClickAsync();
        await page.WaitForSelectorAsync("html[lang=id]");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await page.WaitForURLAsync("**/masuk");
        await page.GotoAsync("/warga-binaan");
        Assert.Contains("/masuk", page.Url, StringComparison.Ordinal);
    }
}
