using Ledger.Core;
using Ledger.Api.Auth;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Work;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Ledger.Api.Web;

/// <summary>The OpenAPI document: NodaTime types as ISO strings, roles and the Idempotency-Key header on each operation.</summary>
public static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            (JsonSchemaType Type, string? Format, string? Pattern)? wire =
                type == typeof(LocalDate) ? (JsonSchemaType.String, "date", null)
                : type == typeof(Instant) ? (JsonSchemaType.String, "date-time", null)
                : type == typeof(Period) ? (JsonSchemaType.String, "duration", null)
                : TypedIds.IsTypedId(type) ? (JsonSchemaType.String, "uuid", null)
                : type == typeof(Rupiah) ? (JsonSchemaType.Integer, "int64", null)
                : null;
            if (wire is { } w)
            {
                schema.Type = w.Type;
                schema.Format = w.Format;
                schema.Properties?.Clear();
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var requirement = metadata.OfType<AccessFilter.Requirement>().FirstOrDefault();
            if (requirement is not null)
            {
                var roles = string.Join(", ", Permissions.RolesFor(requirement.Area, requirement.Access));
                operation.Description = $"{operation.Description}\n\nRoles: {roles} ({requirement.Access.ToString().ToLowerInvariant()} {requirement.Area.ToString().ToLowerInvariant()}).".Trim();
            }
            if (metadata.OfType<WriteFilter.WriteMarker>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = WriteFilter.IdempotencyHeader,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Replays of the same key and body answer 200 with the first response and write nothing; the same key with another body answers 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                });
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The problem responses every protected endpoint can give.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, bool write) =>
        write
            ? builder.ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            : builder.ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
