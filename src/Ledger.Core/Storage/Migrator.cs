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
}
