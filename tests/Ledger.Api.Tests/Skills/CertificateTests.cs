using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Skills;

public sealed class CertificateTests(SkillsApp app) : IClassFixture<SkillsApp>
{
    private static object Bnsp(string number, string issuedOn = "2025-11-10", string result = "competent", string issuer = "LSP P2 Kerajinan Jawa Barat") => new
    {
        title = "Pembuat Jaring Sabut Kelapa",
        scheme = "Pembuatan Jaring Sabut Kelapa",
        issuer,
        issuerKind = "lsp-bnsp",
        number,
        result,
        issuedOn,
        programmeCode = "sabut-kelapa",
    };

    private async Task<JsonElement> IssueAsync(Guid inmate, object body) =>
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{inmate}/certificates", body)).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task A_BNSP_certificate_without_an_end_is_valid_three_years_less_a_day()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-CER-1");

        var certificate = await IssueAsync(id, Bnsp("BNSP-2025-0001"));

        Assert.Equal("2028-11-09", certificate.GetProperty("validUntil").GetString());
        Assert.Equal("lsp-bnsp", certificate.GetProperty("issuerKind").GetString());
        Assert.Equal("sabut-kelapa", certificate.GetProperty("programmeCode").GetString());
        var partner = await IssueAsync(id, new { title = "Pelatihan PT Coir", issuer = "PT Coir", issuerKind = "partner", number = "COIR-1", result = "competent", issuedOn = "2025-10-16" });
        Assert.Equal(JsonValueKind.Null, partner.GetProperty("validUntil").ValueKind);
        var given = await IssueAsync(id, new { title = "Menjahit", issuer = "BLK Bandung", issuerKind = "blk", number = "BLK-9", result = "competent", issuedOn = "2025-10-16", validUntil = "2026-10-15" });
        Assert.Equal("2026-10-15", given.GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task A_number_is_unique_per_issuer_whatever_the_spelling_of_the_issuer()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-CER-2");
        await IssueAsync(id, Bnsp("BNSP-2025-0002"));

        var again = await app.Client("bimker").PostAsJsonAsync($"/api/v1/inmates/{id}/certificates", Bnsp("BNSP-2025-0002", issuer: " lsp p2 kerajinan jawa barat "));

        await again.ExpectAsync(HttpStatusCode.Conflict);
        await IssueAsync(id, Bnsp("BNSP-2025-0002", issuer: "LSP P1 Lapas Cirebon"));
    }

    [Theory]
    [InlineData("""{"issuer":"LSP","issuerKind":"lsp-bnsp","number":"N-1","result":"competent","issuedOn":"2025-11-10"}""", "title")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"bnsp","number":"N-1","result":"competent","issuedOn":"2025-11-10"}""", "issuerKind")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","number":"N-1","result":"kompeten","issuedOn":"2025-11-10"}""", "result")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","number":"N-1","result":"competent","issuedOn":"2025-11-21"}""", "issuedOn")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","number":"N-1","result":"competent","issuedOn":"2025-11-10","validUntil":"2025-11-09"}""", "validUntil")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","number":"N-1","result":"not-yet-competent","issuedOn":"2025-11-10","validUntil":"2026-11-09"}""", "validUntil")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","number":"N-1","result":"competent","issuedOn":"2025-11-10","programmeCode":"menjahit"}""", "programmeCode")]
    [InlineData("""{"title":"T","issuerKind":"blk","number":"N-1","result":"competent","issuedOn":"2025-11-10"}""", "issuer")]
    [InlineData("""{"title":"T","issuer":"LSP","issuerKind":"blk","result":"competent","issuedOn":"2025-11-10"}""", "number")]
    public async Task A_refused_certificate_answers_400_naming_the_field(string body, string field)
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", $"CRB-CBAD-{Guid.NewGuid():N}"[..20]);
        var response = await app.Client("bimker").PostAsync($"/api/v1/inmates/{id}/certificates", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ExpectFieldErrorAsync(field);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from certificate where inmate_id = @id", new { id }));
    }

    [Fact]
    public async Task Validity_on_a_day_follows_result_issue_expiry_and_revocation()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-CER-3");
        await IssueAsync(id, Bnsp("BNSP-2025-0003", issuedOn: "2025-10-01"));
        await IssueAsync(id, Bnsp("BNSP-2025-0004", issuedOn: "2025-10-01", result: "not-yet-competent"));
        await IssueAsync(id, new { title = "Lama", issuer = "BLK Cirebon", issuerKind = "blk", number = "BLK-OLD", result = "competent", issuedOn = "2024-05-01", validUntil = "2025-05-01" });
        var revoked = await IssueAsync(id, Bnsp("BNSP-2025-0005", issuedOn: "2025-10-02"));

        var revocation = await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/certificates/{revoked.GetProperty("id").GetGuid()}/revocation",
            new { reason = "Dicabut LSP: asesmen diulang", revokedOn = "2025-11-01" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("2025-11-01", revocation.GetProperty("revocation").GetProperty("revokedOn").GetString());

        var list = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/certificates")).ExpectAsync(HttpStatusCode.OK);
        var standing = list.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("certificate").GetProperty("number").GetString()!,
            i => (i.GetProperty("validToday").GetBoolean(), i.GetProperty("validAtRelease").GetBoolean()));
        Assert.Equal((true, true), standing["BNSP-2025-0003"]);
        Assert.Equal((false, false), standing["BNSP-2025-0004"]);
        Assert.Equal((false, false), standing["BLK-OLD"]);
        Assert.Equal((false, false), standing["BNSP-2025-0005"]);
        Assert.Equal("2025-11-20", list.GetProperty("today").GetString());
    }

    [Fact]
    public async Task A_certificate_is_revoked_once_with_a_reason_and_never_before_it_was_issued()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-CER-4");
        var certificate = (await IssueAsync(id, Bnsp("BNSP-2025-0006", issuedOn: "2025-10-01"))).GetProperty("id").GetGuid();
        var bimker = app.Client("bimker");

        await (await bimker.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { revokedOn = "2025-10-05" })).ExpectFieldErrorAsync("reason");
        await (await bimker.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "x", revokedOn = "2025-09-30" })).ExpectFieldErrorAsync("revokedOn");
        await (await bimker.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Nomor ganda" })).ExpectAsync(HttpStatusCode.Created);
        await (await bimker.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Lagi" })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal("2025-11-20", await app.QuerySingleAsync<string>("select revoked_on::text from certificate_revocation where certificate_id = @certificate", new { certificate }));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'certificate.revoke' and subject_id = @s", new { s = certificate.ToString() }));
    }
}
