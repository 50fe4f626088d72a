using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Work;

public sealed class WorkOrderTests(WorkOrderTests.App app) : IClassFixture<WorkOrderTests.App>
{
    public sealed class App : LedgerApp
    {
        public Guid Asep { get; private set; }
        public Guid Budi { get; private set; }
        public Guid Gintung { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            Asep = await RegisterInmateAsync("lapas-cirebon", "CRB-W-1", fullName: "Asep Kerja");
            Budi = await RegisterInmateAsync("lapas-cirebon", "CRB-W-2", fullName: "Budi Kerja");
            Gintung = await RegisterInmateAsync("lapas-gintung", "GTG-W-1", fullName: "Orang Gintung");
        }
    }

    [Fact]
    public async Task A_batch_of_work_records_is_posted_and_the_order_shows_its_progress()
    {
        var order = await app.CreateOrderAsync(quantity: 100);

        await app.PostRecordsAsync(order, [Row(app.Asep, "2025-09-29", 10), Row(app.Budi, "2025-09-29", 9, passed: 8), Row(app.Asep, "2025-09-30", 12)]);

        var body = await (await app.Client("kanwil", facility: null, region: "jawa-barat").GetAsync($"/api/v1/work-orders/{order}")).ExpectAsync(HttpStatusCode.OK);
        var progress = body.GetProperty("progress");
        Assert.Equal("open", body.GetProperty("status").GetString());
        Assert.Equal(100, progress.GetProperty("quantity").GetInt32());
        Assert.Equal(31, progress.GetProperty("unitsProduced").GetInt64());
        Assert.Equal(30, progress.GetProperty("unitsPassed").GetInt64());
        Assert.Equal(70, progress.GetProperty("unitsRemaining").GetInt64());
        Assert.Equal(30, progress.GetProperty("percentPassed").GetInt32());
        Assert.Equal(2, progress.GetProperty("workers").GetInt32());
        Assert.Equal(2, progress.GetProperty("days").GetInt32());
        Assert.Equal(1260, progress.GetProperty("minutes").GetInt64());
    }

    [Fact]
    public async Task A_batch_with_bad_rows_is_refused_whole_and_each_error_names_its_row_and_field()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var rows = new object[]
        {
            Row(app.Asep, "2025-10-01", 10),
            Row(app.Gintung, "2025-10-01", 10),
            Row(app.Budi, "2025-10-20", 10),
            new { inmateId = app.Budi, date = "2025-10-01", minutes = 300, unitsProduced = 5, unitsPassed = 6 },
            Row(app.Asep, "2025-10-01", 5, minutes: 200),
        };

        var response = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", rows, LedgerApp.Json);

        var problem = await response.ExpectFieldErrorAsync("[3].unitsPassed");
        var errors = problem.GetProperty("errors");
        // A person of another facility is answered like an unknown id (see Security/ForeignPersonTests).
        Assert.Equal("no warga binaan with this id was held in lapas-cirebon", errors.GetProperty("[1].inmateId")[0].GetString());
        Assert.Contains("within the order", errors.GetProperty("[2].date")[0].GetString());
        Assert.True(errors.TryGetProperty("[3].unitsPassed", out _));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from work_record where work_order_id = @order", new { order }));
    }

    [Fact]
    public async Task Minutes_per_person_per_day_count_the_records_already_there()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        await app.PostRecordsAsync(order, [Row(app.Budi, "2025-10-02", 5, minutes: 500)]);

        var response = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new[] { Row(app.Budi, "2025-10-02", 1, minutes: 101) }, LedgerApp.Json);

        var problem = await response.ExpectFieldErrorAsync("[0].minutes");
        Assert.Contains("601 minutes", problem.GetProperty("errors").GetProperty("[0].minutes")[0].GetString());
        await app.PostRecordsAsync(order, [Row(app.Budi, "2025-10-02", 1, minutes: 100)]);
    }

    [Fact]
    public async Task Work_cannot_be_recorded_for_a_day_after_today_or_on_a_closed_order()
    {
        var order = await app.CreateOrderAsync("2025-11-01", "2025-11-30", quantity: 10);
        var future = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new[] { Row(app.Asep, "2025-11-21", 1) }, LedgerApp.Json);
        Assert.Contains("after today", (await future.ExpectFieldErrorAsync("[0].date")).GetProperty("errors").GetProperty("[0].date")[0].GetString());

        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/close", new { revenue = 1_000_000, costs = 400_000 })).ExpectAsync(HttpStatusCode.Created);
        var closed = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new[] { Row(app.Asep, "2025-11-03", 1) }, LedgerApp.Json);
        await closed.ExpectAsync(HttpStatusCode.Conflict);
        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/close", new { })).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reversed_record_stops_counting_and_cannot_be_reversed_twice()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        await app.PostRecordsAsync(order, [Row(app.Asep, "2025-10-03", 10), Row(app.Budi, "2025-10-03", 7)]);
        var records = await (await app.Bimker().GetAsync($"/api/v1/work-orders/{order}/records")).ExpectAsync(HttpStatusCode.OK);
        var budi = records.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("inmateId").GetGuid() == app.Budi).GetProperty("id").GetGuid();

        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-records/{budi}/reversal", new { })).ExpectFieldErrorAsync("reason");
        var reversed = await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-records/{budi}/reversal", new { reason = "Salah orang" })).ExpectAsync(HttpStatusCode.Created);
        await (await app.Bimker().PostAsJsonAsync($"/api/v1/work-records/{budi}/reversal", new { reason = "Lagi" })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("Salah orang", reversed.GetProperty("reversal").GetProperty("reason").GetString());
        var progress = (await (await app.Bimker().GetAsync($"/api/v1/work-orders/{order}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("progress");
        Assert.Equal(10, progress.GetProperty("unitsPassed").GetInt64());
        Assert.Equal(1, progress.GetProperty("workers").GetInt32());
    }

    [Fact]
    public async Task A_new_order_is_validated_field_by_field()
    {
        var response = await app.Bimker().PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/work-orders", new
        {
            programmeCode = "Sabut Kelapa",
            description = "x",
            partner = "PT Coir",
            quantity = 0,
            startsOn = "2025-10-10",
            endsOn = "2025-10-01",
        });
        var errors = (await response.ExpectFieldErrorAsync("programmeCode")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("quantity", out _));
        Assert.True(errors.TryGetProperty("endsOn", out _));
    }

    [Fact]
    public async Task Work_records_are_append_only_in_the_database_and_an_order_changes_only_by_closing()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        await app.PostRecordsAsync(order, [Row(app.Asep, "2025-10-06", 1)]);
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with u as (update work_record set units_passed = 0 returning 1) select count(*) from u"));
        Assert.Contains("append-only", error.MessageText);
        error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with u as (update work_order set quantity = 1 where id = @order returning 1) select count(*) from u", new { order }));
        Assert.Contains("only closing", error.MessageText);
    }
}
