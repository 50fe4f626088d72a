using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Inmates;

public sealed class InmateRegistryTests(InmateRegistryTests.App app) : IClassFixture<InmateRegistryTests.App>
{
    public sealed class App : LedgerApp
    {
        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            foreach (var (number, name) in new[] { ("CRB-001", "Asep Sutisna"), ("CRB-002", "Dadang Hidayat"), ("CRB-003", "Cecep Permana"), ("CRB-004", "Asep Gunawan"), ("CRB-005", "Iwan 100%_Persen") })
            {
                await RegisterInmateAsync("lapas-cirebon", number, fullName: name);
            }
            await RegisterInmateAsync("lapas-gintung", "CRB-001", fullName: "Orang Gintung");
        }
    }

    [Fact]
    public async Task The_list_is_paged_from_1_with_the_total()
    {
        var bimker = app.Client("bimker");
        var page2 = await (await bimker.GetAsync("/api/v1/facilities/lapas-cirebon/inmates?search=CRB-00&page=2&pageSize=2")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageSize").GetInt32());
        Assert.Equal(5, page2.GetProperty("total").GetInt64());
        Assert.Equal(["Cecep Permana", "Dadang Hidayat"], page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()));
    }

    [Theory]
    [InlineData("asep", new[] { "CRB-004", "CRB-001" })]
    [InlineData("CRB-003", new[] { "CRB-003" })]
    [InlineData("100%_", new[] { "CRB-005" })]
    [InlineData("%", new[] { "CRB-005" })]
    [InlineData("nobody", new string[0])]
    public async Task Search_finds_by_name_or_registration_number(string search, string[] expected)
    {
        var result = await (await app.Client("reintegration").GetAsync($"/api/v1/facilities/lapas-cirebon/inmates?search={Uri.EscapeDataString(search)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(expected, result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("registrationNumber").GetString()));
    }

    [Fact]
    public async Task Registration_numbers_are_unique_within_a_facility_only()
    {
        var gintung = await (await app.Client("bimker", "lapas-gintung").GetAsync("/api/v1/facilities/lapas-gintung/inmates")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["CRB-001"], gintung.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("registrationNumber").GetString()));
    }

    [Fact]
    public async Task A_life_sentence_needs_no_length_and_a_person_file_shows_remisi_and_register_F()
    {
        var admin = app.Client("admin");
        var life = await (await admin.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates", new { registrationNumber = "CRB-LIFE", fullName = "Endang Contoh", detentionDate = "2015-05-01", sentenceKind = "life" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("life", life.GetProperty("sentence").GetProperty("kind").GetString());
        var lifeId = life.GetProperty("id").GetGuid();
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{lifeId}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 1, decreeNumber = "X" })).ExpectAsync(HttpStatusCode.Conflict);

        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-FILE", detentionDate: "2024-03-01");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 2, days = 0, decreeNumber = "PAS-2025-08" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "khusus", grantedOn = "2025-03-31", days = 15, decreeNumber = "PAS-2025-03" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-06-01", description = "Membawa barang terlarang" })).ExpectAsync(HttpStatusCode.Created);

        var file = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["2025-03-31", "2025-08-17"], file.GetProperty("remissions").EnumerateArray().Select(r => r.GetProperty("grantedOn").GetString()));
        Assert.Equal("khusus", file.GetProperty("remissions")[0].GetProperty("kind").GetString());
        Assert.Equal("2025-06-01", file.GetProperty("discipline")[0].GetProperty("occurredOn").GetString());
    }

    [Fact]
    public async Task Remisi_and_register_F_outside_the_sentence_or_in_the_future_are_refused()
    {
        var admin = app.Client("admin");
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-BADDATES", detentionDate: "2024-03-01");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2023-08-17", months = 1, decreeNumber = "X" })).ExpectFieldErrorAsync("grantedOn");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", decreeNumber = "X" })).ExpectFieldErrorAsync("months");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "hadiah", grantedOn = "2025-08-17", months = 1, decreeNumber = "X" })).ExpectFieldErrorAsync("kind");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-21", description = "x" })).ExpectFieldErrorAsync("occurredOn");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-01", description = " " })).ExpectFieldErrorAsync("description");
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from remission where inmate_id = @id", new { id }));
    }

    [Fact]
    public async Task Today_is_today_in_the_facilitys_zone()
    {
        // 2025-11-20T17:30Z is already 21 November in Jakarta (UTC+7).
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ZONE", detentionDate: "2024-03-01");
        var admin = app.Client("admin");
        app.Clock.Reset(NodaTime.Instant.FromUtc(2025, 11, 20, 17, 30));
        try
        {
            await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-21", description = "Keributan" })).ExpectAsync(HttpStatusCode.Created);
            await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-22", description = "Keributan" })).ExpectFieldErrorAsync("occurredOn");
        }
        finally
        {
            app.Clock.Reset(NodaTime.Instant.FromUtc(2025, 11, 20, 3, 0));
        }
    }

    [Fact]
    public async Task A_release_is_recorded_once()
    {
        var admin = app.Client("admin", region: "jawa-barat");
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL", detentionDate: "2024-03-01");
        var released = await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-19" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("2025-11-19", released.GetProperty("inmate").GetProperty("releasedOn").GetString());
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-20" })).ExpectAsync(HttpStatusCode.Conflict);
    }
}
