using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>A person's page over the demo data: reached from the list, the readiness rules' dates, need-to-know, the read audit.</summary>
public sealed class PersonPageTests(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Fact]
    public async Task The_officer_opens_a_person_from_the_list_and_sees_the_dates_the_readiness_rules_give()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", "/warga-binaan?cari=CRB-0002");
        await page.GetByRole(AriaRole.Link, new() { Name = "CRB-0002" }).ClickAsync();
        // Enhanced navigation: the address changes first, then the new page is patched in.
        await page.Locator("h1", new() { HasText = "Irfan Wijaya" }).WaitForAsync();
        Assert.EndsWith($"/warga-binaan/{app.Person}", page.Url, StringComparison.Ordinal);

        // The same figures as the API's release-readiness of the same day, only written as an officer reads them.
        var readiness = await (await app.Client("bimker").GetAsync($"/api/v1/inmates/{app.Person}/release-readiness")).ExpectAsync(HttpStatusCode.OK);
        var dates = readiness.GetProperty("dates");
        var facts = await page.Locator("dl.facts").Nth(1).InnerTextAsync();
        Assert.Contains(Written(dates, "adjustedExpiry"), facts, StringComparison.Ordinal);
        Assert.Contains(Written(dates, "twoThirdsDate"), facts, StringComparison.Ordinal);
        Assert.Contains("Remisi", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = "Premi" }).CountAsync());
        Assert.Empty(problems);

        var audited = await app.QuerySingleAsync<long>(
            "select count(*) from audit_log where action = 'read.inmate' and user_sub = 'bimker-cirebon' and subject_id = @id",
            new { id = app.Person.ToString() });
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Register_F_descriptions_show_only_to_the_roles_that_need_to_know_them()
    {
        var person = await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0009'");
        const string What = "Menyimpan telepon genggam di kamar hunian";

        var (bimker, _) = await app.SignInAsync("bimker-cirebon", $"/warga-binaan/{person}");
        var bimkerSees = await bimker.Locator("main").InnerTextAsync();
        Assert.DoesNotContain(What, bimkerSees, StringComparison.Ordinal);
        Assert.Contains("Uraian register F tidak ditampilkan untuk peran Anda", bimkerSees, StringComparison.Ordinal);

        var (wali, _) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{person}");
        Assert.Contains(What, await wali.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_of_another_Lapas_or_an_unknown_id_is_not_found_and_an_auditor_is_refused()
    {
        var (gintung, _) = await app.SignInAsync("bimker-gintung");
        var foreign = await gintung.GotoAsync($"/warga-binaan/{app.Person}");
        Assert.Equal(404, foreign!.Status);
        Assert.DoesNotContain("Irfan", await gintung.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await gintung.GotoAsync($"/warga-binaan/{Guid.NewGuid()}"))!.Status);

        var (auditor, _) = await app.SignInAsync("auditor-cirebon");
        var refused = await auditor.GotoAsync($"/warga-binaan/{app.Person}");
        Assert.Equal(403, refused!.Status);
        Assert.Equal("Tidak diizinkan", await auditor.Locator("h1").InnerTextAsync());
    }

    private static string Written(JsonElement dates, string name)
    {
        var day = NodaTime.Text.LocalDatePattern.Iso.Parse(dates.GetProperty(name).GetString()!).Value;
        return Ledger.Core.Text.Language.In(Ledger.Core.Text.Language.Indonesian, () => Ledger.Core.Text.Format.Date(day));
    }
}
