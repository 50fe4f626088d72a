using System.Net;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// Every read that returns people leaves one audit row naming the reader, the endpoint, the facility and the people it
/// returned (or the search): lists and searches, the release worklist, premi runs and their CSV, work-order records.
/// A refused request (404, 403, 400) leaves none.
/// </summary>
public sealed class ReadAuditTests(ReadAuditTests.App app) : IClassFixture<ReadAuditTests.App>
{
    public sealed class App : LedgerApp
    {
        public Guid Asep { get; private set; }
        public Guid Budi { get; private set; }
        public Guid RunId { get; private set; }
        public Guid OrderId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            Asep = await RegisterInmateAsync("lapas-cirebon", "CRB-RA-1", fullName: "Asep Baca");
            Budi = await RegisterInmateAsync("lapas-cirebon", "CRB-RA-2", fullName: "Budi Baca");
            await RegisterInmateAsync("lapas-gintung", "GTG-RA-1", fullName: "Cecep Baca");
            RunId = await this.CreditAsync([Asep, Budi], 10);
            OrderId = await QuerySingleAsync<Guid>("select work_order_id from work_record limit 1");
        }
    }

    private sealed record Row(long Id, string UserSub, string Roles, string? FacilityCode, string Action, string? SubjectId, string? RequestId, string? PeopleText, string? Search)
    {
        public Guid[]? People => PeopleText?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray();
    }

    private async Task<List<Row>> RowsAfterAsync(long after)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        return (await connection.QueryAsync<Row>("""
            select id as Id, user_sub as UserSub, array_to_string(roles, ',') as Roles, facility_code as FacilityCode, action as Action,
                   subject_id as SubjectId, request_id as RequestId, array_to_string(people, ',') as PeopleText, search as Search
            from audit_log where id > @after order by id
            """, new { after })).ToList();
    }

    private Task<long> LastIdAsync() => app.QuerySingleAsync<long>("select coalesce(max(id), 0) from audit_log");

    /// <summary>Sends one GET and returns the audit rows it left.</summary>
    private async Task<(HttpResponseMessage Response, List<Row> Rows)> ReadAsync(HttpClient client, string url)
    {
        var before = await LastIdAsync();
        var response = await client.GetAsync(url);
        return (response, await RowsAfterAsync(before));
    }

    [Fact]
    public async Task The_inmate_list_records_the_reader_the_facility_and_the_people_returned()
    {
        var (response, rows) = await ReadAsync(app.Client("bimker", sub: "bimker-reader"), "/api/v1/facilities/lapas-cirebon/inmates");

        await response.ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(rows);
        Assert.Equal(("bimker-reader", "bimker", "lapas-cirebon", "read.inmate-list"), (row.UserSub, row.Roles, row.FacilityCode, row.Action));
        Assert.Equal([app.Asep, app.Budi], row.People!.Order());
        Assert.Null(row.Search);
        Assert.False(string.IsNullOrEmpty(row.RequestId));
    }

    [Fact]
    public async Task A_search_records_its_text_and_the_people_it_found()
    {
        var (response, rows) = await ReadAsync(app.Client("reintegration"), "/api/v1/facilities/lapas-cirebon/inmates?search=budi");

        await response.ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(rows);
        Assert.Equal("budi", row.Search);
        Assert.Equal([app.Budi], row.People!);
    }

    [Fact]
    public async Task A_search_that_finds_no_one_is_recorded_too()
    {
        var (_, rows) = await ReadAsync(app.Client("reintegration"), "/api/v1/facilities/lapas-cirebon/inmates?search=nobody-here");
        var row = Assert.Single(rows);
        Assert.Equal("nobody-here", row.Search);
        Assert.Empty(row.People!);
    }

    [Fact]
    public async Task The_release_worklist_records_the_people_on_it()
    {
        var (response, rows) = await ReadAsync(app.Client("reintegration"), "/api/v1/facilities/lapas-cirebon/releases?withinDays=3650");

        await response.ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(rows);
        Assert.Equal(("read.release-worklist", "lapas-cirebon"), (row.Action, row.FacilityCode));
        Assert.Equal([app.Asep, app.Budi], row.People!.Order());
    }

    [Fact]
    public async Task A_premi_run_and_its_csv_record_the_people_paid()
    {
        var finance = app.Client("finance");
        foreach (var (url, action) in new[] { ($"/api/v1/premi-runs/{app.RunId}", "read.premi-run"), ($"/api/v1/premi-runs/{app.RunId}/lines.csv", "read.premi-run-lines") })
        {
            var (response, rows) = await ReadAsync(finance, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var row = Assert.Single(rows);
            Assert.Equal((action, "lapas-cirebon", app.RunId.ToString()), (row.Action, row.FacilityCode, row.SubjectId));
            Assert.Equal([app.Asep, app.Budi], row.People!.Order());
        }
    }

    [Fact]
    public async Task The_list_of_premi_runs_names_no_one_and_leaves_no_row()
    {
        var (response, rows) = await ReadAsync(app.Client("finance"), "/api/v1/facilities/lapas-cirebon/premi-runs");
        var runs = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(runs.GetProperty("items").EnumerateArray(), r => Assert.Equal(0, r.GetProperty("lines").GetArrayLength()));
        Assert.Empty(rows);
    }

    [Fact]
    public async Task Work_order_records_record_the_people_who_worked()
    {
        var (response, rows) = await ReadAsync(app.Client("kanwil", facility: null, region: "jawa-barat", sub: "kanwil-reader"), $"/api/v1/work-orders/{app.OrderId}/records");

        await response.ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(rows);
        Assert.Equal(("kanwil-reader", "read.work-records", "lapas-cirebon", app.OrderId.ToString()), (row.UserSub, row.Action, row.FacilityCode, row.SubjectId));
        Assert.Equal([app.Asep, app.Budi], row.People!.Order());
    }

    [Fact]
    public async Task Refused_reads_leave_no_row()
    {
        var (outside, rows) = await ReadAsync(app.Client("bimker", "lapas-gintung"), "/api/v1/facilities/lapas-cirebon/inmates");
        await outside.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty(rows);
        (var forbidden, rows) = await ReadAsync(app.Client("auditor"), "/api/v1/facilities/lapas-cirebon/inmates");
        await forbidden.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Empty(rows);
        (var bad, rows) = await ReadAsync(app.Client("bimker"), "/api/v1/facilities/lapas-cirebon/inmates?page=0");
        await bad.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Empty(rows);
        (var unknown, rows) = await ReadAsync(app.Client("finance"), $"/api/v1/premi-runs/{Guid.NewGuid()}/lines.csv");
        await unknown.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task The_auditor_sees_who_read_whom()
    {
        await (await app.Client("bimker", sub: "bimker-seen").GetAsync("/api/v1/facilities/lapas-cirebon/inmates?search=asep")).ExpectAsync(HttpStatusCode.OK);

        var trail = await (await app.Client("auditor").GetAsync("/api/v1/facilities/lapas-cirebon/audit?from=2025-11-20&to=2025-11-20")).ExpectAsync(HttpStatusCode.OK);

        var read = trail.GetProperty("items").EnumerateArray().Last(r => r.GetProperty("userSub").GetString() == "bimker-seen");
        Assert.Equal("read.inmate-list", read.GetProperty("action").GetString());
        Assert.Equal("asep", read.GetProperty("search").GetString());
        Assert.Equal([app.Asep], read.GetProperty("people").EnumerateArray().Select(p => p.GetGuid()));
    }
}
