using Ledger.Core.Storage;

namespace Ledger.Api.Web;

/// <summary>
/// Decides once, as the host starts and before any request, which database role the API connects as (see
/// <see cref="DatabaseRoles.ResolveRuntimeAsync"/>), and logs it. The API refuses to start as a superuser or as the
/// owner of the tables. The reads that may go to a standby use the same role (<see cref="LedgerDatabase.StandbyConnectionString"/>).
/// </summary>
public sealed class RuntimeDatabase(string? configured, bool migrationConnectionGiven, string? configuredReads, ILogger<RuntimeDatabase> logger)
    : IHostedLifecycleService
{
    private RuntimeConnection? _resolved;

    /// <summary>The connection string the data source uses; known once the host has started.</summary>
    public string ConnectionString => (_resolved ?? throw new InvalidOperationException("The database role is decided when the host starts.")).ConnectionString;

    /// <summary>The connection string of the standby reads, or null when no standby is configured.</summary>
    public string? StandbyConnectionString => LedgerDatabase.StandbyConnectionString(ConnectionString, configuredReads);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configured))
        {
            throw new InvalidOperationException("No database: set LEDGER_DB (or ConnectionStrings__Ledger) to a PostgreSQL connection string.");
        }
        _resolved = await DatabaseRoles.ResolveRuntimeAsync(configured, migrationConnectionGiven, cancellationToken);
        if (_resolved.Note is { } note)
        {
            logger.LogWarning("{Note}", note);
        }
        else
        {
            logger.LogInformation("database: the API connects as {User}, a member of {Group}", _resolved.User, DatabaseRoles.RuntimeGroup);
        }
        if (StandbyConnectionString is { } standby)
        {
            logger.LogInformation("database: reports, dashboards, worklists and readiness read from a standby when fresh ({Hosts})",
                new Npgsql.NpgsqlConnectionStringBuilder(standby).Host);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
