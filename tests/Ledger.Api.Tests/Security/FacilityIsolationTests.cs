using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Security;

public sealed class FacilityIsolationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_Gintung_user_cannot_see_a_Cirebon_person_and_gets_404_as_if_it_did_not_exist()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-1");
        var gintung = app.Client("bimker", "lapas-gintung");
        var cirebon = app.Client("bimker", "lapas-cirebon");

        var hidden = await (await gintung.GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.NotFound);
        var missing = await (await gintung.GetAsync($"/api/v1/inmates/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        await (await gintung.GetAsync("/api/v1/facilities/lapas-cirebon/inmates")).ExpectAsync(HttpStatusCode.NotFound);
        await (await gintung.GetAsync("/api/v1/facilities/lapas-cirebon")).ExpectAsync(HttpStatusCode.NotFound);
        await (await cirebon.GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_write_outside_the_callers_facility_answers_404_before_the_role_check()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-2");
        var gintungAuditor = app.Client("auditor", "lapas-gintung");
        await (await gintungAuditor.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-01", description = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        var gintungAdmin = app.Client("admin", "lapas-gintung");
        await (await gintungAdmin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-11-01", description = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from discipline_entry"));
    }

    [Fact]
    public async Task The_facility_list_shows_only_the_callers_facilities_and_kanwil_sees_its_region()
    {
        var gintung = await (await app.Client("finance", "lapas-gintung").GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["lapas-gintung"], gintung.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        var kanwil = await (await app.Client("kanwil", facility: null, region: "jawa-barat").GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["lapas-cirebon", "lapas-gintung"], kanwil.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        var otherRegion = await (await app.Client("kanwil", facility: null, region: "jawa-tengah").GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(otherRegion.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_region_claim_gives_no_reach_to_roles_other_than_kanwil_and_admin()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-3");
        var bimkerWithRegion = app.Client("bimker", facility: null, region: "jawa-barat");
        await (await bimkerWithRegion.GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_transfer_moves_visibility_to_the_new_facility_and_keeps_the_history()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TRF-1", detentionDate: "2024-06-01");
        var regionAdmin = app.Client("admin", "lapas-cirebon", region: "jawa-barat");

        var moved = await (await regionAdmin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-15" })).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("lapas-gintung", moved.GetProperty("inmate").GetProperty("facilityCode").GetString());
        var placements = moved.GetProperty("placements").EnumerateArray().Select(p => (p.GetProperty("facilityCode").GetString(), p.GetProperty("startedOn").GetString(), p.GetProperty("endedOn").ToString())).ToList();
        Assert.Equal([("lapas-cirebon", "2024-06-01", "2025-11-15"), ("lapas-gintung", "2025-11-15", "")], placements);
        await (await app.Client("bimker", "lapas-cirebon").GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await app.Client("bimker", "lapas-gintung").GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.OK);
        var audit = await app.QuerySingleAsync<long>("select count(*) from audit_log where subject_id = @s and action like 'inmate.transfer-%'", new { s = id.ToString() });
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task A_transfer_to_an_unknown_facility_or_into_the_future_is_refused_and_changes_nothing()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TRF-2");
        var admin = app.Client("admin", "lapas-cirebon", region: "jawa-barat");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-nowhere", on = "2025-11-15" })).ExpectFieldErrorAsync("toFacility");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-12-15" })).ExpectFieldErrorAsync("on");
        Assert.Equal("lapas-cirebon", await app.QuerySingleAsync<string>("select facility_code from inmate where id = @id", new { id }));
    }

    [Fact]
    public async Task A_transfer_into_a_facility_the_admin_does_not_reach_answers_as_for_an_unknown_facility()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TRF-3");
        // Gintung already holds this number: before the fix the 409 told a Cirebon-only admin so.
        await app.RegisterInmateAsync("lapas-gintung", "CRB-TRF-3");
        var cirebonAdmin = app.Client("admin", "lapas-cirebon");
        var unknown = await (await cirebonAdmin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-nowhere", on = "2025-11-15" })).ExpectFieldErrorAsync("toFacility");
        var unreached = await (await cirebonAdmin.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-15" })).ExpectFieldErrorAsync("toFacility");
        Assert.Equal(unknown.GetProperty("errors").GetProperty("toFacility")[0].GetString()!.Replace("lapas-nowhere", "X", StringComparison.Ordinal),
            unreached.GetProperty("errors").GetProperty("toFacility")[0].GetString()!.Replace("lapas-gintung", "X", StringComparison.Ordinal));
        // Read reach through a region (kanwil) is no reach for the admin's write.
        var adminAndKanwil = app.ClientWith(["admin", "kanwil"], ["lapas-cirebon"], ["jawa-tengah"]);
        await (await adminAndKanwil.PostAsJsonAsync($"/api/v1/inmates/{id}/transfer", new { toFacility = "lapas-gintung", on = "2025-11-15" })).ExpectFieldErrorAsync("toFacility");
        Assert.Equal("lapas-cirebon", await app.QuerySingleAsync<string>("select facility_code from inmate where id = @id", new { id }));
    }

    [Fact]
    public async Task A_Gintung_user_gets_404_for_a_Cirebon_work_order_record_scheme_run_and_premi_entry()
    {
        var person = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ISO-P", detentionDate: "2024-06-01");
        var runId = await app.CreditAsync([person], 10);
        var order = await app.QuerySingleAsync<Guid>("select work_order_id from work_record where inmate_id = @person", new { person });
        var record = await app.QuerySingleAsync<Guid>("select id from work_record where inmate_id = @person", new { person });
        var scheme = await app.QuerySingleAsync<Guid>("select scheme_id from premi_run where id = @runId", new { runId });
        var entry = await app.QuerySingleAsync<Guid>("select id from premi_entry where inmate_id = @person", new { person });
        var bimker = app.Client("bimker", "lapas-gintung");
        var finance = app.Client("finance", "lapas-gintung");

        var missing = await (await finance.GetAsync($"/api/v1/premi-runs/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        var hidden = await (await finance.GetAsync($"/api/v1/premi-runs/{runId}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
        await (await finance.GetAsync($"/api/v1/premi-runs/{runId}/lines.csv")).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.PostAsJsonAsync($"/api/v1/premi-runs/{runId}/approval", new { })).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.GetAsync($"/api/v1/premi-schemes/{scheme}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.PostAsJsonAsync($"/api/v1/premi-entries/{entry}/reversal", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.GetAsync($"/api/v1/inmates/{person}/premi")).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.PostAsJsonAsync($"/api/v1/inmates/{person}/premi/withdrawals", new { part = "spendable", amount = 1, purpose = "family" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await finance.GetAsync("/api/v1/facilities/lapas-cirebon/premi-runs")).ExpectAsync(HttpStatusCode.NotFound);
        await (await bimker.GetAsync($"/api/v1/work-orders/{order}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await bimker.PostAsJsonAsync($"/api/v1/work-orders/{order}/records", new[] { new { inmateId = person } })).ExpectAsync(HttpStatusCode.NotFound);
        await (await bimker.PostAsJsonAsync($"/api/v1/work-records/{record}/reversal", new { reason = "x" })).ExpectAsync(HttpStatusCode.NotFound);
        await (await app.Client("finance", "lapas-cirebon").GetAsync($"/api/v1/premi-runs/{runId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @person", new { person }));
    }
}
