namespace Ledger.Api.Web;

/// <summary>What travels with every answer and what stays in the logs (docs/operations.md, "Transport").</summary>
public static class Transport
{
    /// <summary>Path-only request logging and the rate limiter with its settings.</summary>
    public static void AddLedgerTransport(this WebApplicationBuilder builder)
    {
        builder.AddRequestLogging();
        builder.AddRateLimits();
    }

    /// <summary>First in the pipeline, so that every answer, errors included, is logged and gets its headers.</summary>
    public static void UseLedgerTransport(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseSecurityHeaders();
    }
}
