using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The ledger's own telemetry, beside what ASP.NET Core and Npgsql report: what was written, what was refused and why,
/// how many rows imports brought. Plain <see cref="System.Diagnostics.Metrics"/> instruments with no exporter here: the
/// API exports them over OTLP when an endpoint is configured (docs/operations.md, Telemetry), and a test listens to
/// them with a <see cref="MeterListener"/>.
/// </summary>
public static class LedgerMetrics
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Ledger";

    private static readonly Meter Meter = new(Name);

    /// <summary>The traces of the ledger's own work (an import's phases), children of the request's span.</summary>
    public static readonly ActivitySource Activities = new(Name);

    /// <summary>Committed writes, one per audited action (<c>action</c>: training.import, premi-run.approve, ...).</summary>
    public static readonly Counter<long> Writes = Meter.CreateCounter<long>("ledger.writes", "{write}", "Writes committed, by audited action.");

    /// <summary>Requests refused, by <c>reason</c>: invalid, not-found, conflict, forbidden, key-reused, invalid-key, database-unavailable.</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>("ledger.refusals", "{request}", "Requests refused, by reason.");

    /// <summary>Rows written by imports, by <c>kind</c> (training, work, registry).</summary>
    public static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>("ledger.imported_rows", "{row}", "Rows written by imports, by kind.");

    public static void Refused(string reason) => Refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
