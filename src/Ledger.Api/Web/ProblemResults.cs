using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Web;

/// <summary>
/// A problem answer whose type names its status, so that a handler's <c>Results&lt;...&gt;</c> lists what can happen
/// and OpenAPI learns each status from the type. ASP.NET Core's <c>NotFound&lt;ProblemDetails&gt;</c> and its kin write
/// plain <c>application/json</c>; these write through <see cref="ProblemHttpResult"/>, like every other problem of the
/// API (<c>application/problem+json</c> with title, status, detail and traceId). Made only by <see cref="Problems"/>.
/// </summary>
public abstract class ProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    private readonly ProblemHttpResult problem;

    private protected ProblemResult(int status, string title, string? detail) =>
        problem = TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public ProblemDetails Value => problem.ProblemDetails;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => problem.StatusCode;

    public string? ContentType => problem.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    private protected static void Produces(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>403: a role of the caller reaches the facility, but none of those may take this action there.</summary>
public sealed class ForbiddenProblem(string title, string detail) : ProblemResult(Status, title, detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status403Forbidden;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, Status);
}

/// <summary>404: the subject does not exist, or is outside the caller's facilities (the same answer, on purpose).</summary>
public sealed class NotFoundProblem(string title, string detail) : ProblemResult(Status, title, detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status404NotFound;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, Status);
}

/// <summary>409: the input is well formed but a rule of the ledger refuses it; nothing was written.</summary>
public sealed class ConflictProblem(string title, string detail) : ProblemResult(Status, title, detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status409Conflict;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, Status);
}

/// <summary>415: a body of a media type the operation does not read.</summary>
public sealed class UnsupportedMediaTypeProblem(string title, string detail) : ProblemResult(Status, title, detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status415UnsupportedMediaType;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, Status);
}

/// <summary>422: the Idempotency-Key was used before with a different request.</summary>
public sealed class KeyReusedProblem(string title, string detail) : ProblemResult(Status, title, detail), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status422UnprocessableEntity;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, Status);
}
