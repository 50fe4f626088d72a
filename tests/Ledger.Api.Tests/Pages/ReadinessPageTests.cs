using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Text;
using Microsoft.Playwright;
using NodaTime.Text;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>A person's readiness page over the demo data: every condition in the reader's language, with the day it passes.</summary>
public sealed class ReadinessPageTests(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Fact]
    public async Task The_wali_sees_each_right_and_condition_in_Indonesian_with_the_day_a_failing_one_passes_and_English_on_the_switch()
    {
        var (page, problems) = await app.SignInAsync("wali-cirebon", $"/warga-binaan/{app.Person}/kesiapan");
        Assert.StartsWith("Kesiapan bebas", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var main = await page.Locator("main").InnerTextAsync();
        foreach (var right in new[] { "Asimilasi", "Pembebasan bersyarat", "Cuti bersyarat", "Cuti menjelang bebas", "Ekspirasi", "Daftar periksa" })
        {
            Assert.Contains(right, main, StringComparison.Ordinal);
        }
        Assert.Contains("⅔ masa pidana dijalani", main, StringComparison.Ordinal);
        Assert.DoesNotContain("served on", main, StringComparison.Ordinal);
        Assert.DoesNotContain("register-F", main, StringComparison.Ordinal);

        // Every condition not yet met with a day it passes: that day, as the API's summary gives it, in Indonesian.
        var readiness = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{app.Person}/release-readiness")).ExpectAsync(HttpStatusCode.OK);
        var passing = PassesOn(readiness).ToList();
        Assert.NotEmpty(passing);
        foreach (var day in passing)
        {
            Assert.Contains(Language.In(Language.Indonesian, () => Format.Date(day)), main, StringComparison.Ordinal);
        }
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Usulan PB / CB / CMB" }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Cetak berkas pembebasan" }).CountAsync());
        Assert.Empty(problems);
        Assert.Equal(1, await app.QuerySingleAsync<long>(
            "select count(*) from audit_log where action = 'read.release-readiness' and user_sub = 'wali-cirebon' and subject_id = @id", new { id = app.Person.ToString() }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti bahasa ke English" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Release readiness" }).WaitForAsync();
        var english = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Release rights", english, StringComparison.Ordinal);
        Assert.Contains(" of the sentence (", english, StringComparison.Ordinal);
        Assert.Contains(Language.In(Language.English, () => Format.Date(passing[0])), english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_of_another_Lapas_is_not_found()
    {
        var (gintung, _) = await app.SignInAsync("bimker-gintung");
        Assert.Equal(404, (await gintung.GotoAsync($"/warga-binaan/{app.Person}/kesiapan"))!.Status);
        Assert.DoesNotContain("Irfan", await gintung.ContentAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<NodaTime.LocalDate> PassesOn(JsonElement readiness) =>
        readiness.GetProperty("rights").EnumerateObject()
            .SelectMany(right => right.Value.GetProperty("conditions").EnumerateArray())
            .Where(c => c.TryGetProperty("passesOn", out var on) && on.ValueKind == JsonValueKind.String)
            .Select(c => LocalDatePattern.Iso.Parse(c.GetProperty("passesOn").GetString()!).Value)
            .Distinct();
}
