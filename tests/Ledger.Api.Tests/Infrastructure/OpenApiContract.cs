using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// The OpenAPI document as a checker of real traffic: finds the operation of a request (method and path template) and
/// tells what in an exchange the document does not allow — a status it does not list, a body of another media type, a
/// JSON body that breaks the schema for that operation and status, or an accepted request body that breaks the
/// request schema (a generated client would refuse to send it).
/// </summary>
public sealed class OpenApiContract
{
    private const string ComponentsUri = "https://ledger.test/openapi/components";

    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
    private readonly BuildOptions buildOptions = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly Lock registryLock = new();
    private readonly EvaluationOptions evaluationOptions = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public OpenApiContract(string documentJson)
    {
        var document = JsonNode.Parse(documentJson)!.AsObject();
        foreach (var (template, pathItem) in document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template.TrimEnd('/')), @"\\\{[^/]+?}", "[^/]+") + "/?$";
            foreach (var (method, operation) in pathItem!.AsObject())
            {
                operations.Add((method.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant), template, operation!.AsObject()));
            }
        }
        // Every component schema under one $id; the schemas of operations point into it.
        var defs = new JsonObject();
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            defs[name] = Rewrite(schema);
        }
        var components = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$id"] = ComponentsUri, ["$defs"] = defs };
        JsonSchema.Build(JsonSerializer.SerializeToElement(components), buildOptions);
    }

    /// <summary>What the exchange breaks, in words; empty when the document allows it.</summary>
    public IReadOnlyList<string> Check(string method, string path, string? requestMediaType, string requestBody, int status, string? responseMediaType, string responseBody)
    {
        var found = operations.Where(o => o.Method == method && o.Path.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{'))
            .Select(o => ((string Template, JsonObject Operation)?)(o.Template, o.Operation))
            .FirstOrDefault();
        if (found is not { } match)
        {
            // Routing's own refusals (no such path, no such method) belong to no operation.
            return status is 404 or 405 ? [] : [$"{method} {path} answered {status}, but the document has no operation {method} for this path"];
        }
        var (template, operation) = match;
        var at = $"{method} {template}";
        var problems = new List<string>();

        var responses = operation["responses"]?.AsObject();
        var response = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (response is null)
        {
            problems.Add($"{at} answered {status}, which the document does not list (it lists {string.Join(", ", responses?.Select(r => r.Key) ?? [])})");
        }
        else
        {
            problems.AddRange(CheckBody(at, $"its {status} answer", response["content"]?.AsObject(), responseMediaType, responseBody, $"{at} {status}"));
        }

        // A request the API accepted must be one the document lets a client send.
        if (status is >= 200 and < 300 && requestBody.Length > 0)
        {
            var content = operation["requestBody"]?["content"]?.AsObject();
            if (content is null)
            {
                problems.Add($"{at} accepted a request body, but the document describes none");
            }
            else
            {
                problems.AddRange(CheckBody(at, "the request it accepted", content, requestMediaType, requestBody, $"{at} request"));
            }
        }
        return problems;
    }

    private IEnumerable<string> CheckBody(string at, string what, JsonObject? content, string? mediaType, string body, string cacheKey)
    {
        if (body.Length == 0)
        {
            yield break;
        }
        if (content is null || content.Count == 0)
        {
            yield return $"{at}: {what} has a body ({mediaType}), but the document describes none: {Clip(body)}";
            yield break;
        }
        var media = content.FirstOrDefault(c => string.Equals(c.Key, mediaType, StringComparison.OrdinalIgnoreCase));
        if (media.Value is null)
        {
            yield return $"{at}: {what} is {mediaType}, which the document does not list ({string.Join(", ", content.Select(c => c.Key))})";
            yield break;
        }
        if (!IsJson(mediaType) || media.Value["schema"] is not { } schemaNode)
        {
            yield break;
        }
        JsonElement instance;
        string? parseError = null;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            instance = default;
            parseError = e.Message;
        }
        if (parseError is not null)
        {
            yield return $"{at}: {what} is not JSON ({parseError})";
            yield break;
        }
        EvaluationResults result;
        // JsonSchema.Net's registry is a plain dictionary that building writes and evaluating reads ($refs), and test
        // classes check their exchanges in parallel: one at a time, or the registry is corrupted now and then.
        lock (registryLock)
        {
            var schema = schemas.GetOrAdd($"{cacheKey} {media.Key}", _ => Build(schemaNode));
            result = schema.Evaluate(instance, evaluationOptions);
        }
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct().Take(8);
            yield return $"{at}: {what} breaks the schema {schemaNode.ToJsonString()}:\n    {string.Join("\n    ", errors)}\n    body: {Clip(body)}";
        }
    }

    private JsonSchema Build(JsonNode schema)
    {
        var root = Rewrite(schema)!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.Build(JsonSerializer.SerializeToElement(root), buildOptions, new Uri($"https://ledger.test/openapi/schema/{Guid.NewGuid():N}"));
    }

    /// <summary>A deep copy whose <c>#/components/schemas/X</c> references point into the components document.</summary>
    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                        ? $"{ComponentsUri}#/$defs/{reference["#/components/schemas/".Length..]}"
                        : Rewrite(value);
                }
                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(Rewrite).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string Clip(string body) => body.Length <= 600 ? body : body[..600] + "…";
}
