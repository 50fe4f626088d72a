namespace Ledger.Api.Web;

/// <summary>What <c>GET /health</c> and <c>GET /health/ready</c> answer when the API can serve requests.</summary>
/// <param name="Status">"ok".</param>
/// <param name="Database">"ok": a statement ran.</param>
/// <param name="Migrations">"current": the database holds the last migration this API was built with (or a later one).</param>
public sealed record HealthStatus(string Status, string Database, string Migrations);

/// <summary>What <c>GET /health/live</c> answers: the process runs and serves HTTP; the database is not asked.</summary>
public sealed record LivenessStatus(string Status);
