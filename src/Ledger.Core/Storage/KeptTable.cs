using Dapper;

namespace Ledger.Core.Storage;

/// <summary>
/// A kept value that is one table with a view of the same columns computing it from the ledger alone (the table's
/// name + <c>_from_ledger</c>, created by the table's migration): the rebuild replaces the table's rows with the view's.
/// The property tests compare the two.
/// </summary>
public static class KeptTable
{
    public static KeptValue RebuiltFromView(string table) => new(table, async (connection, transaction, ct) =>
    {
        // Writers wait from here to the rebuild's commit: none can add to a row the rebuild is about to replace.
        await connection.ExecuteAsync(new CommandDefinition($"lock table {table} in exclusive mode; delete from {table}", transaction: transaction, cancellationToken: ct));
        return await connection.ExecuteAsync(new CommandDefinition($"insert into {table} select * from {table}_from_ledger", transaction: transaction, cancellationToken: ct));
    });

    /// <summary>The view that recomputes <paramref name="table"/> from the ledger.</summary>
    public static string FromLedger(string table) => table + "_from_ledger";
}
