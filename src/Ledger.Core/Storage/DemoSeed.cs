using Dapper;
using NodaTime;

namespace Ledger.Core.Storage;

/// <summary>Loads the demo data (db/seed/*.sql, in name order, in one transaction) into an empty database.</summary>
public static class DemoSeed
{
    public static async Task<bool> LoadIfEmptyAsync(string connectionString, string folder, IClock clock, CancellationToken ct)
    {
        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from facility", cancellationToken: ct)) > 0)
        {
            return false;
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The seed is written relative to "today" (people near release stay near release), so it reads the
        // injected clock's day rather than the database's.
        var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Jakarta"]).Date;
        await connection.ExecuteAsync(new CommandDefinition("select set_config('ledger.seed_today', @today, true)", new { today = today.ToString("yyyy-MM-dd", null) }, tx, cancellationToken: ct));
        foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(await File.ReadAllTextAsync(file, ct), transaction: tx, cancellationToken: ct, commandTimeout: 600));
        }
        // Premi runs are computed and approved by the ledger's own code, never written as numbers in SQL.
        await Premi.DemoPremi.LoadAsync(connection, tx, clock, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
