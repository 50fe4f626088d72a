using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// Checks every exchange of the test host against the OpenAPI document the same app serves: a response (or an
/// accepted request) that the document does not allow fails the request that received it with a
/// <see cref="ContractViolationException"/>, so the document cannot drift from the behaviour unnoticed.
/// </summary>
public sealed class ContractCheck : IStartupFilter
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static OpenApiContract? contract;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CheckAsync);
        next(app);
    };

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        // Once per exchange, however often the filter was registered.
        if ((!path.StartsWith("/api/", StringComparison.Ordinal) && path != "/health" && !path.StartsWith("/health/", StringComparison.Ordinal)) || !context.Items.TryAdd(typeof(ContractCheck), true))
        {
            await next(context);
            return;
        }
        var checker = await ContractAsync(context.RequestServices);
        context.Request.EnableBuffering();
        var requestBody = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        var responseBody = await new StreamReader(buffer, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        var problems = checker.Check(context.Request.Method, path, MediaType(context.Request.ContentType), requestBody,
            context.Response.StatusCode, MediaType(context.Response.ContentType), responseBody);
        if (problems.Count > 0)
        {
            throw new ContractViolationException(string.Join("\n", problems));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The document is the same for every test app: read it once, from the first app that needs it.</summary>
    private static async Task<OpenApiContract> ContractAsync(IServiceProvider services)
    {
        if (contract is not null)
        {
            return contract;
        }
        await Loading.WaitAsync();
        try
        {
            if (contract is null)
            {
                var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
                contract = new OpenApiContract(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));
            }
            return contract;
        }
        finally
        {
            Loading.Release();
        }
    }
}

/// <summary>An exchange of the test host that the OpenAPI document does not allow.</summary>
public sealed class ContractViolationException(string message) : Exception("The OpenAPI document does not allow this exchange:\n" + message);

public static class ContractCheckExtensions
{
    /// <summary>Checks every exchange of the app against its OpenAPI document (see <see cref="ContractCheck"/>).</summary>
    public static IServiceCollection AddContractCheck(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, ContractCheck>();
}
