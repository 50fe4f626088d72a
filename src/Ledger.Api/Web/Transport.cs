namespace Ledger.Api.Web;

/// <summary>What travels with every answer and what stays in the logs (docs/operations.md, "Transport").</summary>
public static class Transport
{
    /// <summary>First in the pipeline, so that every answer, errors included, gets its headers.</summary>
    public static void UseLedgerTransport(this WebApplication app)
    {
        app.UseSecurityHeaders();
    }
}
