using System.Text.Json;
using Ledger.Core;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Ledger.Api.Web;

/// <summary>
/// Turns every exception a client can provoke into RFC 9457 problem details: 400 with field errors for bad
/// input, 404, 409 for a rule the ledger refuses. Only a genuine bug remains a 500.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, httpContext);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = problem.Status ?? 400;
        Ledger.Core.Pipeline.LedgerMetrics.Refused(problem.Status switch
        {
            StatusCodes.Status503ServiceUnavailable => "database-unavailable",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status409Conflict => "conflict",
            _ => "invalid",
        });
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            // The pool's idle connections went with the server: dropped now, the first request after it returns opens
            // fresh ones instead of failing on a dead one each.
            httpContext.RequestServices.GetService<NpgsqlDataSource>()?.Clear();
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (WantsPage(httpContext.Request))
            {
                // A staff page in the browser gets a page to read, in the page's language, not JSON.
                httpContext.Response.ContentType = "text/html; charset=utf-8";
                await httpContext.Response.WriteAsync(UnavailablePage(problem), cancellationToken);
                return true;
            }
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception, HttpContext http) => exception switch
    {
        ValidationFailedException v => Validation(v.Errors),
        NotFoundException n => new ProblemDetails { Status = 404, Title = ProblemTexts.NotFoundTitle, Detail = n.Message },
        RuleViolationException r => new ProblemDetails { Status = 409, Title = Problems.ConflictTitle, Detail = r.Message },
        BadHttpRequestException b => FromBadRequest(b, http),
        JsonException j => FromJson(j, http),
        OverflowException => Validation(new Dictionary<string, string[]> { ["body"] = [ProblemTexts.NumberTooLarge] }),
        // The server cannot be reached or is going away (DatabaseFaults): 503, try again.
        _ when DatabaseFaults.IsUnavailable(exception) => Unavailable(),
        PostgresException p => FromPostgres(p),
        _ => null,
    };

    /// <summary>How long a client is told to wait before trying again when the database cannot be reached.</summary>
    public const int RetryAfterSeconds = 5;

    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static string UnavailablePage(ProblemDetails problem)
    {
        var title = System.Net.WebUtility.HtmlEncode(problem.Title);
        var detail = System.Net.WebUtility.HtmlEncode(problem.Detail);
        return $"""
            <!doctype html>
            <html lang="{System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}"><head><meta charset="utf-8">
            <meta http-equiv="refresh" content="{RetryAfterSeconds}"><title>{title}</title>
            <link rel="stylesheet" href="/site.css"></head>
            <body><main><h1>{title}</h1><p>{detail}</p><p><a href="">↻</a></p></main></body></html>
            """;
    }

    private static ProblemDetails Unavailable() =>
        new() { Status = StatusCodes.Status503ServiceUnavailable, Title = ProblemTexts.DatabaseUnavailableTitle, Detail = ProblemTexts.DatabaseUnavailableDetail };

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = 400, Title = Problems.InvalidTitle };

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception, HttpContext http)
    {
        if (exception.InnerException is JsonException json)
        {
            return FromJson(json, http);
        }
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return new ProblemDetails { Status = exception.StatusCode, Title = ProblemTexts.RequestRefusedTitle, Detail = exception.Message };
        }
        return Validation(BindingErrors.FromRequest(http) ?? new Dictionary<string, string[]> { ["request"] = [exception.Message] });
    }

    /// <summary>The body's type comes from the endpoint; a handler reading JSON itself has none, and names less.</summary>
    private static ValidationProblemDetails FromJson(JsonException exception, HttpContext http)
    {
        var (field, reason) = BindingErrors.FromJson(exception, BindingErrors.BodyType(http));
        return Validation(new Dictionary<string, string[]> { [field] = [reason] });
    }

    private static ProblemDetails? FromPostgres(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new ProblemDetails { Status = 409, Title = ProblemTexts.AlreadyExistsTitle, Detail = Catalogue.Fill(ProblemTexts.AlreadyExistsDetail, exception.ConstraintName) },
        PostgresErrorCodes.ForeignKeyViolation => new ProblemDetails { Status = 409, Title = ProblemTexts.MissingReferenceTitle, Detail = Catalogue.Fill(ProblemTexts.MissingReferenceDetail, exception.ConstraintName) },
        PostgresErrorCodes.CheckViolation => Validation(new Dictionary<string, string[]> { [exception.ConstraintName ?? "body"] = [ProblemTexts.OutOfAllowedRange] }),
        PostgresErrorCodes.RaiseException => new ProblemDetails { Status = 409, Title = Problems.ConflictTitle, Detail = exception.MessageText },
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => new ProblemDetails { Status = 409, Title = ProblemTexts.ConcurrentChangeTitle, Detail = ProblemTexts.ConcurrentChangeDetail },
        _ when exception.SqlState.StartsWith("22", StringComparison.Ordinal) => Validation(new Dictionary<string, string[]> { ["body"] = [Catalogue.Fill(ProblemTexts.ValueOutOfRange, exception.MessageText)] }),
        _ => null,
    };

}
