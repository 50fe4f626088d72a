using Ledger.Core.Storage;

namespace Ledger.Api.Web;

/// <summary>
/// Checks the standby every <see cref="StandbyOptions.CheckInterval"/> (<see cref="StandbyReads.CheckAsync"/>) and logs
/// each change of its status, so an operator reads in the log when reads moved to the primary and back.
/// </summary>
public sealed class StandbyWatch(IServiceProvider services, StandbyOptions options, TimeProvider time, ILogger<StandbyWatch> logger) : BackgroundService
{
    /// <summary>Standby:MaxStalenessSeconds (default 5) and Standby:CheckIntervalMilliseconds (default 1000).</summary>
    public static StandbyOptions Options(IConfiguration configuration)
    {
        var staleness = configuration.GetValue("Standby:MaxStalenessSeconds", StandbyOptions.Default.MaxStaleness.TotalSeconds);
        var interval = configuration.GetValue("Standby:CheckIntervalMilliseconds", StandbyOptions.Default.CheckInterval.TotalMilliseconds);
        if (staleness <= 0 || interval < 10 || interval > staleness * 1000)
        {
            throw new InvalidOperationException(
                $"Standby:MaxStalenessSeconds ({staleness}) must be above 0 and Standby:CheckIntervalMilliseconds ({interval}) from 10 ms up to it: a standby is measured more often than it may be stale.");
        }
        return new(TimeSpan.FromSeconds(staleness), TimeSpan.FromMilliseconds(interval));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: the standby's connection string needs the role RuntimeDatabase
        // decides as the host starts, after the hosted services are made.
        var standby = services.GetRequiredService<StandbyReads>();
        if (!standby.Configured)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.CheckInterval, time);
        var last = StandbyStatus.NotChecked;
        do
        {
            StandbyState state;
            try
            {
                state = await standby.CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not an unreachable server (CheckAsync answers those) but, say, a role without the right to ask: the
                // standby is not used, the API goes on.
                logger.LogError(e, "standby: the check failed; reads stay on the primary");
                standby.SetAside();
                state = standby.State;
            }
            if (state.Status != last)
            {
                var level = state.Status is StandbyStatus.InUse or StandbyStatus.OnPrimary ? LogLevel.Information : LogLevel.Warning;
                logger.Log(level, "standby: {Status} (lag {Lag} s, allowed {Allowed} s)", state.Status, state.LagSeconds, state.MaxStalenessSeconds);
                last = state.Status;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
