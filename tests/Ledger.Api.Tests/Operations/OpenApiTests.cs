using System.Net;
using Ledger.Api.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace Ledger.Api.Tests.Operations;

public sealed class OpenApiTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task The_OpenAPI_document_matches_its_reviewed_snapshot()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshot.Match(JToken.Parse(json));
    }

    [Fact]
    public async Task Every_write_documents_the_idempotency_key_its_roles_and_its_problems()
    {
        var document = JObject.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = document["paths"]!.Children<JProperty>()
            .SelectMany(path => ((JObject)path.Value).Properties().Select(op => (Path: path.Name, Method: op.Name, Operation: (JObject)op.Value)))
            .Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            Assert.Contains("Roles:", operation["description"]?.ToString() ?? "", StringComparison.Ordinal);
            Assert.NotNull(operation["responses"]?["403"]);
            Assert.NotNull(operation["responses"]?["404"]);
            if (method == "post")
            {
                Assert.Contains(operation["parameters"]!, p => p["name"]?.ToString() == "Idempotency-Key");
                Assert.NotNull(operation["responses"]?["400"]);
                Assert.NotNull(operation["responses"]?["409"]);
            }
            _ = path;
        }
        Assert.Equal("date", document.SelectToken("$.components.schemas.LocalDate.format")?.ToString());
        Assert.Equal("date-time", document.SelectToken("$.components.schemas.Instant.format")?.ToString());
    }
}
