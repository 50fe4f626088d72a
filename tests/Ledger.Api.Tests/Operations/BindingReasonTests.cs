using System.Text;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// What cannot be bound is named by field and reason in our own words, from the JSON path, the endpoint's types and
/// our converters; a framework release that rewords its messages changes none of these.
/// </summary>
public sealed class BindingReasonTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string Inmates = "/api/v1/facilities/lapas-cirebon/inmates";
    private const string Anyone = "/api/v1/inmates/0197a000-0000-7000-8000-000000000001";

    public static TheoryData<string, string, string, string> Bodies() => new()
    {
        { Inmates, """{"registrationNumber":42}""", "registrationNumber", "is not a valid text" },
        { Inmates, """{"sentenceKind":"forever"}""", "sentenceKind", "is not a valid value; expected one of: fixed, life, death" },
        { Inmates, """{"sentence":{"years":2.5}}""", "sentence.years", "is not a valid whole number between -2147483648 and 2147483647" },
        { Inmates, """{"sentence":5}""", "sentence", "is not a valid object" },
        { Inmates, """{"detentionDate":"2025-02-30"}""", "detentionDate", "is not a valid date; expected an existing day as yyyy-MM-dd (The day 30 is out of range in month 2 of year 2025)" },
        { Inmates, """{"detentionDate":"2025-13-01"}""", "detentionDate", "is not a valid date; expected an existing day as yyyy-MM-dd (The month 13 is out of range in year 2025)" },
        { Inmates, """{"detentionDate":"10/01/2025"}""", "detentionDate", "is not a valid date; expected an existing day as yyyy-MM-dd ('10/01/2025' is not yyyy-MM-dd)" },
        { Inmates, """{"a":}""", "a", "is not valid JSON here (line 1, position 6)" },
        { Inmates, "[]", "body", "is not a valid object" },
        { Inmates, "", "body", "is required: send a JSON object" },
        { Inmates, "null", "body", "is required: send a JSON object" },
        { "/api/v1/facilities/lapas-cirebon/premi-runs", """{"schemeId":"abc"}""", "schemeId", "is not a valid id; expected a UUID" },
        { "/api/v1/facilities/lapas-cirebon/training-sessions", """{"inmateIds":["x"]}""", "inmateIds[0]", "is not a valid id; expected a UUID" },
        { "/api/v1/facilities/lapas-cirebon/training-sessions", """{"inmateIds":"x"}""", "inmateIds", "is not a valid list" },
        { $"{Anyone}/premi/withdrawals", """{"amount":1.5}""", "amount", "is not a valid whole number" },
        { $"{Anyone}/remissions", """{"kind":"nope"}""", "kind", "is not a valid value; expected one of: umum, khusus, dasawarsa, tambahan, lainnya" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_cannot_be_bound_is_named_by_field_and_reason(string url, string body, string field, string reason)
    {
        var response = await app.Client("admin").PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectFieldErrorAsync(field);
        Assert.Equal(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/facilities/lapas-cirebon/inmates?page=abc", "page", "'abc' is not a valid whole number between -2147483648 and 2147483647")]
    [InlineData("/api/v1/facilities/lapas-cirebon/releases?withinDays=x", "withinDays", "'x' is not a valid whole number between -2147483648 and 2147483647")]
    [InlineData("/api/v1/inmates/not-a-uuid", "id", "'not-a-uuid' is not a valid id; expected a UUID")]
    public async Task A_route_or_query_value_that_cannot_be_bound_is_named_by_parameter_and_reason(string url, string field, string reason)
    {
        var response = await app.Client("admin").GetAsync(url);

        var problem = await response.ExpectFieldErrorAsync(field);
        Assert.Equal(reason, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }
}
