using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Web;

/// <summary>
/// The API's one way into <see cref="LedgerPipeline"/>: a handler binds its input, then calls <see cref="ReadAsync{TOk}(FindFacility?, Func{OperationContext, Task{TOk}}, Audited?)"/>
/// or <see cref="WriteAsync{T}(FindFacility?, Func{OperationContext, Task{Written{T}}})"/> with where its subject is and
/// the work; this gathers the caller (the token's claims), the endpoint's area (declared once on its route group,
/// <see cref="ApiGroups"/>) and the Idempotency-Key, and maps the pipeline's outcome to a typed result. It decides
/// nothing itself: access, the write transaction, its audit rows, the idempotency key and the read audit are Core's.
/// </summary>
public sealed class ApiCall(IHttpContextAccessor accessor, LedgerPipeline pipeline, IOptions<JsonOptions> json)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("An API call is made only within a request.");

    /// <summary>The caller's user, roles and their facility and region claims; <see cref="Permissions"/> decides what they reach.</summary>
    /// <remarks>Authentication refuses a token without a subject (AuthSetup); the staff pages read the same claims (<see cref="CallerClaims"/>).</remarks>
    public Caller Caller =>
        CallerClaims.From(Http.User, Http.TraceIdentifier) ?? throw new InvalidOperationException("The request has no authenticated user.");

    /// <summary>A read whose work returns only its success; refusals come from the pipeline (or Core's exceptions in the work).</summary>
    public Task<Results<TOk, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ReadAsync<TOk>(FindFacility? facility, Func<OperationContext, Task<TOk>> work, Audited? audit = null)
        where TOk : IResult =>
        ReadAsync<TOk>(facility, async operation => (Results<TOk, ValidationProblem, ForbiddenProblem, NotFoundProblem>)await work(operation), audit);

    /// <summary>
    /// A read in the facility <paramref name="facility"/> finds (null: across the caller's scope). The work may refuse
    /// with one of the listed problems; then the read is not audited.
    /// </summary>
    public async Task<Results<TOk, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ReadAsync<TOk>(FindFacility? facility,
        Func<OperationContext, Task<Results<TOk, ValidationProblem, ForbiddenProblem, NotFoundProblem>>> work, Audited? audit = null)
        where TOk : IResult
    {
        var readAudit = audit is null ? null : new ReadAudit(audit.What, Http.GetRouteValue("id") as string, audit.ListsPeople);
        var outcome = await pipeline.ReadAsync(Caller, facility, Area, readAudit, async operation => Done(await work(operation)), Http.RequestAborted);
        return Answer(outcome) switch
        {
            (var value, null) => value!,
            (_, ValidationProblem invalid) => invalid,
            (_, ForbiddenProblem forbidden) => forbidden,
            (_, NotFoundProblem notFound) => notFound,
            // A read refused by a rule of the ledger, or with an idempotency outcome, is a bug: no read does that.
            (_, var other) => throw new InvalidOperationException($"A read ended with {other.GetType().Name}, which no read answers."),
        };
    }

    /// <summary>A write whose work returns only its success; refusals come from the pipeline (or Core's exceptions in the work).</summary>
    public Task<Results<Written<T>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> WriteAsync<T>(FindFacility? facility, Func<OperationContext, Task<Written<T>>> work) =>
        WriteAsync<T>(facility, async operation => (Results<Written<T>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>)await work(operation));

    /// <summary>
    /// A write in the facility <paramref name="facility"/> finds (null: across the caller's scope), in one transaction
    /// with its audit rows and the request's Idempotency-Key. The work may refuse with one of the listed problems;
    /// then nothing is written.
    /// </summary>
    public async Task<Results<Written<T>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> WriteAsync<T>(FindFacility? facility,
        Func<OperationContext, Task<Results<Written<T>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>>> work)
    {
        var outcome = await pipeline.WriteAsync(Caller, facility, Area, await IdempotencyAsync(), async operation => Done(await work(operation)), Http.RequestAborted);
        if (outcome is Outcome<Results<Written<T>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>>.Replay replay)
        {
            return new Written<T>(replay.Stored);
        }
        return Answer(outcome) switch
        {
            (var value, null) => value!,
            (_, ValidationProblem invalid) => invalid,
            (_, ForbiddenProblem forbidden) => forbidden,
            (_, NotFoundProblem notFound) => notFound,
            (_, ConflictProblem conflict) => conflict,
            (_, KeyReusedProblem reused) => reused,
            (_, var other) => throw new InvalidOperationException($"Unmapped pipeline answer {other.GetType().Name}."),
        };
    }

    /// <summary>The work's own result (success or its refusal), or the problem that answers the pipeline's outcome.</summary>
    internal static (TResult? Value, IResult? Problem) Answer<TResult>(Outcome<TResult> outcome)
    {
        if (RefusalReason(outcome) is { } reason)
        {
            LedgerMetrics.Refused(reason);
        }
        return Mapped(outcome);
    }

    private static string? RefusalReason<TResult>(Outcome<TResult> outcome) => outcome switch
    {
        Outcome<TResult>.NotFound => "not-found",
        Outcome<TResult>.Invalid => "invalid",
        Outcome<TResult>.Conflict => "conflict",
        Outcome<TResult>.Forbidden => "forbidden",
        Outcome<TResult>.InvalidKey => "invalid-key",
        Outcome<TResult>.KeyReused => "key-reused",
        _ => null,
    };

    private static (TResult? Value, IResult? Problem) Mapped<TResult>(Outcome<TResult> outcome) => outcome switch
    {
        Outcome<TResult>.Ok ok => (ok.Value, null),
        Outcome<TResult>.Refused refused => (refused.Value, null),
        Outcome<TResult>.NotFound notFound => (default, Problems.NotFound(notFound.Detail)),
        Outcome<TResult>.Invalid invalid => (default, Problems.Invalid(invalid.Errors)),
        Outcome<TResult>.Conflict conflict => (default, Problems.Conflict(conflict.Reason)),
        Outcome<TResult>.Forbidden forbidden => (default, Problems.Forbidden(forbidden.Area, forbidden.Access)),
        Outcome<TResult>.InvalidKey => (default, Problems.InvalidKey(IdempotencyHeader, LedgerPipeline.MaxKeyLength)),
        Outcome<TResult>.KeyReused reused => (default, Problems.KeyReused(IdempotencyHeader, reused.Key)),
        _ => throw new InvalidOperationException($"Unmapped pipeline outcome {outcome.GetType().Name}."),
    };

    /// <summary>The endpoint's area, declared on its route group (or the route itself, where it differs).</summary>
    private Area Area => Http.GetEndpoint()?.Metadata.GetMetadata<AreaMetadata>()?.Area
        ?? throw new InvalidOperationException($"The endpoint {Http.GetEndpoint()?.DisplayName} declares no area (ApiGroups.MapArea).");

    /// <summary>
    /// Whether the work succeeded (a write commits, a read is audited) or refused with a problem; for a write, the status
    /// and the body a replay answers with.
    /// </summary>
    private Done<TResult> Done<TResult>(TResult result) where TResult : INestedHttpResult
    {
        var inner = result.Result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }
        var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        return status is >= 200 and < 300
            ? new Done<TResult>(result, Succeeded: true, status, () => JsonSerializer.Serialize((inner as IValueHttpResult)?.Value, json.Value.SerializerOptions))
            : new Done<TResult>(result, Succeeded: false);
    }

    /// <summary>The request's Idempotency-Key and its fingerprint; null without the header (an empty one is the pipeline's to refuse).</summary>
    private async Task<Idempotency?> IdempotencyAsync()
    {
        if (!Http.Request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            return null;
        }
        var key = header.ToString();
        return new Idempotency(key, key.Length is 0 or > LedgerPipeline.MaxKeyLength ? "" : await RequestHashAsync(Http.Request, Http.RequestAborted));
    }

    /// <summary>The same key means the same request only for the same method, path and body bytes (buffered by Program.cs for every POST).</summary>
    private static async Task<string> RequestHashAsync(HttpRequest request, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
            request.Body.Position = 0;
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>A read that writes an audit row: of a person's file (the route's {id}), or of the people it returns (<see cref="OperationContext.Returns"/>).</summary>
public sealed record Audited(string What, bool ListsPeople)
{
    /// <summary>A read of a person's file: an audit row "read ..." with the person as subject (UU 27/2022 wants every read of specific personal data attributable).</summary>
    public static Audited PersonFile(string what) => new(what, ListsPeople: false);

    /// <summary>A read that returns people (a list, a search, a worklist, a premi run): one row naming the reader, the facility, the subject in the route (if any) and the people returned.</summary>
    public static Audited People(string what) => new(what, ListsPeople: true);
}
