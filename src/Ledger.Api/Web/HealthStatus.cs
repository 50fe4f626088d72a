namespace Ledger.Api.Web;

/// <summary>What <c>GET /health</c> and <c>GET /health/ready</c> answer when the API can serve requests.</summary>
/// <param name="Status">"ok".</param>
/// <param name="Database">"ok": a statement ran.</param>
/// <param name="Migrations">"current": the database holds the last migration this API was built with (or a later one).</param>
/// <param name="Standby">Where the reads that may be a moment old go, and how far behind the standby was at its last check.</param>
public sealed record HealthStatus(string Status, string Database, string Migrations, StandbyHealth Standby);

/// <summary>The hot standby that reports, dashboards, worklists and readiness summaries may read from, as last checked.</summary>
/// <param name="Status">not-configured, not-checked, in-use, behind, unreachable, on-primary (the standby's connection
/// reached the primary) or primary-unreachable. Only in-use sends reads to the standby; the API is ready in every case.</param>
/// <param name="LagSeconds">Seconds since the newest moment the standby is known to hold everything committed before
/// (at most about one check interval when it keeps up); null when unknown.</param>
/// <param name="MaxStalenessSeconds">Beyond this lag reads go to the primary.</param>
public sealed record StandbyHealth(Ledger.Core.Storage.StandbyStatus Status, double? LagSeconds, double MaxStalenessSeconds);

/// <summary>What <c>GET /health/live</c> answers: the process runs and serves HTTP; the database is not asked.</summary>
public sealed record LivenessStatus(string Status);
