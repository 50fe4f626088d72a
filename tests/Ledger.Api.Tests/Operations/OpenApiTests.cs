using System.Net;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The document outside tools read. Every exchange of the other API tests is also checked against it (ContractCheck),
/// and test.sh lints it with Redocly's recommended rules.
/// </summary>
public sealed partial class OpenApiTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>
    /// The document is reviewed in three snapshots (<see cref="OpenApiDigest"/>): the operations, the schemas and the
    /// rest. Any change to the document changes one of them.
    /// </summary>
    [Fact]
    public async Task The_operations_match_their_reviewed_snapshot()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // test.sh lints the document as served with Redocly.
        if (Environment.GetEnvironmentVariable("LEDGER_OPENAPI_FILE") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, json);
        }
        Snapshot.Match(new OpenApiDigest(JObject.Parse(json)).Operations);
    }

    [Fact]
    public async Task The_schemas_match_their_reviewed_snapshot() => Snapshot.Match(new OpenApiDigest(await DocumentAsync()).Schemas);

    [Fact]
    public async Task The_rest_of_the_document_matches_its_reviewed_snapshot() => Snapshot.Match(new OpenApiDigest(await DocumentAsync()).Rest);

    [Fact]
    public async Task Every_write_documents_the_idempotency_key_its_roles_and_its_problems()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).Where(o => o.Path.StartsWith("/api/v1", StringComparison.Ordinal)).ToList();
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
                Assert.True(operation["responses"]?["200"] is not null, $"POST {path} should document 200, the answer to a replay of its Idempotency-Key");
            }
        }
        Assert.Equal("date", document.SelectToken("$.components.schemas.LocalDate.format")?.ToString());
        Assert.Equal("date-time", document.SelectToken("$.components.schemas.Instant.format")?.ToString());
    }

    [Fact]
    public async Task Every_operation_has_a_stable_name_a_summary_and_the_bearer_scheme_except_health()
    {
        var document = await DocumentAsync();
        var scheme = document.SelectToken("$.components.securitySchemes.bearer");
        Assert.True(scheme is not null, "components.securitySchemes should declare the bearer scheme");
        Assert.Equal("http", scheme["type"]?.ToString());
        Assert.Equal("bearer", scheme["scheme"]?.ToString());

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(document))
        {
            var at = $"{method.ToUpperInvariant()} {path}";
            var id = operation["operationId"]?.ToString();
            Assert.False(string.IsNullOrEmpty(id), $"{at} has no operationId");
            Assert.True(ids.Add(id!), $"{at}: operationId {id} is used twice");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.ToString()), $"{at} has no summary");
            var security = operation["security"] as JArray;
            if (path == "/health" || path.StartsWith("/health/", StringComparison.Ordinal))
            {
                Assert.True(security?.All(r => !r.HasValues) == true, "health should say it needs no token: security [{}]");
                continue;
            }
            Assert.True(security?.Any(r => r["bearer"] is not null) == true, $"{at} should require the bearer scheme");
            Assert.True(operation["responses"]?["401"] is not null, $"{at} should document 401");
            Assert.True(operation["responses"]?["429"] is not null, $"{at} should document 429 (rate limit)");
            if (operation["requestBody"] is not null)
            {
                Assert.True(operation["responses"]?["413"] is not null, $"{at} takes a body and should document 413");
                Assert.True(operation["responses"]?["415"] is not null, $"{at} takes a body and should document 415");
            }
        }
        Assert.Equal("getHealth", document.SelectToken("$.paths['/health'].get.operationId")?.ToString());
        Assert.Equal("registerInmate", document.SelectToken("$.paths['/api/v1/facilities/{code}/inmates'].post.operationId")?.ToString());
    }

    [Fact]
    public async Task With_an_OpenID_Connect_issuer_the_document_names_its_discovery_URL()
    {
        using var withIssuer = app.WithWebHostBuilder(b => b.UseSetting("Auth:Authority", "https://login.example.id/realms/ledger/").UseSetting("Auth:Audience", "ledger"));
        var document = JObject.Parse(await withIssuer.CreateClient().GetStringAsync("/openapi/v1.json"));

        var scheme = document.SelectToken("$.components.securitySchemes.openIdConnect");
        Assert.True(scheme is not null, "components.securitySchemes should declare the OpenID Connect issuer");
        Assert.Equal("openIdConnect", scheme["type"]?.ToString());
        Assert.Equal("https://login.example.id/realms/ledger/.well-known/openid-configuration", scheme["openIdConnectUrl"]?.ToString());
        Assert.Contains(document.SelectToken("$.paths['/api/v1/facilities'].get.security")!, r => r["openIdConnect"] is not null);
        Assert.Null((await DocumentAsync()).SelectToken("$.components.securitySchemes.openIdConnect"));
    }

    [Fact]
    public async Task Tags_servers_and_the_description_tell_a_client_what_it_needs()
    {
        var document = await DocumentAsync();
        var tags = (document["tags"] as JArray ?? []).ToDictionary(t => t["name"]!.ToString(), t => t["description"]?.ToString());
        foreach (var used in Operations(document).SelectMany(o => o.Operation["tags"]?.Select(t => t.ToString()) ?? []).Distinct())
        {
            Assert.True(tags.TryGetValue(used, out var description) && !string.IsNullOrWhiteSpace(description), $"tag {used} has no description");
        }
        foreach (var server in document["servers"] as JArray ?? [])
        {
            Assert.False(server["url"]!.ToString().EndsWith('/'), $"server URL {server["url"]} ends with a slash");
        }
        var about = document.SelectToken("$.info.description")?.ToString() ?? "";
        foreach (var topic in new[] { "Bearer", "role", "404", "403", "Idempotency-Key" })
        {
            Assert.Contains(topic, about, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_path_parameter_is_declared()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            foreach (Match name in PathParameter().Matches(path))
            {
                Assert.True(operation["parameters"]?.Any(p => p["in"]?.ToString() == "path" && p["name"]?.ToString() == name.Groups[1].Value) == true,
                    $"{method.ToUpperInvariant()} {path} does not declare its path parameter {name.Value}");
            }
        }
    }

    [Fact]
    public async Task Optional_request_fields_are_not_required_and_enums_do_not_hold_null()
    {
        var schemas = (JObject)(await DocumentAsync()).SelectToken("$.components.schemas")!;
        foreach (var (schema, field) in new[] { ("RegisterInmate", "birthDate"), ("RecordTraining", "note"), ("RecordSession", "note"), ("NewWithdrawal", "note"),
                     ("IssueCertificate", "validUntil"), ("NewPremiRun", "from"), ("NewPremiRun", "to"), ("RevokeCertificate", "revokedOn") })
        {
            Assert.True(schemas[schema]?["properties"]?[field] is not null, $"{schema} has no property {field}");
            Assert.DoesNotContain(field, schemas[schema]!["required"]?.Select(r => r.ToString()) ?? []);
        }
        // Responses always carry every property.
        Assert.Contains("birthDate", schemas["Inmate"]!["required"]!.Select(r => r.ToString()));
        foreach (var (name, schema) in schemas)
        {
            if (schema?["enum"] is JArray values)
            {
                Assert.True(values.All(v => v.Type == JTokenType.String), $"enum {name} holds a value that is not a string: {values.ToString(Newtonsoft.Json.Formatting.None)}");
                Assert.Equal("string", schema["type"]?.ToString());
            }
        }
    }

    [Fact]
    public async Task Schema_names_and_descriptions_read_as_a_contract_not_as_code()
    {
        var document = await DocumentAsync();
        foreach (var name in ((JObject)document.SelectToken("$.components.schemas")!).Properties().Select(p => p.Name))
        {
            Assert.DoesNotContain("OfOf", name, StringComparison.Ordinal);
        }
        Assert.NotNull(document.SelectToken("$.components.schemas.InmatePage"));
        Assert.NotNull(document.SelectToken("$.components.schemas.AuditEntryList"));
        var descriptions = document.SelectTokens("$..description").Select(d => d.ToString()).ToList();
        foreach (var description in descriptions)
        {
            // A <see cref> in a doc comment comes out as C# ("LocalDate? Condition.PassesOn", "InmateId.TryParse(...)").
            Assert.False(CodeReference().IsMatch(description), $"a description reads as code: {description}");
            Assert.False(ImplementationNote().IsMatch(description), $"a description is an implementation note: {description}");
        }
    }

    private async Task<JObject> DocumentAsync() => JObject.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));

    private static IEnumerable<(string Path, string Method, JObject Operation)> Operations(JObject document) =>
        document["paths"]!.Children<JProperty>()
            .SelectMany(path => ((JObject)path.Value).Properties().Select(op => (Path: path.Name, Method: op.Name, Operation: (JObject)op.Value)));

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"\b[A-Z]\w*\??\s+[A-Z]\w*\.[A-Z]\w*|\b[A-Z]\w*\.[A-Z]\w*\(|\b[A-Z][a-z]\w*\.[A-Z][a-z]\w*\b")]
    private static partial Regex CodeReference();

    [GeneratedRegex(@"\bbinds?\b|\bfilter\b|TryParse|nullable so|Stored as JSON|\b\w+\.md\b|\bread here\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImplementationNote();
}
