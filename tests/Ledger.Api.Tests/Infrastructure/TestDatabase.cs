using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for the tests: the server named by LEDGER_TEST_DB (test.sh starts a private one). The
/// migrations run once per test run into a template; each test class gets its own database cloned from it
/// (CREATE DATABASE ... TEMPLATE, milliseconds).
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LEDGER_TEST_DB") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>The runtime login the migrator creates when it is given one superuser connection string, as the API uses it.</summary>
    public static string RuntimeConnectionStringFor(string database) => DatabaseRoles.FallbackConnectionString(ConnectionStringFor(database));

    public static async Task<string> CreateAsync()
    {
        var template = await TemplateAsync();
        var name = "ledger_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteOnServerAsync($"create database {name} template {template}");
        return name;
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"drop database if exists {name} with (force)");
    }

    private static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }
            // One template per test process, so two runs at once never rebuild each other's template.
            var name = $"ledger_template_{Environment.ProcessId}";
            await ExecuteOnServerAsync($"drop database if exists {name} with (force)");
            // One superuser connection string, as on a developer's own server: the migrator also makes the runtime login.
            await Migrator.MigrateAsync(ConnectionStringFor(name), singleConnectionString: true, null, CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            _template = name;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteOnServerAsync($"drop database if exists {name} with (force)").GetAwaiter().GetResult();
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
