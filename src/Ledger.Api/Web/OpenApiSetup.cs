using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ledger.Api.Facilities;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using NodaTime;

namespace Ledger.Api.Web;

/// <summary>
/// The OpenAPI document (the contract outside tools read): NodaTime types as ISO strings, enums as plain string
/// enums, readable schema names, the bearer scheme and its security on every protected operation, a name and a
/// summary on each operation, every status an operation can answer, and request fields that may be null also
/// optional. OpenApiTests, the contract check of the API tests and Redocly in test.sh hold it to that.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public const string OpenIdScheme = "openIdConnect";

    private const string ApiDescription = """
        Ledger keeps, for every warga binaan (person serving a sentence) in an Indonesian Lapas, the ledger of their
        training hours, certificates and premi (pay for prison work), and turns it into release-readiness summaries
        and release files.

        **Tokens.** Every operation except `GET /health` needs `Authorization: Bearer <token>`: a JWT from the
        configured OpenID Connect issuer, or a local token minted with the `token` command. Its claims are `sub`
        (the user), `role` (one or more of admin, bimker, finance, reintegration, kanwil, auditor), `facility` (the
        facilities the user works in) and, for kanwil and admin, `region`. A missing, expired or invalid token
        answers 401.

        **Roles.** Each operation names the roles that may call it. A `region` claim lets kanwil read, and admin
        write, in every facility of that region.

        **404 before 403.** A subject outside the caller's facilities (a facility, a person, a run, an order, ...)
        answers 404 exactly as if it did not exist, whatever the role; inside them, an action the caller's role may
        not take answers 403. A request body naming a person outside the caller's facilities is answered like an
        unknown id.

        **Idempotency.** Every POST accepts an `Idempotency-Key` header (1 to 200 characters). A replay with the
        same key, method, path and body writes nothing and answers 200 with the body of the first answer; the same
        key with another request answers 422; two identical requests at once write once.

        **Errors** are RFC 9457 problem details (`application/problem+json`); bad input answers 400 with `errors`
        naming each field and what is wrong with it. A field that may be null in a request body may also be left
        out; the API answers 400 naming each field it needs and did not get. Too many requests answer 429 with
        `Retry-After`.

        **Values.** Dates are ISO `yyyy-MM-dd` days in the facility's time zone, instants ISO 8601 UTC, money whole
        rupiah (integers), ids UUIDs, enum values kebab-case strings.
        """;

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Operations", "Health of the API and its database."),
        ("Facilities", "Facilities (Lapas) and their settings: registered by a region's admin, read by everyone working in them."),
        ("Inmates", "Warga binaan: registration, remisi, register F, transfer and release."),
        ("Skills", "The skills ledger: programmes, training (one by one, by session, by CSV), reversals, certificates and a person's skills view."),
        ("Work", "Work orders and work records with their QC results."),
        ("Premi", "Premi schemes, runs (a draft, approved by a second finance user), accounts, withdrawals and reversals."),
        ("Readiness", "Release readiness: a person's summary, the printable release file and the facility's release worklist."),
        ("Reports", "Programme reports per facility and per region."),
        ("Audit", "The audit trail of a facility, for auditors."),
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = SchemaName;
        options.AddSchemaTransformer((schema, context, _) =>
        {
            WireFormat(schema, context.JsonTypeInfo);
            // A schema made for a parameter is a request body (or part of one).
            if (context.ParameterDescription is not null)
            {
                OptionalRequestFields(schema, context.JsonTypeInfo);
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeOperation(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer(async (document, context, ct) =>
        {
            DescribeDocument(document, context.ApplicationServices.GetRequiredService<IConfiguration>());
            await ExplicitRequestBodiesAsync(document, context, ct);
        });
    }

    /// <summary><c>ItemsOf&lt;Facility&gt;</c> is <c>FacilityList</c>, <c>PageOf&lt;Inmate&gt;</c> <c>InmatePage</c>.</summary>
    private static string? SchemaName(JsonTypeInfo info)
    {
        var type = info.Type;
        if (IsWireName(type))
        {
            return null;
        }
        if (!type.IsGenericType || Nullable.GetUnderlyingType(type) is not null || info.Kind != JsonTypeInfoKind.Object)
        {
            return OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        }
        var definition = type.GetGenericTypeDefinition();
        var arguments = string.Concat(type.GetGenericArguments().Select(a => a.Name));
        return definition == typeof(ItemsOf<>) ? arguments + "List"
            : definition == typeof(PageOf<>) ? arguments + "Page"
            : arguments + definition.Name[..definition.Name.IndexOf('`', StringComparison.Ordinal)];
    }

    /// <summary>How values look on the wire: NodaTime as ISO strings, ids as UUIDs, money as integers, enums and wire-named codes as strings.</summary>
    private static void WireFormat(OpenApiSchema schema, JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        (JsonSchemaType Type, string? Format)? wire =
            type == typeof(LocalDate) ? (JsonSchemaType.String, "date")
            : type == typeof(Instant) ? (JsonSchemaType.String, "date-time")
            : type == typeof(Period) ? (JsonSchemaType.String, "duration")
            : TypedIds.IsTypedId(type) ? (JsonSchemaType.String, "uuid")
            : type == typeof(Rupiah) ? (JsonSchemaType.Integer, "int64")
            : IsWireName(type) ? (JsonSchemaType.String, null)
            : null;
        if (wire is { } w)
        {
            schema.Type = w.Type;
            schema.Format = w.Format;
            schema.Properties?.Clear();
        }
        // A list of wire-named codes: the schema generator leaves their items out, as it does for any custom converter.
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element && IsWireName(element) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        if (type.IsEnum && schema.Enum is { } values)
        {
            // One schema serves the enum and its nullable uses; null belongs to the nullable reference
            // ({"oneOf": [{"type": "null"}, {"$ref": ...}]}), or null would match both branches of that oneOf.
            schema.Type = JsonSchemaType.String;
            for (var i = values.Count - 1; i >= 0; i--)
            {
                if (values[i] is null || values[i]!.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                {
                    values.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>A code written as one string (<see cref="IWireName{TSelf}"/>), such as a condition name.</summary>
    private static bool IsWireName(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireName<>));

    /// <summary>
    /// In a request body a property that may be null may also be left out: the API reads it as null and answers 400
    /// naming it when it needs it. Responses always carry every property, null or not, so there they stay required.
    /// </summary>
    private static void OptionalRequestFields(OpenApiSchema schema, JsonTypeInfo info)
    {
        if (schema.Required is not { Count: > 0 } required || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var property in info.Properties)
        {
            if (MayBeNull(property) || property.AssociatedParameter?.HasDefaultValue == true)
            {
                required.Remove(property.Name);
            }
        }
    }

    private static bool MayBeNull(JsonPropertyInfo property) =>
        property.IsSetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;

    private static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;

        // Name and words: the table's, else the endpoint's own; developer comments on handlers stay out.
        var entry = OpenApiOperations.For(metadata.OfType<MethodInfo>().FirstOrDefault());
        operation.OperationId = entry?.Id ?? metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        operation.Summary = entry?.Summary ?? metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        var description = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description ?? entry?.Description;
        // The area is declared on the route group; a write is known by its Written<T> result.
        var isWrite = metadata.OfType<WriteMetadata>().Any();
        var area = metadata.OfType<AreaMetadata>().LastOrDefault()?.Area;
        if (area is { } declared)
        {
            var access = isWrite ? Access.Write : Access.Read;
            var roles = Problems.AllowedRoles(declared, access);
            description = $"{description}\n\nRoles: {roles} ({access.ToString().ToLowerInvariant()} {AreaName(declared)}).".Trim();
        }
        operation.Description = description;

        // Every {name} of the path is a path parameter, bound by the handler or not.
        var template = context.Description.RelativePath ?? "";
        foreach (System.Text.RegularExpressions.Match name in System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}:?]+)"))
        {
            var parameterName = name.Groups[1].Value;
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == parameterName))
            {
                operation.Parameters.Insert(0, new OpenApiParameter { Name = parameterName, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }

        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // An empty requirement: this operation needs no token.
            operation.Security = [new OpenApiSecurityRequirement()];
            return;
        }
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
        operation.Security = [bearer];
        if (!string.IsNullOrEmpty(context.ApplicationServices.GetRequiredService<IConfiguration>()["Auth:Authority"]))
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenIdScheme, context.Document)] = [] });
        }

        operation.Responses ??= [];
        var problem = operation.Responses.TryGetValue("401", out var unauthorized) ? unauthorized.Content : null;
        operation.Responses["429"] = new OpenApiResponse
        {
            Description = "Too many requests: try again after `Retry-After` seconds.",
            Content = problem,
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before the next request.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            },
        };
        operation.Responses["503"] = new OpenApiResponse
        {
            Description = "The database cannot be reached: try again after `Retry-After` seconds (a write with the same `Idempotency-Key` is recorded once).",
            Content = problem,
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before the next request.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            },
        };
        if (operation.RequestBody is not null)
        {
            operation.Responses["413"] = new OpenApiResponse { Description = "The request body is too large.", Content = problem };
            operation.Responses["415"] = new OpenApiResponse { Description = "The request body is not of a media type this operation reads.", Content = problem };
        }

        if (isWrite)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ApiCall.IdempotencyHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes the request safe to repeat: a replay with the same key and body answers 200 with the first answer's body and writes nothing; the same key with another body answers 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
            });
            // Written<T> lists the replay's 200; here it says what it is. An operation that answers 200 itself (the
            // import's dry run: a preview) answers a replay of its 201 with 200 too, so its 200 is either.
            if (operation.Responses.TryGetValue("200", out var replay) && replay is OpenApiResponse described)
            {
                described.Description = "A replay: the request was already made with this Idempotency-Key; the body is the first answer's.";
                if (operation.Responses.TryGetValue("201", out var created) && created.Content?.TryGetValue("application/json", out var createdJson) == true
                    && described.Content?.TryGetValue("application/json", out var ownJson) == true
                    && createdJson.Schema is { } createdSchema && ownJson.Schema is { } ownSchema && !ReferenceEquals(createdSchema, ownSchema)
                    && createdSchema is OpenApiSchemaReference createdRef && ownSchema is OpenApiSchemaReference ownRef && createdRef.Reference.Id != ownRef.Reference.Id)
                {
                    ownJson.Schema = new OpenApiSchema { AnyOf = [ownSchema, createdSchema] };
                    described.Description = "Its own answer (a dry run's report), or a replay: the request was already made with this Idempotency-Key; the body is the first answer's.";
                }
            }
        }

        // In order of status code, as a reader looks for them.
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in ordered)
        {
            operation.Responses[status] = response;
        }
    }

    private static string AreaName(Area area) => area switch
    {
        Area.PremiBalances => "premi balances",
        _ => area.ToString().ToLowerInvariant(),
    };

    private static void DescribeDocument(OpenApiDocument document, IConfiguration configuration)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Ledger API";
        document.Info.Version = "v1";
        document.Info.Description = ApiDescription;
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with the claims sub, role, facility and (kanwil, admin) region.",
        };
        var authority = configuration["Auth:Authority"];
        if (!string.IsNullOrEmpty(authority))
        {
            document.Components.SecuritySchemes[OpenIdScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(authority.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = "The organisation's OpenID Connect issuer; its access tokens are sent as bearer tokens.",
            };
        }
    }

    /// <summary>
    /// An explicit <c>Accepts&lt;T&gt;</c> describes the body of a handler that reads it raw (so that 404 and 403 come
    /// before anything about the body's shape). Done here, on the finished document: creating schemas in an
    /// operation transformer makes the generator inline every request body schema.
    /// </summary>
    private static async Task ExplicitRequestBodiesAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            var accepts = description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
                .LastOrDefault(a => a.RequestType is not null && a.RequestType != typeof(string));
            var path = "/" + description.RelativePath?.TrimEnd('/');
            if (accepts is null || document.Paths?.TryGetValue(path, out var item) != true
                || item!.Operations?.TryGetValue(new HttpMethod(description.HttpMethod ?? "POST"), out var operation) != true
                || operation!.RequestBody is not OpenApiRequestBody body)
            {
                continue;
            }
            var replaced = body.Content?.Values.Select(m => (m.Schema as OpenApiSchemaReference)?.Reference.Id).OfType<string>().ToList() ?? [];
            var schema = await ReferenceAsync(accepts.RequestType!, document, context, ct);
            body.Content = accepts.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema });
            // The raw body's own schema (JsonElement, JsonObject) is then used nowhere.
            foreach (var id in replaced.Where(id => !IsUsedAsBody(document, id)))
            {
                document.Components?.Schemas?.Remove(id);
            }
        }
    }

    private static bool IsUsedAsBody(OpenApiDocument document, string id) =>
        (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value)
            .SelectMany(o => (o.RequestBody?.Content?.Values ?? []).Concat((o.Responses ?? []).SelectMany(r => r.Value.Content?.Values ?? [])))
            .Any(m => (m.Schema as OpenApiSchemaReference)?.Reference.Id == id);

    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var element = type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
        if (element is not null)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = await ReferenceAsync(element, document, context, ct) };
        }
        var name = type.Name;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
            var info = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.GetTypeInfo(type);
            OptionalRequestFields(schema, info);
            // Made here, the properties are inline and lose the null of a nullable value type: give it back.
            foreach (var property in info.Properties)
            {
                if (MayBeNull(property) && schema.Properties is { } properties && properties.TryGetValue(property.Name, out var found)
                    && found is OpenApiSchema { Type: { } propertyType } inline && !propertyType.HasFlag(JsonSchemaType.Null))
                {
                    inline.Type = propertyType | JsonSchemaType.Null;
                }
            }
            document.AddComponent(name, schema);
        }
        return new OpenApiSchemaReference(name, document);
    }
}
