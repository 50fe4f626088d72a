using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

public sealed class AuditTrailTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task Every_write_leaves_one_audit_row_with_user_roles_facility_action_subject_and_instant()
    {
        var admin = app.Client("admin", sub: "admin-audit");
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-AUD-1", detentionDate: "2024-01-15");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 2, days = 0, decreeNumber = "PAS-123" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/discipline", new { occurredOn = "2025-09-01", description = "Berkelahi" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Created);

        var auditor = app.Client("auditor", sub: "auditor-1");
        var trail = await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-11-20&to=2025-11-20")).ExpectAsync(HttpStatusCode.OK);

        var rows = trail.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("subjectId").GetString() == id.ToString()).ToList();
        // The release is recorded alone: the premi payout is finance's later step, with its own audit row.
        Assert.Equal(["inmate.register", "inmate.remission", "inmate.discipline", "inmate.release"], rows.Select(r => r.GetProperty("action").GetString()));
        var remission = rows[1];
        Assert.Equal("admin-audit", remission.GetProperty("userSub").GetString());
        Assert.Equal(["admin"], remission.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("lapas-cirebon", remission.GetProperty("facilityCode").GetString());
        Assert.Equal("2025-11-20T03:00:00Z", remission.GetProperty("at").GetString());
        Assert.False(string.IsNullOrEmpty(remission.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task Reading_a_persons_file_is_attributable_to_the_reader()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-AUD-READ", detentionDate: "2024-01-15");
        await (await app.Client("reintegration", sub: "wali-1").GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await app.Client("finance", sub: "fin-1").GetAsync($"/api/v1/inmates/{id}/release-file")).StatusCode);
        await (await app.Client("bimker", "lapas-gintung", sub: "outsider").GetAsync($"/api/v1/inmates/{id}")).ExpectAsync(HttpStatusCode.NotFound);

        var trail = await (await app.Client("auditor").GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-11-20&to=2025-11-20")).ExpectAsync(HttpStatusCode.OK);
        var reads = trail.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("subjectId").GetString() == id.ToString() && r.GetProperty("action").GetString()!.StartsWith("read.", StringComparison.Ordinal))
            .Select(r => (r.GetProperty("action").GetString(), r.GetProperty("userSub").GetString()))
            .ToList();
        Assert.Equal([("read.inmate", "wali-1"), ("read.release-file", "fin-1")], reads);
    }

    [Fact]
    public async Task The_audit_window_is_in_the_facilitys_days_and_other_days_are_left_out()
    {
        var auditor = app.Client("auditor");
        var earlier = await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-01-01&to=2025-11-19")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(earlier.GetProperty("items").EnumerateArray());
        await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-11-30&to=2025-11-01")).ExpectFieldErrorAsync("from");
        await (await auditor.GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-02-30")).ExpectFieldErrorAsync("from");
    }

    [Fact]
    public async Task The_audit_log_refuses_update_and_delete_in_the_database_itself()
    {
        await app.RegisterInmateAsync("lapas-cirebon", "CRB-AUD-2");
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with d as (delete from audit_log returning 1) select count(*) from d"));
        Assert.Contains("append-only", error.MessageText);
        error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<long>("with u as (update audit_log set action = 'x' returning 1) select count(*) from u"));
        Assert.Contains("append-only", error.MessageText);
    }
}
