using System.Net;
using System.Text;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

/// <summary>Whatever a client sends, the answer is a 4xx problem naming the field, and nothing is written.</summary>
public sealed class BadInputTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string Valid = """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":2}}""";

    public static TheoryData<string, string> Bodies() => new()
    {
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":2}""", "body" },
        { """{"registrationNumber":42,"fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":2}}""", "registrationNumber" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"forever","sentence":{"years":2}}""", "sentenceKind" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentence":{"years":2}}""", "sentenceKind" },
        { """{"fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":2}}""", "registrationNumber" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":99999999999}}""", "sentence.years" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":101}}""", "sentence.years" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-02-30","sentenceKind":"fixed","sentence":{"years":2}}""", "detentionDate" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"10/01/2025","sentenceKind":"fixed","sentence":{"years":2}}""", "detentionDate" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2026-01-10","sentenceKind":"fixed","sentence":{"years":2}}""", "detentionDate" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":0}}""", "sentence" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":2.5}}""", "sentence.years" },
        { """{"registrationNumber":"CRB-BAD-1","fullName":"Asep Contoh","detentionDate":"2025-01-10","sentenceKind":"fixed","sentence":{"years":"2"}}""", "sentence.years" },
        { "", "body" },
        { "null", "body" },
        { "[]", "body" },
        { "\"text\"", "body" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_body_answers_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var audits = await app.QuerySingleAsync<long>("select count(*) from audit_log");

        var response = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectFieldErrorAsync(field);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from inmate where registration_number = 'CRB-BAD-1'"));
        Assert.Equal(audits, await app.QuerySingleAsync<long>("select count(*) from audit_log"));
    }

    [Fact]
    public async Task Field_errors_say_what_is_expected()
    {
        var response = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(Valid.Replace("\"fixed\"", "\"forever\""), Encoding.UTF8, "application/json"));
        var problem = await response.ExpectFieldErrorAsync("sentenceKind");
        Assert.Contains("fixed, life, death", problem.GetProperty("errors").GetProperty("sentenceKind")[0].GetString());

        response = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(Valid.Replace("2025-01-10", "2025-02-30"), Encoding.UTF8, "application/json"));
        problem = await response.ExpectFieldErrorAsync("detentionDate");
        Assert.Contains("yyyy-MM-dd", problem.GetProperty("errors").GetProperty("detentionDate")[0].GetString());
    }

    [Fact]
    public async Task Another_content_type_answers_415()
    {
        var response = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(Valid, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    public async Task Bad_paging_answers_400_naming_the_parameter(string query, string field)
    {
        var response = await app.Client("bimker").GetAsync($"/api/v1/facilities/lapas-cirebon/inmates?{query}");
        await response.ExpectFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_malformed_id_in_the_path_is_a_client_error()
    {
        var response = await app.Client("bimker").GetAsync("/api/v1/inmates/not-a-uuid");
        Assert.InRange((int)response.StatusCode, 400, 404);
    }

    [Fact]
    public async Task A_duplicate_registration_number_answers_409_and_keeps_the_first()
    {
        var admin = app.Client("admin");
        var body = Valid.Replace("CRB-BAD-1", "CRB-DUP-1");
        await (await admin.PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(body, Encoding.UTF8, "application/json"))).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent(body.Replace("Asep", "Ujang"), Encoding.UTF8, "application/json"))).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("Asep Contoh", await app.QuerySingleAsync<string>("select full_name from inmate where registration_number = 'CRB-DUP-1'"));
    }
}
