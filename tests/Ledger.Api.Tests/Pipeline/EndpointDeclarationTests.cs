using System.Reflection;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Pipeline;

/// <summary>
/// Every endpoint of the API runs through the pipeline: its handler takes an <see cref="ApiCall"/>, its route group
/// declares the area the pipeline checks, and a POST is a write (its <see cref="Written{T}"/> result) while a GET is
/// not. An endpoint without them would skip the access check, the transaction or the audit.
/// </summary>
public sealed class EndpointDeclarationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public void Every_api_endpoint_calls_the_pipeline_in_a_declared_area()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<AreaMetadata>() is null).Select(e => e.DisplayName).ToList();
        Assert.Empty(undeclared);
        var bypassing = endpoints.Where(e => e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.ParameterType == typeof(ApiCall)) != true)
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(bypassing);
        // A POST that is not a Written<T> would run as a read (checked for read access, outside a transaction), and the reverse.
        var mismatched = endpoints.Where(e => (e.Metadata.GetMetadata<WriteMetadata>() is not null)
            != (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)).Select(e => e.DisplayName).ToList();
        Assert.Empty(mismatched);
    }
}
