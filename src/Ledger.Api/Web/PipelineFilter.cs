using System.Text.Json;
using Ledger.Core.Pipeline;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Web;

/// <summary>
/// The API's adapter over <see cref="LedgerPipeline"/>: it gathers the caller (claims), the endpoint's declarations
/// (<see cref="AccessFilter"/>, <see cref="WriteFilter"/>) and the idempotency key (HTTP), runs the handler as the
/// operation's work, and maps the outcome to HTTP. It decides nothing itself.
/// </summary>
public static class PipelineFilter
{
    public static async ValueTask<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var metadata = http.GetEndpoint()?.Metadata ?? throw new InvalidOperationException("The pipeline filter runs only on an endpoint.");
        var requirement = metadata.GetRequiredMetadata<AccessFilter.Requirement>();
        var request = services.GetRequiredService<RequestContext>();
        var pipeline = services.GetRequiredService<LedgerPipeline>();
        var ct = http.RequestAborted;
        FindFacility? find = requirement.Locate is { } locate ? token => locate(http, token) : null;
        var isWrite = metadata.GetMetadata<WriteFilter.WriteMarker>() is not null;

        async Task<Done<object?>> Handler(OperationContext operation)
        {
            request.Operation = operation;
            var result = await next(context);
            if (!HandlerResults.Succeeded(result, out var inner, out var statusCode))
            {
                return new Done<object?>(result, Succeeded: false);
            }
            var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return new Done<object?>(result, Succeeded: true, statusCode, () => JsonSerializer.Serialize((inner as IValueHttpResult)?.Value, options));
        }

        var outcome = isWrite
            ? await pipeline.WriteAsync(request.Caller, find, requirement.Area, await WriteFilter.IdempotencyOf(http, ct), Handler, ct)
            : await pipeline.ReadAsync(request.Caller, find, requirement.Area, ReadAuditOf(http, metadata), Handler, ct);
        return outcome switch
        {
            Outcome<object?>.Ok ok => ok.Value,
            Outcome<object?>.Refused refused => refused.Value,
            Outcome<object?>.NotFound notFound => Problems.NotFound(notFound.Detail),
            Outcome<object?>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: ProblemExceptionHandler.InvalidTitle),
            Outcome<object?>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ProblemExceptionHandler.ConflictTitle, detail: conflict.Reason),
            Outcome<object?>.Forbidden forbidden => Problems.Forbidden(forbidden.Area, forbidden.Access),
            Outcome<object?>.InvalidKey => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [WriteFilter.IdempotencyHeader] = [$"must be 1 to {LedgerPipeline.MaxKeyLength} characters"] }),
            Outcome<object?>.Replay replay => Results.Content(replay.Stored.ResponseBody, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status200OK),
            Outcome<object?>.KeyReused reused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"The {WriteFilter.IdempotencyHeader} '{reused.Key}' was already used with a different request."),
            _ => throw new InvalidOperationException($"Unmapped pipeline outcome {outcome.GetType().Name}."),
        };
    }

    /// <summary>The endpoint's read audit, with the subject in the route (if any).</summary>
    private static ReadAudit? ReadAuditOf(HttpContext http, EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<AccessFilter.ReadAuditMarker>() is { } marker
            ? new ReadAudit(marker.What, http.GetRouteValue("id") as string, marker.ListsPeople)
            : null;
}
