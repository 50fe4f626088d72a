namespace Ledger.Api.Web;

/// <summary>What <c>GET /health</c> answers when the API reaches its database.</summary>
public sealed record HealthStatus(string Status, string Database);
