using DbUp;

namespace Ledger.Core.Storage;

/// <summary>Applies db/migrations/NNNN_name.sql in order, each once; the same runner everywhere.</summary>
public static class Migrator
{
    /// <summary>Creates the database when missing and applies pending migrations; returns the scripts applied.</summary>
    public static IReadOnlyList<string> Migrate(string connectionString, TextWriter? log = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            // A migration that fills a kept value from the ledger (0014) reads every entry: minutes at national size,
            // not the provider's default 30 seconds.
            .WithExecutionTimeout(TimeSpan.FromHours(2))
            .LogTo(new DbUp.Engine.Output.NoOpUpgradeLog())
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
        var applied = result.Scripts.Select(s => s.Name).ToList();
        foreach (var name in applied)
        {
            log?.WriteLine($"applied {name}");
        }
        return applied;
    }

    /// <summary>
    /// Migrates; when <paramref name="singleConnectionString"/> (no separate runtime connection is configured) and its
    /// user is a superuser, also creates the runtime login <see cref="DatabaseRoles.FallbackLogin"/> the API then uses.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, bool singleConnectionString, TextWriter? log, CancellationToken ct)
    {
        var applied = Migrate(connectionString, log);
        if (applied.Any(name => name.Contains("0015_release_dates", StringComparison.Ordinal)))
        {
            // The release dates come from the C# calculator, so 0015 cannot fill them in SQL: an existing database gets
            // them here, once, or its worklist would name no one until `rebuild-kept` ran.
            await KeptValues.RebuildAsync(connectionString, [Sentences.KeptReleaseDates.Value], log ?? TextWriter.Null, ct);
        }
        if (singleConnectionString && await DatabaseRoles.IsSuperuserAsync(connectionString, ct))
        {
            await DatabaseRoles.EnsureFallbackLoginAsync(connectionString, ct);
            log?.WriteLine($"runtime role {DatabaseRoles.FallbackLogin} (member of {DatabaseRoles.RuntimeGroup}) is ready: the API connects as it, not as the superuser");
        }
        return applied;
    }
}
