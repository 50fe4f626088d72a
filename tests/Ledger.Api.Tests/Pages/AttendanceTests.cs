using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// The attendance register in Chromium: ten people present → one session → undone; a refusal shown at its person
/// with nothing written; a form posted twice writes once; the role and Lapas refusals.
/// </summary>
public sealed class AttendanceTests(AttendanceTests.App app) : IClassFixture<AttendanceTests.App>
{
    public sealed class App : PagesApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            var bimker = Client("bimker");
            foreach (var body in new object[]
            {
                new { code = "sabut-kelapa", name = "Kerajinan sabut kelapa", kind = "both" },
                new { code = "las", name = "Las listrik", kind = "training" },
            })
            {
                (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", body, Json)).EnsureSuccessStatusCode();
            }
            for (var i = 1; i <= 10; i++)
            {
                People[i] = await RegisterInmateAsync("lapas-cirebon", $"CRB-02{i:00}", fullName: $"Warga Contoh {i:00}");
            }
            await RegisterInmateAsync("lapas-gintung", "GTG-0201", fullName: "Dadan Gintung");
            // Person 3 already trained 550 minutes on 19 November: 90 more would pass the 600 a day.
            (await bimker.PostAsJsonAsync($"/api/v1/inmates/{People[3]}/training", new { programmeCode = "las", date = "2025-11-19", minutes = 550 }, Json))
                .EnsureSuccessStatusCode();
        }

        public Dictionary<int, Guid> People { get; } = [];
    }

    [Fact]
    public async Task Ten_people_present_make_one_session_that_is_listed_and_undone_as_a_whole()
    {
        var (page, problems) = await app.SignInAsync("bimker-cirebon", "/daftar-hadir?program=sabut-kelapa");
        Assert.StartsWith("Daftar Hadir", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var boxes = page.Locator("input[name=hadir]");
        await Expect(boxes).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Hadir semua" }).ClickAsync();
        await Expect(page.Locator("input[name=hadir]:checked")).ToHaveCountAsync(10);
        await page.GetByLabel("Menit untuk Warga Contoh 02").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan daftar hadir" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("untuk 10 orang");

        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_batch where source = 'session'"));
        Assert.Equal(9 * 90 + 60, await app.QuerySingleAsync<long>("select sum(minutes) from live_training_entry where day = '2025-11-20'"));
        var session = page.Locator("section.session");
        await Expect(session.Locator("tbody tr")).ToHaveCountAsync(10);
        await Expect(session).ToContainTextAsync("Warga Contoh 07");

        await session.Locator("form.undo input[name=alasan]").FillAsync("Program salah dipilih");
        await session.GetByRole(AriaRole.Button, new() { Name = "Batalkan sesi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("10 catatan dibalik");

        Assert.Equal(10, await app.QuerySingleAsync<long>(
            "select count(*) from training_reversal r join training_entry e on e.id = r.entry_id where e.day = '2025-11-20' and r.reason = 'Program salah dipilih'"));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select coalesce(sum(minutes), 0) from live_training_entry where day = '2025-11-20'"));
        await Expect(page.Locator("section.session form.undo")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_refusal_is_shown_at_its_person_and_nothing_is_written()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/daftar-hadir?program=sabut-kelapa&tanggal=2025-11-19");
        await page.GetByLabel("Hadir: Warga Contoh 01").CheckAsync();
        await page.GetByLabel("Hadir: Warga Contoh 03").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan daftar hadir" }).ClickAsync();

        var refused = page.Locator("tr.refused");
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused).ToContainTextAsync("Warga Contoh 03");
        await Expect(refused).ToContainTextAsync("640 menit");
        await Expect(page.GetByLabel("Hadir: Warga Contoh 01")).ToBeCheckedAsync();
        Assert.Equal(0, await app.QuerySingleAsync<long>(
            "select count(*) from training_entry e join programme p on p.id = e.programme_id where p.code = 'sabut-kelapa' and e.day = '2025-11-19'"));
    }

    [Fact]
    public async Task The_same_form_posted_twice_writes_one_session()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/daftar-hadir?program=sabut-kelapa&tanggal=2025-11-18");
        await page.GetByLabel("Hadir: Warga Contoh 05").CheckAsync();
        var second = await page.EvaluateAsync<string>("""
            async () => {
              const body = new URLSearchParams(new FormData(document.querySelector('form.register')));
              body.set('aksi', 'simpan');
              await fetch(location.href, { method: 'POST', body });
              const again = await fetch(location.href, { method: 'POST', body });
              return await again.text();
            }
            """);
        Assert.Contains("sudah disimpan sebelumnya", second, StringComparison.Ordinal);
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_entry where day = '2025-11-18'"));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(distinct batch_id) from training_entry where day = '2025-11-18'"));
    }

    [Fact]
    public async Task One_persons_entry_is_corrected_by_its_reversal_and_the_entry_again_in_one_step()
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/daftar-hadir?program=sabut-kelapa&tanggal=2025-11-17");
        await page.GetByLabel("Hadir: Warga Contoh 01").CheckAsync();
        await page.GetByLabel("Hadir: Warga Contoh 02").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan daftar hadir" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("untuk 2 orang");

        await page.Locator("section.session tr:has-text('Warga Contoh 01') summary").ClickAsync();
        await page.GetByLabel("Menit yang benar untuk Warga Contoh 01").FillAsync("45");
        await page.GetByLabel("Alasan koreksi untuk Warga Contoh 01").FillAsync("Datang terlambat");
        await page.GetByLabel("Alasan koreksi untuk Warga Contoh 01").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Warga Contoh 01 sekarang 45 menit");

        Assert.Equal(45, await app.QuerySingleAsync<long>($"select sum(minutes) from live_training_entry where day = '2025-11-17' and inmate_id = '{app.People[1]}'"));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from training_reversal where reason = 'Datang terlambat'"));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(distinct batch_id) from training_entry where day = '2025-11-17'"));
        await Expect(page.Locator("section.session tbody tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task A_finance_officer_has_no_register_and_another_Lapas_does_not_exist()
    {
        var (finance, _) = await app.SignInAsync("finance-cirebon");
        var forbidden = await finance.GotoAsync("/daftar-hadir");
        Assert.Equal(403, forbidden!.Status);
        Assert.Equal("Tidak diizinkan", await finance.Locator("h1").InnerTextAsync());

        var (gintung, _) = await app.SignInAsync("bimker-gintung");
        var missing = await gintung.GotoAsync("/daftar-hadir?lapas=lapas-cirebon");
        Assert.Equal(404, missing!.Status);
        Assert.Equal("Tidak ditemukan", await gintung.Locator("h1").InnerTextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("bimker", "lapas-gintung").GetAsync($"/api/v1/inmates/{app.People[1]}")).StatusCode);
    }
}
