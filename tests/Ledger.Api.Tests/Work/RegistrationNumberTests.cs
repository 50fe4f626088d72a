using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Work;

/// <summary>Training sessions and work batches name people by registration number as well as by id.</summary>
public sealed class RegistrationNumberTests(RegistrationNumberTests.App app) : IClassFixture<RegistrationNumberTests.App>
{
    public sealed class App : LedgerApp
    {
        public Guid Asep { get; private set; }
        public Guid Budi { get; private set; }
        public Guid Cecep { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            Asep = await RegisterInmateAsync("lapas-cirebon", "CRB-RN-1", fullName: "Asep Nomor");
            Budi = await RegisterInmateAsync("lapas-cirebon", "CRB-RN-2", fullName: "Budi Nomor");
            Cecep = await RegisterInmateAsync("lapas-cirebon", "CRB-RN-3", fullName: "Cecep Nomor");
            await RegisterInmateAsync("lapas-gintung", "GTG-RN-1", fullName: "Orang Gintung");
            await this.EnsureProgrammeAsync();
        }
    }

    private const string Sessions = "/api/v1/facilities/lapas-cirebon/training-sessions";

    [Fact]
    public async Task A_session_names_people_by_registration_number_and_by_id_together()
    {
        var response = await app.Bimker().PostAsJsonAsync(Sessions, new
        {
            programmeCode = "sabut-kelapa", date = "2025-10-06", minutes = 120, inmateIds = new[] { app.Cecep }, registrationNumbers = new[] { "crb-rn-1", "CRB-RN-2" },
        }, LedgerApp.Json);

        var body = await response.ExpectAsync(HttpStatusCode.Created);
        var people = body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("inmateId").GetGuid()).ToList();
        Assert.Equal([app.Cecep, app.Asep, app.Budi], people);
    }

    [Fact]
    public async Task A_session_refuses_an_unknown_or_foreign_number_under_its_index_and_writes_nothing()
    {
        var before = await app.QuerySingleAsync<long>("select count(*) from training_entry");

        var response = await app.Bimker().PostAsJsonAsync(Sessions, new
        {
            programmeCode = "sabut-kelapa", date = "2025-10-07", minutes = 120, inmateIds = new[] { app.Asep },
            registrationNumbers = new[] { "CRB-RN-1", "CRB-TIDAK-ADA", "GTG-RN-1", "##", "CRB-RN-2" },
        }, LedgerApp.Json);

        var errors = (await response.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["registrationNumbers[0]", "registrationNumbers[1]", "registrationNumbers[2]", "registrationNumbers[3]"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("appears twice in the list (first at inmateIds[0])", errors.GetProperty("registrationNumbers[0]")[0].GetString());
        Assert.Equal("no warga binaan with registration number CRB-TIDAK-ADA in lapas-cirebon", errors.GetProperty("registrationNumbers[1]")[0].GetString());
        Assert.Equal("no warga binaan with registration number GTG-RN-1 in lapas-cirebon", errors.GetProperty("registrationNumbers[2]")[0].GetString());
        Assert.Equal(before, await app.QuerySingleAsync<long>("select count(*) from training_entry"));
    }

    [Fact]
    public async Task An_unknown_number_is_refused_in_Indonesian_for_an_Indonesian_reader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Sessions)
        {
            Content = JsonContent.Create(new { programmeCode = "sabut-kelapa", date = "2025-10-08", minutes = 60, registrationNumbers = new[] { "CRB-RN-1", "CRB-X" } }, options: LedgerApp.Json),
        };
        request.Headers.AcceptLanguage.ParseAdd("id");

        var errors = (await (await app.Bimker().SendAsync(request)).ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Equal("tidak ada warga binaan dengan nomor registrasi CRB-X di lapas-cirebon", errors.GetProperty("registrationNumbers[1]")[0].GetString());
    }

    [Fact]
    public async Task A_work_batch_names_people_by_registration_number_or_by_both_when_they_agree()
    {
        var order = await app.CreateOrderAsync(quantity: 100);

        var response = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new object[]
        {
            new { registrationNumber = "crb-rn-1", date = "2025-10-01", minutes = 300, unitsProduced = 10, unitsPassed = 9 },
            new { inmateId = app.Budi, registrationNumber = "CRB-RN-2", date = "2025-10-01", minutes = 300, unitsProduced = 8, unitsPassed = 8 },
        }, LedgerApp.Json);

        var records = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([app.Asep, app.Budi], records.Select(r => r.GetProperty("inmateId").GetGuid()));
    }

    [Fact]
    public async Task A_work_batch_refuses_an_unknown_number_a_disagreeing_pair_and_a_row_naming_no_one()
    {
        var order = await app.CreateOrderAsync(quantity: 100);
        var before = await app.QuerySingleAsync<long>("select count(*) from work_record");

        var response = await app.Bimker().PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new object[]
        {
            new { registrationNumber = "CRB-RN-1", date = "2025-10-02", minutes = 300, unitsProduced = 10, unitsPassed = 9 },
            new { registrationNumber = "GTG-RN-1", date = "2025-10-02", minutes = 300, unitsProduced = 10, unitsPassed = 9 },
            new { inmateId = app.Asep, registrationNumber = "CRB-RN-2", date = "2025-10-02", minutes = 60, unitsProduced = 1, unitsPassed = 1 },
            new { date = "2025-10-02", minutes = 60, unitsProduced = 1, unitsPassed = 1 },
            new { registrationNumber = "CRB-RN-3", date = "2025-10-02", minutes = 400, unitsProduced = 1, unitsPassed = 1 },
            new { inmateId = app.Cecep, date = "2025-10-02", minutes = 300, unitsProduced = 1, unitsPassed = 1 },
        }, LedgerApp.Json);

        var errors = (await response.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["[1].registrationNumber", "[2].registrationNumber", "[3].inmateId", "[5].minutes"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("no warga binaan with registration number GTG-RN-1 in lapas-cirebon", errors.GetProperty("[1].registrationNumber")[0].GetString());
        Assert.Equal("registration number CRB-RN-2 belongs to another person than inmateId", errors.GetProperty("[2].registrationNumber")[0].GetString());
        Assert.Equal("is required (or registrationNumber)", errors.GetProperty("[3].inmateId")[0].GetString());
        Assert.Contains("CRB-RN-3", errors.GetProperty("[5].minutes")[0].GetString());
        Assert.Equal(before, await app.QuerySingleAsync<long>("select count(*) from work_record"));
    }
}
