using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

/// <summary>The contract check of the API tests can fail: each kind of drift it must catch, on a small document.</summary>
public sealed class ContractCheckTests
{
    private static readonly OpenApiContract Contract = new("""
        {
          "openapi": "3.1.1",
          "paths": {
            "/api/v1/things/{id}": {
              "post": {
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewThing" } } } },
                "responses": {
                  "201": { "description": "Created", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "400": { "description": "Bad Request", "content": { "application/problem+json": { "schema": { "type": "object" } } } }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "NewThing": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" }, "note": { "type": ["null", "string"] } } },
              "Thing": { "type": "object", "required": ["id", "status", "day"], "properties": {
                "id": { "type": "string", "format": "uuid" },
                "status": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Status" }] },
                "day": { "$ref": "#/components/schemas/LocalDate" } } },
              "Status": { "type": "string", "enum": ["open", "closed"] },
              "LocalDate": { "type": "string", "format": "date" }
            }
          }
        }
        """);

    private const string Thing = """{"id":"0199b1d2-0000-7000-8000-000000000001","status":"open","day":"2025-11-20"}""";

    private static IReadOnlyList<string> Post(string request, int status, string? mediaType, string response) =>
        Contract.Check("POST", "/api/v1/things/abc", "application/json", request, status, mediaType, response);

    [Fact]
    public void An_exchange_the_document_allows_passes()
    {
        Assert.Empty(Post("""{"name":"a"}""", 201, "application/json", Thing));
        Assert.Empty(Post("""{"name":"a"}""", 201, "application/json", Thing.Replace("\"open\"", "null", StringComparison.Ordinal)));
        Assert.Empty(Post("{}", 400, "application/problem+json", """{"title":"bad"}"""));
    }

    [Fact]
    public void A_status_the_document_does_not_list_is_caught()
    {
        Assert.Contains(Post("""{"name":"a"}""", 200, "application/json", Thing), p => p.Contains("answered 200, which the document does not list", StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_that_breaks_its_schema_is_caught()
    {
        Assert.NotEmpty(Post("""{"name":"a"}""", 201, "application/json", Thing.Replace("\"open\"", "\"lost\"", StringComparison.Ordinal)));
        Assert.NotEmpty(Post("""{"name":"a"}""", 201, "application/json", Thing.Replace("2025-11-20", "20 November", StringComparison.Ordinal)));
        Assert.NotEmpty(Post("""{"name":"a"}""", 201, "application/json", """{"id":"0199b1d2-0000-7000-8000-000000000001"}"""));
    }

    [Fact]
    public void A_media_type_the_document_does_not_list_is_caught()
    {
        Assert.NotEmpty(Post("""{"name":"a"}""", 201, "text/plain", "hello"));
    }

    [Fact]
    public void An_accepted_request_that_breaks_the_request_schema_is_caught_and_a_refused_one_is_not()
    {
        Assert.Contains(Post("""{"note":"no name"}""", 201, "application/json", Thing), p => p.Contains("the request it accepted", StringComparison.Ordinal));
        Assert.Empty(Post("""{"note":"no name"}""", 400, "application/problem+json", """{"title":"bad"}"""));
    }

    [Fact]
    public void An_operation_the_document_does_not_have_is_caught_unless_routing_refused_it()
    {
        Assert.NotEmpty(Contract.Check("DELETE", "/api/v1/things/abc", null, "", 204, null, ""));
        Assert.Empty(Contract.Check("DELETE", "/api/v1/things/abc", null, "", 405, null, ""));
        Assert.Empty(Contract.Check("GET", "/api/v1/nothing", null, "", 404, "application/problem+json", """{"title":"Not Found"}"""));
    }
}
