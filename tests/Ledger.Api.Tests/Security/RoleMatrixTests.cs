using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// api.md's "Who may do what", written out independently of the code's matrix, checked against every
/// endpoint group for every role. Writes are sent with an empty body: an allowed role gets past the role
/// check and is refused for the body (400), a refused role gets 403; nothing is written either way.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixTests.App app) : IClassFixture<RoleMatrixTests.App>
{
    public sealed class App : LedgerApp
    {
        public Guid InmateId { get; private set; }
        public Guid WorkOrderId { get; private set; }
        public Guid WorkRecordId { get; private set; }
        public Guid SchemeId { get; private set; }
        public Guid RunId { get; private set; }
        public Guid EntryId { get; private set; }

        public Guid TrainingEntryId { get; private set; }

        public Guid CertificateId { get; private set; }

        public Guid GintungInmateId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            InmateId = await RegisterInmateAsync("lapas-cirebon", "CRB-M-1");
            GintungInmateId = await RegisterInmateAsync("lapas-gintung", "GTG-M-1");
            RunId = await this.CreditAsync([InmateId], 10);
            WorkOrderId = await QuerySingleAsync<Guid>("select work_order_id from work_record limit 1");
            WorkRecordId = await QuerySingleAsync<Guid>("select id from work_record limit 1");
            SchemeId = await QuerySingleAsync<Guid>("select scheme_id from premi_run limit 1");
            EntryId = await QuerySingleAsync<Guid>("select id from premi_entry limit 1");
            var bimker = Client("bimker");
            (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "m-prog", name = "Matrix", kind = "both" })).EnsureSuccessStatusCode();
            var entry = await bimker.PostAsJsonAsync($"/api/v1/inmates/{InmateId}/training", new { programmeCode = "m-prog", date = "2025-09-08", minutes = 60 });
            TrainingEntryId = (await entry.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            var certificate = await bimker.PostAsJsonAsync($"/api/v1/inmates/{InmateId}/certificates",
                new { title = "Matrix", issuer = "PT Coir", issuerKind = "partner", number = "M-1", result = "competent", issuedOn = "2025-10-01" });
            CertificateId = (await certificate.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        }
    }

    // role order: admin, bimker, finance, reintegration, kanwil, auditor. W = write, R = read, - = nothing.
    private static readonly Dictionary<string, string> ApiMd = new()
    {
        ["facilities"] = "W R R R R R",
        ["inmates"] = "W R R R R -",
        ["skills"] = "R W R R R -",
        ["premi"] = "R R W R R -",
        ["premi-balances"] = "R R R R R -",
        ["reports"] = "R R R R R R",
        ["readiness"] = "R R R R R -",
        ["audit"] = "- - - - - R",
    };

    private static readonly string[] RoleOrder = ["admin", "bimker", "finance", "reintegration", "kanwil", "auditor"];

    public static TheoryData<string, string, string, string> Endpoints()
    {
        var data = new TheoryData<string, string, string, string>();
        void Add(string method, string path, string area, bool write, string body = "{}")
        {
            foreach (var role in RoleOrder)
            {
                data.Add(method, path + (body == "{}" ? "" : "#" + body), area + (write ? ":W" : ":R"), role);
            }
        }
        Add("GET", "/api/v1/facilities/lapas-cirebon", "facilities", false);
        Add("POST", "/api/v1/facilities", "facilities", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/settings", "facilities", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/inmates", "inmates", false);
        Add("POST", "/api/v1/facilities/lapas-cirebon/inmates", "inmates", true);
        Add("GET", "/api/v1/inmates/{inmate}", "inmates", false);
        Add("POST", "/api/v1/inmates/{inmate}/remissions", "inmates", true);
        Add("POST", "/api/v1/inmates/{inmate}/discipline", "inmates", true);
        Add("POST", "/api/v1/inmates/{inmate}/transfer", "inmates", true);
        Add("POST", "/api/v1/inmates/{inmate}/release", "inmates", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/audit", "audit", false);
        Add("GET", "/api/v1/inmates/{inmate}/release-readiness", "readiness", false);
        Add("GET", "/api/v1/inmates/{inmate}/release-file", "readiness", false);
        Add("GET", "/api/v1/facilities/lapas-cirebon/releases", "readiness", false);
        Add("POST", "/api/v1/facilities/lapas-cirebon/work-orders", "skills", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/work-orders", "skills", false);
        Add("GET", "/api/v1/work-orders/{order}", "skills", false);
        Add("GET", "/api/v1/work-orders/{order}/records", "skills", false);
        Add("POST", "/api/v1/work-orders/{order}/records", "skills", true);
        // Closing takes optional figures, so an empty body would close the order: send a refused figure instead.
        Add("POST", "/api/v1/work-orders/{order}/close", "skills", true, """{"revenue":-1}""");
        Add("POST", "/api/v1/work-records/{record}/reversal", "skills", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/premi-schemes", "premi", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/premi-schemes", "premi", false);
        Add("GET", "/api/v1/premi-schemes/{scheme}", "premi", false);
        Add("POST", "/api/v1/premi-schemes/{scheme}/versions", "premi", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/premi-runs", "premi", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/premi-runs", "premi", false);
        Add("GET", "/api/v1/premi-runs/{run}", "premi", false);
        Add("GET", "/api/v1/premi-runs/{run}/lines.csv", "premi", false);
        Add("GET", "/api/v1/premi-runs/{run}/payment-list", "premi", false);
        // Approval needs no body, so an empty one would approve: send a refused expected total instead.
        Add("POST", "/api/v1/premi-runs/{run}/approval", "premi", true, """{"expectedTotal":-1}""");
        Add("POST", "/api/v1/premi-runs/{run}/cancellation", "premi", true);
        Add("GET", "/api/v1/inmates/{inmate}/premi", "premi-balances", false);
        Add("POST", "/api/v1/inmates/{inmate}/premi/withdrawals", "premi", true);
        // The payout needs no body, so an empty one would pay out: send a refused expected total instead.
        Add("POST", "/api/v1/inmates/{inmate}/premi/payout", "premi", true, """{"expectedTotal":-1}""");
        Add("POST", "/api/v1/premi-entries/{entry}/reversal", "premi", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/programmes", "skills", false);
        Add("POST", "/api/v1/facilities/lapas-cirebon/programmes", "skills", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/programmes/m-prog/retirement", "skills", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/training-sessions", "skills", true);
        Add("POST", "/api/v1/facilities/lapas-cirebon/imports/training", "skills", true);
        Add("GET", "/api/v1/inmates/{inmate}/training", "skills", false);
        Add("POST", "/api/v1/inmates/{inmate}/training", "skills", true);
        Add("GET", "/api/v1/inmates/{inmate}/skills", "skills", false);
        Add("GET", "/api/v1/inmates/{inmate}/certificates", "skills", false);
        Add("POST", "/api/v1/inmates/{inmate}/certificates", "skills", true);
        Add("POST", "/api/v1/training/{training}/reversal", "skills", true);
        Add("POST", "/api/v1/certificates/{certificate}/revocation", "skills", true);
        Add("GET", "/api/v1/facilities/lapas-cirebon/reports/programmes", "reports", false);
        Add("GET", "/api/v1/regions/jawa-barat/reports/programmes", "reports", false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_gets_exactly_the_access_api_md_gives_it(string method, string path, string areaAndAccess, string role)
    {
        var (area, access) = (areaAndAccess.Split(':')[0], areaAndAccess.Split(':')[1]);
        var granted = ApiMd[area].Split(' ')[Array.IndexOf(RoleOrder, role)];
        var allowed = access == "R" ? granted is "R" or "W" : granted == "W";
        var client = role == "kanwil" ? app.Client(role, facility: null, region: "jawa-barat") : app.Client(role, region: role == "admin" ? "jawa-barat" : null);
        var body = path.Contains('#', StringComparison.Ordinal) ? path[(path.IndexOf('#', StringComparison.Ordinal) + 1)..] : "{}";
        var url = path.Split('#')[0].Replace("{inmate}", app.InmateId.ToString()).Replace("{order}", app.WorkOrderId.ToString())
            .Replace("{record}", app.WorkRecordId.ToString()).Replace("{scheme}", app.SchemeId.ToString()).Replace("{run}", app.RunId.ToString())
            .Replace("{entry}", app.EntryId.ToString())
            .Replace("{training}", app.TrainingEntryId.ToString()).Replace("{certificate}", app.CertificateId.ToString());
        // Reads of a person's file are audited by design; no request here may leave any other row.
        const string Writes = "select count(*) from audit_log where action not like 'read.%'";
        var before = await app.QuerySingleAsync<long>(Writes);

        // The CSV import reads a text/csv body: its empty body is an empty file.
        var response = method == "GET" ? await client.GetAsync(url)
            : url.EndsWith("/imports/training", StringComparison.Ordinal) ? await client.PostAsync(url, new StringContent("", System.Text.Encoding.UTF8, "text/csv"))
            : await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
            Assert.True(response.StatusCode == (method == "GET" ? HttpStatusCode.OK : HttpStatusCode.BadRequest), $"{role} {method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await response.ExpectAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await app.QuerySingleAsync<long>(Writes));
    }

    /// <summary>
    /// Tokens with several roles: each role acts only where it reaches. Every role reaches the facilities of its
    /// facility claims; only kanwil (to read) and admin reach the facilities of their region claims. Lapas Cirebon is
    /// reached here only through the region. Writes are sent with a body refused for its content (an allowed
    /// caller gets 400), so nothing is written.
    /// </summary>
    public static TheoryData<string, string?, string, string, int> Combinations() => new()
    {
        // A Gintung bimker who is also kanwil of the region: kanwil reads Cirebon, bimker writes only in Gintung.
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/inmates/{inmate}/training", 403 },
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/facilities/lapas-cirebon/training-sessions", 403 },
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/facilities/lapas-cirebon/programmes", 403 },
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/work-orders/{order}/records", 403 },
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/certificates/{certificate}/revocation", 403 },
        { "bimker,kanwil", "lapas-gintung", "GET", "/api/v1/inmates/{inmate}/training", 200 },
        { "bimker,kanwil", "lapas-gintung", "GET", "/api/v1/facilities/lapas-cirebon/programmes", 200 },
        { "bimker,kanwil", "lapas-gintung", "POST", "/api/v1/inmates/{gintung}/training", 400 },
        // Finance in Gintung and kanwil: reads Cirebon's runs, approves and pays out only in Gintung.
        { "finance,kanwil", "lapas-gintung", "POST", "/api/v1/premi-runs/{run}/approval#{\"expectedTotal\":-1}", 403 },
        { "finance,kanwil", "lapas-gintung", "POST", "/api/v1/inmates/{inmate}/premi/withdrawals", 403 },
        { "finance,kanwil", "lapas-gintung", "GET", "/api/v1/premi-runs/{run}", 200 },
        { "finance,kanwil", "lapas-gintung", "POST", "/api/v1/inmates/{gintung}/premi/withdrawals", 400 },
        // Admin's region claim is documented to reach the region for admin's own grants, not for the other roles'.
        { "admin,bimker", "lapas-gintung", "POST", "/api/v1/facilities/lapas-cirebon/inmates", 400 },
        { "admin,bimker", "lapas-gintung", "GET", "/api/v1/facilities/lapas-cirebon/programmes", 200 },
        { "admin,bimker", "lapas-gintung", "POST", "/api/v1/facilities/lapas-cirebon/programmes", 403 },
        { "admin,bimker", "lapas-gintung", "POST", "/api/v1/facilities/lapas-gintung/programmes", 400 },
        // An auditor reads the audit trail of their own facility only, kanwil never.
        { "auditor,kanwil", "lapas-gintung", "GET", "/api/v1/facilities/lapas-cirebon/audit", 403 },
        { "auditor,kanwil", "lapas-gintung", "GET", "/api/v1/facilities/lapas-gintung/audit", 200 },
        // No region-wide role: the region claim reaches nothing, so Cirebon is 404 for reads and writes alike.
        { "auditor,bimker", "lapas-gintung", "GET", "/api/v1/facilities/lapas-cirebon", 404 },
        { "bimker,finance", "lapas-gintung", "POST", "/api/v1/inmates/{inmate}/training", 404 },
        { "bimker,finance", "lapas-gintung", "GET", "/api/v1/facilities/lapas-cirebon/premi-runs", 404 },
        // Roles that reach the facility through its own claim keep their grants next to a region-wide role.
        { "bimker,kanwil", "lapas-cirebon", "POST", "/api/v1/inmates/{inmate}/training", 400 },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task With_several_roles_each_role_acts_only_in_the_facilities_it_reaches(string roles, string? facility, string method, string path, int expected)
    {
        var client = app.ClientWith(roles.Split(','), facility is null ? [] : [facility], ["jawa-barat"]);
        var body = path.Contains('#', StringComparison.Ordinal) ? path[(path.IndexOf('#', StringComparison.Ordinal) + 1)..] : "{}";
        var url = path.Split('#')[0].Replace("{inmate}", app.InmateId.ToString()).Replace("{gintung}", app.GintungInmateId.ToString())
            .Replace("{order}", app.WorkOrderId.ToString()).Replace("{run}", app.RunId.ToString()).Replace("{certificate}", app.CertificateId.ToString());
        const string Writes = "select count(*) from audit_log where action not like 'read.%'";
        var before = await app.QuerySingleAsync<long>(Writes);

        var response = method == "GET" ? await client.GetAsync(url) : await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectAsync((HttpStatusCode)expected);
        Assert.Equal(before, await app.QuerySingleAsync<long>(Writes));
    }

    [Fact]
    public async Task No_token_answers_401_and_a_bad_token_too()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");
        await (await anonymous.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
        var forged = Ledger.Api.Auth.LocalTokens.Mint("another-key-that-is-long-enough-0123456789", "x", ["admin"], ["lapas-cirebon"], [], NodaTime.SystemClock.Instance.GetCurrentInstant(), NodaTime.Duration.FromHours(1));
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        await (await anonymous.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_and_the_docs_need_no_token()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        await (await anonymous.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar/v1")).StatusCode);
    }

    [Fact]
    public async Task An_admin_can_only_register_a_facility_in_a_region_their_claim_names()
    {
        var admin = app.Client("admin", region: "jawa-barat");
        var response = await admin.PostAsJsonAsync("/api/v1/facilities", new { code = "lapas-x", name = "Lapas X", region = "jawa-tengah", timeZone = "Asia/Jakarta" });
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from facility where code = 'lapas-x'"));
    }
}
