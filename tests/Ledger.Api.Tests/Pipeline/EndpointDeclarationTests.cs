using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Pipeline;

/// <summary>
/// AsWrite, ReadsPersonFile and ReadsPeople only declare; RequireAccess or RequireRole runs the endpoint through the
/// pipeline. An endpoint declared a write or an audited read without one would skip the transaction or the audit, so
/// every endpoint of the API must carry exactly one access requirement.
/// </summary>
public sealed class EndpointDeclarationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public void Every_api_endpoint_declares_exactly_one_access_requirement()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints.Where(e => e.Metadata.GetOrderedMetadata<AccessFilter.Requirement>().Count != 1)
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(undeclared);
        // A write access without AsWrite would run as a read (checked for read access, outside a transaction), and the reverse.
        var mismatched = endpoints.Where(e => (e.Metadata.GetMetadata<WriteFilter.WriteMarker>() is not null)
            != (e.Metadata.GetMetadata<AccessFilter.Requirement>()!.Access == Ledger.Core.Authorization.Access.Write)).Select(e => e.DisplayName).ToList();
        Assert.Empty(mismatched);
    }
}
