using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>The work pages: an order's day grid saved as one batch, a refused row at its person, a record reversed.</summary>
public sealed class WorkPagesTests(WorkPagesTests.App app) : IClassFixture<WorkPagesTests.App>
{
    public sealed class App : PagesApp
    {
        public Guid OrderId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            await RegisterInmateAsync("lapas-cirebon", "CRB-0201", fullName: "Asep Saepudin");
            await RegisterInmateAsync("lapas-cirebon", "CRB-0202", fullName: "Ujang Permana");
            await RegisterInmateAsync("lapas-cirebon", "CRB-0203", fullName: "Cecep Gunawan");
            OrderId = await this.CreateOrderAsync(startsOn: "2025-11-01", endsOn: "2025-11-30", quantity: 500);
        }
    }

    private async Task<IPage> OpenDayAsync(string day)
    {
        var (page, _) = await app.SignInAsync("bimker-cirebon", "/pekerjaan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jaring sabut kelapa" }).ClickAsync();
        await page.WaitForURLAsync($"**/pekerjaan/{app.OrderId}");
        await page.GetByLabel("Tanggal kerja").FillAsync(day);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await page.WaitForURLAsync($"**tanggal={day}");
        return page;
    }

    [Fact]
    public async Task A_days_work_for_several_people_is_saved_as_one_batch_and_a_record_is_reversed()
    {
        var page = await OpenDayAsync("2025-11-18");
        await page.GetByLabel("Menit kerja Asep Saepudin").FillAsync("420");
        await page.GetByLabel("Unit dihasilkan Asep Saepudin").FillAsync("10");
        await page.GetByLabel("Unit lolos QC Asep Saepudin").FillAsync("9");
        await page.GetByLabel("Menit kerja Ujang Permana").FillAsync("400");
        await page.GetByLabel("Unit dihasilkan Ujang Permana").FillAsync("8");
        await page.GetByLabel("Unit lolos QC Ujang Permana").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan pekerjaan hari ini" }).ClickAsync();
        await page.GetByText("2 catatan pekerjaan tanggal 18 November 2025 tersimpan.").WaitForAsync();

        Assert.Equal((2L, 17L, 1L), await app.QuerySingleAsync<(long, long, long)>(
            "select count(*), sum(units_passed), count(distinct batch_id) from work_record where work_order_id = @id and worked_on = '2025-11-18'", new { id = app.OrderId }));
        Assert.Contains("17 / 500 jaring", await page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Alasan pembatalan catatan CRB-0201 Asep Saepudin tanggal 18 November 2025").FillAsync("Salah orang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Batalkan catatan CRB-0201 Asep Saepudin tanggal 18 November 2025" }).ClickAsync();
        await page.GetByText("Catatan dibatalkan; tidak lagi dihitung.").WaitForAsync();
        Assert.Contains("Dibatalkan: Salah orang", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Salah orang", await app.QuerySingleAsync<string>("""
            select v.reason from work_record_reversal v join work_record r on r.id = v.work_record_id join inmate i on i.id = r.inmate_id
            where i.registration_number = 'CRB-0201' and r.work_order_id = @id
            """, new { id = app.OrderId }));
    }

    [Fact]
    public async Task A_refused_row_is_shown_at_its_person_and_nothing_is_written()
    {
        var page = await OpenDayAsync("2025-11-17");
        await page.GetByLabel("Menit kerja Ujang Permana").FillAsync("300");
        await page.GetByLabel("Unit dihasilkan Ujang Permana").FillAsync("3");
        await page.GetByLabel("Menit kerja Cecep Gunawan").FillAsync("420");
        await page.GetByLabel("Unit dihasilkan Cecep Gunawan").FillAsync("5");
        await page.GetByLabel("Unit lolos QC Cecep Gunawan").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan pekerjaan hari ini" }).ClickAsync();
        await page.Locator(".problems").WaitForAsync();

        var refused = page.Locator("tr.refused");
        Assert.Equal(1, await refused.CountAsync());
        Assert.Contains("Cecep Gunawan", await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Unit lolos QC", await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("9", await page.GetByLabel("Unit lolos QC Cecep Gunawan").InputValueAsync());
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from work_record where worked_on = '2025-11-17'"));
    }

    [Fact]
    public async Task A_Gintung_officer_does_not_find_a_Cirebon_order()
    {
        var (page, _) = await app.SignInAsync("bimker-gintung");
        var response = await page.GotoAsync($"/pekerjaan/{app.OrderId}");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Tidak ditemukan", await page.Locator("h1").InnerTextAsync());
    }
}
