using Dapper;
using Ledger.Core.Storage;

namespace Ledger.Core.Reports;

/// <summary>
/// The kept values per Lapas × programme × day that the programme report and the Kanwil dashboard read
/// (db/migrations/0014_daily_totals.sql keeps them on write; docs/kept-values.md, "Lapas × programme × day"):
/// the daily totals, the people's active days and the work orders' days. Each is rebuilt from its "…_from_ledger" view,
/// the same view the property tests compare the kept rows with.
/// </summary>
public static class DailyTotals
{
    public static readonly KeptValue ProgrammeTotal = Rebuilt("daily_programme_total");
    public static readonly KeptValue PersonDays = Rebuilt("daily_person_days");
    public static readonly KeptValue WorkOrderDay = Rebuilt("daily_work_order_day");

    /// <summary>
    /// The first part of a statement that reads <c>daily_person_days</c> for the days @from to @to: one row per year of
    /// the period with the bits of its days in it (<c>daily_days_mask</c>). Join it on <c>d.year = y.year</c> and keep
    /// <c>bit_count(d.days &amp; y.mask) &gt; 0</c>: the people active on some day of the period. Materialized, so the
    /// mask is made once per year rather than once per row read.
    /// </summary>
    internal const string PeriodYears = """
        with y as materialized (
          select year, daily_days_mask(year, @from, @to) as mask
          from generate_series(extract(year from @from)::int, extract(year from @to)::int) as year
        )
        """;

    private static KeptValue Rebuilt(string table) => new(table, async (connection, transaction, ct) =>
    {
        // The table is the kept value's own: locked first, so that no write of the ledger adds to it meanwhile (their
        // triggers wait for the lock until this transaction ends), emptied, and filled again from the ledger.
        // No time limit: the rebuild reads every entry of the ledger (minutes at national size).
        await connection.ExecuteAsync(new CommandDefinition($"lock table {table} in exclusive mode; delete from {table}", transaction: transaction, commandTimeout: 0, cancellationToken: ct));
        return await connection.ExecuteAsync(new CommandDefinition($"insert into {table} select * from {table}_from_ledger", transaction: transaction, commandTimeout: 0, cancellationToken: ct));
    });
}
