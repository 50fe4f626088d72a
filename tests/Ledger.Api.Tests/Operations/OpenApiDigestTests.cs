using Newtonsoft.Json.Linq;

namespace Ledger.Api.Tests.Operations;

/// <summary>The digest the OpenAPI snapshots are made of shows every part of a document, also kinds it does not know.</summary>
public sealed class OpenApiDigestTests
{
    private static readonly JObject Document = JObject.Parse("""
        {
          "openapi": "3.1.1",
          "info": { "title": "T", "version": "v1", "description": "About", "x-info": "info extra" },
          "x-top": "top extra",
          "paths": {
            "/things/{id}": {
              "get": {
                "operationId": "getThing", "tags": ["Things"], "summary": "Get a thing", "description": "Roles: admin.",
                "x-operation": "operation extra",
                "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "parameter extra" } } ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" }, "example": "content extra" } } },
                  "404": { "description": "Nothing here", "links": "response extra" }
                },
                "security": [ { "bearer": [] } ]
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "maximum": "property extra" } }, "x-schema": "schema extra" }
            },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "x-components": "components extra"
          }
        }
        """);

    [Fact]
    public void Every_key_of_the_document_shows_in_one_of_the_three_texts()
    {
        var digest = new OpenApiDigest(Document);
        var all = string.Join("\n", digest.Operations, digest.Schemas, digest.Rest);

        foreach (var extra in new[] { "info extra", "top extra", "operation extra", "parameter extra", "content extra", "response extra", "property extra", "schema extra", "components extra" })
        {
            Assert.Contains(extra, all, StringComparison.Ordinal);
        }
        Assert.StartsWith("GET /things/{id}  getThing  [Things]  no body → 200 json Thing", digest.Operations, StringComparison.Ordinal);
        Assert.Contains("; 404 no content\n", digest.Operations, StringComparison.Ordinal);
        Assert.Contains("    answers: 404 — Nothing here", digest.Operations, StringComparison.Ordinal);
        Assert.Contains("Thing: object", digest.Schemas, StringComparison.Ordinal);
        Assert.Contains("    name*: string", digest.Schemas, StringComparison.Ordinal);
    }
}
