using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>
/// A value the ledger keeps current on write so reads need not add up the ledger again (per person, per Lapas ×
/// programme × day, release dates): its name and how to rebuild it from the ledger alone. Each kept value is
/// maintained in the same transaction as the writes that change it, and each has a property test comparing it with
/// this recomputation after random writes and reversals (docs/kept-values.md).
/// </summary>
/// <param name="Name">What the operator sees in the rebuild's output, e.g. "person_programme_minutes".</param>
/// <param name="RebuildAsync">Replaces every row of the kept value with what the ledger says, inside the given
/// transaction; returns the rows written.</param>
public sealed record KeptValue(string Name, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<long>> RebuildAsync);

/// <summary>Every kept value, and the command that rebuilds them all (after a migration that adds one, or for a repair).</summary>
public static class KeptValues
{
    /// <summary>Each feature adds its kept values here, one line each.</summary>
    public static readonly IReadOnlyList<KeptValue> All =
    [
        Reports.DailyTotals.ProgrammeTotal,
        Reports.DailyTotals.PersonDays,
        Reports.DailyTotals.WorkOrderDay,
        Sentences.KeptReleaseDates.Value,
        KeptTable.RebuiltFromView("person_programme_training"),
        KeptTable.RebuiltFromView("person_month_training"),
        KeptTable.RebuiltFromView("person_order_work"),
    ];

    /// <summary>
    /// Rebuilds every kept value in one transaction, so readers see either the old values or the rebuilt ones, never a
    /// mix; writes that change the ledger wait for it (the rebuild locks the kept tables first). Runs as the tables'
    /// owner: the API's runtime role may not empty a kept table.
    /// </summary>
    public static Task RebuildAllAsync(string connectionString, TextWriter log, CancellationToken ct) => RebuildAsync(connectionString, All, log, ct);

    /// <summary>Rebuilds the given kept values in one transaction (see <see cref="RebuildAllAsync"/>).</summary>
    public static async Task RebuildAsync(string connectionString, IReadOnlyList<KeptValue> values, TextWriter log, CancellationToken ct)
    {
        LedgerDatabase.ConfigureDapper();
        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var kept in values)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var rows = await kept.RebuildAsync(connection, transaction, ct);
            log.WriteLine($"rebuild-kept: {kept.Name}: {rows} rows in {started.Elapsed.TotalSeconds:0.0} s");
        }
        await transaction.CommitAsync(ct);
    }
}
