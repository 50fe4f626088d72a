using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The OpenAPI document as three texts a reviewer reads: the operations (a few lines each), the schemas (one line per
/// property) and the rest of the document (info, servers, security schemes, tags). Every part of the document
/// appears in one of them: a reader takes each key it renders out of a copy of the document, and any key it does
/// not know is printed as JSON where it was found, so no change goes unseen.
/// </summary>
public sealed class OpenApiDigest
{
    private const string SchemaPrefix = "#/components/schemas/";

    /// <summary>Long texts used more than once (the Idempotency-Key description, the 429 answer) are printed once, as notes.</summary>
    private readonly Dictionary<string, int> notes = new(StringComparer.Ordinal);
    private readonly HashSet<string> repeatedTexts;

    public string Operations { get; }
    public string Schemas { get; }
    public string Rest { get; }

    public OpenApiDigest(JObject document)
    {
        var copy = (JObject)document.DeepClone();
        repeatedTexts = [.. copy.SelectTokens("$.paths..description").Select(t => t.ToString()).GroupBy(t => t).Where(g => g.Count() > 1 && g.Key.Length > 40).Select(g => g.Key)];
        Operations = RenderOperations((JObject)Take(copy, "paths")!);
        Schemas = RenderSchemas((JObject)Take((JObject)copy["components"]!, "schemas")!);
        Rest = RenderRest(copy);
    }

    /// <summary>
    /// Per operation: its line (method, path, operationId, tags, the request body and each status with its schema), then
    /// the summary, the description (which names the roles), the parameters, the response details and the security.
    /// </summary>
    private string RenderOperations(JObject paths)
    {
        var text = new StringBuilder();
        foreach (var (path, methods) in paths)
        {
            foreach (var (method, value) in (JObject)methods!)
            {
                var operation = (JObject)value!;
                var operationId = Take(operation, "operationId");
                var tags = string.Join(", ", (Take(operation, "tags") as JArray ?? []).Select(t => t.ToString()));
                var body = Take(operation, "requestBody") is JObject request ? RequestBody(request) : "no body";
                var responses = ((JObject?)Take(operation, "responses") ?? new JObject()).Properties().Select(r => (Status: r.Name, Response: (JObject)r.Value)).ToList();
                var statuses = responses.GroupBy(r => ContentSchema(r.Response))
                    .Select(g => $"{string.Join(' ', g.Select(r => r.Status))} {g.Key}");
                Line(text, 0, $"{method.ToUpperInvariant()} {path}  {operationId}  [{tags}]  {body} → {string.Join("; ", statuses.ToList())}");
                Line(text, 1, $"summary: {Text(Take(operation, "summary"))}");
                Line(text, 1, $"description: {Text(Take(operation, "description"))}");
                foreach (var parameter in (Take(operation, "parameters") as JArray ?? []).Cast<JObject>())
                {
                    var required = Take(parameter, "required")?.Value<bool>() == true ? "*" : "";
                    Line(text, 1, $"{Take(parameter, "in")} {Take(parameter, "name")}{required}: {Schema(Take(parameter, "schema") as JObject)}{Described(parameter)}{Leftover(parameter)}");
                }
                // The summary line shows each answer's content; here only what an answer says beyond its reason phrase.
                var details = responses.Select(r => (r.Status, Said: Response(r.Status, r.Response))).Where(r => r.Said.Length > 0).Select(r => $"{r.Status}{r.Said}").ToList();
                if (details.Count > 0)
                {
                    Line(text, 1, $"answers: {string.Join("; ", details)}");
                }
                Line(text, 1, $"security: {Security(Take(operation, "security"))}{Leftover(operation)}");
            }
        }
        text.Append('\n').Append("Notes:\n");
        foreach (var (note, number) in notes)
        {
            Line(text, 0, $"[{number}] {note}");
        }
        return text.ToString();
    }

    /// <summary>Per schema: its line (name, type, description), then one line per property, required ones marked *.</summary>
    private static string RenderSchemas(JObject schemas)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in schemas)
        {
            var schema = (JObject)value!;
            var required = (Take(schema, "required") as JArray ?? []).Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
            var properties = Take(schema, "properties") as JObject;
            Line(text, 0, $"{name}: {Schema(schema)}");
            foreach (var (property, propertySchema) in properties ?? new JObject())
            {
                Line(text, 1, $"{property}{(required.Remove(property) ? "*" : "")}: {Schema((JObject)propertySchema!)}");
            }
            foreach (var missing in required)
            {
                Line(text, 1, $"{missing}*: required, but no such property");
            }
        }
        return text.ToString();
    }

    /// <summary>The version, servers, security schemes, tags, then the description a client reads first, as written.</summary>
    private static string RenderRest(JObject document)
    {
        var text = new StringBuilder();
        var info = Take(document, "info") as JObject ?? new JObject();
        Line(text, 0, $"openapi {Take(document, "openapi")}: {Take(info, "title")}, version {Take(info, "version")}");
        foreach (var server in (Take(document, "servers") as JArray ?? []).Cast<JObject>())
        {
            Line(text, 0, $"server {Take(server, "url")}{Leftover(server)}");
        }
        var components = document["components"] as JObject ?? new JObject();
        foreach (var (name, scheme) in Take(components, "securitySchemes") as JObject ?? new JObject())
        {
            Line(text, 0, $"security scheme {name}: {scheme!.ToString(Formatting.None)}");
        }
        foreach (var tag in (Take(document, "tags") as JArray ?? []).Cast<JObject>())
        {
            Line(text, 0, $"tag {Take(tag, "name")} — {Text(Take(tag, "description"))}{Leftover(tag)}");
        }
        Line(text, 0, "description:");
        foreach (var line in (Take(info, "description")?.ToString() ?? "(none)").Split('\n'))
        {
            Line(text, 1, line);
        }
        if (info.HasValues)
        {
            Line(text, 0, $"info{Leftover(info)}");
        }
        if (!components.HasValues)
        {
            document.Remove("components");
        }
        if (document.HasValues)
        {
            Line(text, 0, $"document{Leftover(document)}");
        }
        return text.ToString();
    }

    private string RequestBody(JObject request)
    {
        var required = Take(request, "required")?.Value<bool>() == true ? "*" : "";
        return $"body{required} {ContentSchema(request)}{Described(request)}{Leftover(request)}";
    }

    /// <summary>What a response says beyond its content (already on the summary line): its description unless that is the
    /// status's reason phrase, its headers and any key this reader does not know.</summary>
    private string Response(string status, JObject response)
    {
        var description = Take(response, "description")?.ToString();
        var headers = (Take(response, "headers") as JObject ?? new JObject()).Properties()
            .Select(h => $" + header {h.Name}: {Schema(Take((JObject)h.Value, "schema") as JObject)}{Described((JObject)h.Value)}{Leftover((JObject)h.Value)}");
        var reasonPhrase = int.TryParse(status, CultureInfo.InvariantCulture, out var code) ? ReasonPhrases.GetReasonPhrase(code) : "";
        var said = description is null ? " (no description)" : description == reasonPhrase ? "" : $" — {Note(description)}";
        return $"{said}{string.Concat(headers)}{Leftover(response)}";
    }

    /// <summary>"json Inmate" for content { application/json: { schema: Inmate } }; "no content" without one.</summary>
    private static string ContentSchema(JObject holder)
    {
        if (Take(holder, "content") is not JObject content)
        {
            return "no content";
        }
        return string.Join(" | ", content.Properties().Select(m =>
        {
            var media = (JObject)m.Value;
            var type = m.Name.StartsWith("application/", StringComparison.Ordinal) ? m.Name["application/".Length..] : m.Name;
            return $"{type} {Schema(Take(media, "schema") as JObject)}{Leftover(media)}";
        }));
    }

    private static string Security(JToken? security) =>
        security is JArray requirements
            ? string.Join(" or ", requirements.Cast<JObject>().Select(r => r.HasValues ? string.Join(" and ", r.Properties().Select(p => p.Value.HasValues ? $"{p.Name} {p.Value.ToString(Formatting.None)}" : p.Name)) : "none"))
            : "(inherited)";

    /// <summary>
    /// A schema in one line: a reference by name, "string(date)", "LocalDate | null", "array of Inmate", an enum's
    /// values, limits, the description; keys this reader does not know are printed as JSON.
    /// </summary>
    private static string Schema(JObject? schema)
    {
        if (schema is null)
        {
            return "(no schema)";
        }
        var parts = new List<string>();
        if (Take(schema, "$ref") is { } reference)
        {
            var name = reference.ToString();
            parts.Add(name.StartsWith(SchemaPrefix, StringComparison.Ordinal) ? name[SchemaPrefix.Length..] : name);
        }
        var format = Take(schema, "format") is { } f ? $"({f})" : "";
        var items = Take(schema, "items") is JObject item ? $" of {Schema(item)}" : "";
        var additional = Take(schema, "additionalProperties") is { } extra ? $" of {(extra is JObject valueSchema ? Schema(valueSchema) : extra.ToString(Formatting.None))} by key" : "";
        switch (Take(schema, "type"))
        {
            case JArray types:
                // ["null", "string"] reads as "string | null".
                parts.Add(string.Join(" | ", types.Select(t => t.ToString()).OrderBy(t => t == "null").Select(t => t == "null" ? t : t + format + items + additional)));
                break;
            case { } type:
                parts.Add($"{type}{format}{items}{additional}");
                break;
            default:
                parts.Add($"{format}{items}{additional}".Trim());
                break;
        }
        foreach (var choice in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (Take(schema, choice) is JArray options)
            {
                var rendered = options.Cast<JObject>().Select(Schema).OrderBy(o => o == "null").ToList();
                parts.Add(choice == "oneOf" ? string.Join(" | ", rendered) : $"{choice}({string.Join(", ", rendered)})");
            }
        }
        if (Take(schema, "enum") is JArray values)
        {
            parts.Add($"one of {string.Join(", ", values.Select(v => v.ToString(Formatting.None)))}");
        }
        if (Take(schema, "default") is { } defaultValue)
        {
            parts.Add($"default {defaultValue.ToString(Formatting.None)}");
        }
        var minLength = Take(schema, "minLength");
        var maxLength = Take(schema, "maxLength");
        if (minLength is not null || maxLength is not null)
        {
            parts.Add($"length {minLength}..{maxLength}");
        }
        if (Take(schema, "description") is { } description)
        {
            parts.Add($"— {Text(description)}");
        }
        parts.Add(Leftover(schema).Trim());
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    private string Described(JObject holder) => Take(holder, "description") is { } description ? $" — {Note(description.ToString())}" : "";

    /// <summary>A repeated long text as a note number, printed once at the end; any other text as it is.</summary>
    private string Note(string text)
    {
        if (!repeatedTexts.Contains(text))
        {
            return Text(text);
        }
        if (!notes.TryGetValue(text, out var number))
        {
            number = notes.Count + 1;
            notes[text] = number;
        }
        return $"[{number}]";
    }

    /// <summary>Multi-line descriptions stay on their line: a new line shows as ⏎.</summary>
    private static string Text(JToken? text) => text?.ToString().Replace("\n", " ⏎ ", StringComparison.Ordinal) ?? "(none)";

    /// <summary>The keys no reader took, as JSON, so that a new kind of content shows in the snapshot.</summary>
    private static string Leftover(JObject holder) => holder.HasValues ? $" + {holder.ToString(Formatting.None)}" : "";

    private static JToken? Take(JObject holder, string key)
    {
        var value = holder[key];
        holder.Remove(key);
        return value;
    }

    private static void Line(StringBuilder text, int indent, string line) => text.Append(' ', line.Length > 0 ? indent * 4 : 0).Append(line).Append('\n');
}
