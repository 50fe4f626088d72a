using Ledger.Core;
using System.Reflection;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledger.Api.Web;

/// <summary>
/// A write's success: 201 Created with the value (and its Location when it has one), or, for a request repeated with
/// its Idempotency-Key, 200 with the body of the first answer, byte for byte. Being the write's type, it also tells
/// OpenAPI both answers and that the operation takes an Idempotency-Key (<see cref="WriteMetadata"/>).
/// </summary>
public sealed class Written<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IEndpointMetadataProvider
{
    private readonly Created<T>? created;
    private readonly Ok<T>? previewed;
    private readonly StoredResponse? replay;

    internal Written(Created<T> created) => this.created = created;

    internal Written(StoredResponse replay) => this.replay = replay;

    internal Written(Ok<T> previewed) => this.previewed = previewed;

    /// <summary>The value written; none for a replay, whose body is already text.</summary>
    public object? Value => created is not null ? created.Value : previewed is not null ? previewed.Value : null;

    public int? StatusCode => created is not null ? StatusCodes.Status201Created : StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        created?.ExecuteAsync(httpContext)
        ?? previewed?.ExecuteAsync(httpContext)
        ?? TypedResults.Content(replay!.ResponseBody, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status200OK).ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        // A preview (a dry run) creates nothing: it answers 200 only, so it does not claim the 201 of its endpoint's real write.
        if (!typeof(IPreview).IsAssignableFrom(typeof(T)))
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
        }
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new WriteMetadata());
    }
}

/// <summary>Makes a write's success.</summary>
public static class Written
{
    /// <summary>201 with <paramref name="value"/>; <paramref name="location"/> names where it can be read, if anywhere.</summary>
    public static Written<T> Created<T>(string? location, T value) => new(TypedResults.Created(location, value));

    /// <summary>200 with <paramref name="value"/>: a write that created nothing (an import's dry run) says what it would do.</summary>
    public static Written<T> Previewed<T>(T value) where T : IPreview => new(TypedResults.Ok(value));
}

/// <summary>Endpoint metadata of a write (from its <see cref="Written{T}"/> type): OpenAPI lists the Idempotency-Key header and the replay.</summary>
public sealed record WriteMetadata;
