using System.Collections.Concurrent;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>
/// Where the reads that may be a moment old go: reports, the Kanwil dashboard, release worklists and readiness
/// summaries read from a hot standby when one is configured and known to be fresh, everything else (and every write)
/// from the primary. See docs/operations.md, "Reads from a standby".
/// <para>
/// Freshness is measured, not assumed. Each <see cref="CheckAsync"/> notes the primary's WAL position and when it was
/// taken (a <em>mark</em>), then asks the standby how far it has replayed: the standby holds everything committed
/// before the newest mark whose position it has replayed (the <em>confirmed</em> moment). A commit acknowledged before a
/// mark was taken lies at or before the mark's position (with <c>synchronous_commit</c> local, on or remote_apply).
/// </para>
/// <list type="bullet">
/// <item>When the confirmed moment is older than <see cref="StandbyOptions.MaxStaleness"/> (the standby fell behind,
/// lost its primary or stopped answering), everyone reads from the primary.</item>
/// <item>A caller who wrote after the confirmed moment reads from the primary until a later check confirms a moment
/// after their write: they always see their own writes, without a fixed window to guess.</item>
/// <item>A read that meets a broken standby connection or a recovery conflict is done again on the primary
/// (<see cref="Pipeline.LedgerPipeline"/>), and the standby is set aside until the next check.</item>
/// </list>
/// The times are the process's monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), not the ledger's clock: they
/// measure replication, not the day a training happened. What a caller wrote is remembered in this process only: with
/// several API processes, send each user to one of them (see docs/operations.md).
/// </summary>
public sealed class StandbyReads(NpgsqlDataSource primary, NpgsqlDataSource? standby, StandbyOptions options, TimeProvider time) : IAsyncDisposable
{
    private const long None = long.MinValue;

    private readonly Lock _gate = new();
    private readonly Queue<Mark> _marks = new();
    private readonly ConcurrentDictionary<string, long> _lastWrite = new(StringComparer.Ordinal);
    private long _confirmed = None;
    private volatile StandbyStatus _status = standby is null ? StandbyStatus.NotConfigured : StandbyStatus.NotChecked;

    /// <summary>A primary WAL position and the moment it was read.</summary>
    private readonly record struct Mark(long At, long Position);

    public bool Configured => standby is not null;

    /// <summary>The data source for a read of <paramref name="userSub"/> that may be a moment old.</summary>
    public NpgsqlDataSource For(string userSub) => standby is not null && StandbyFreshFor(userSub) ? standby : primary;

    private bool StandbyFreshFor(string userSub)
    {
        var confirmed = Interlocked.Read(ref _confirmed);
        return confirmed != None
            && time.GetElapsedTime(confirmed) <= options.MaxStaleness
            && !(_lastWrite.TryGetValue(userSub, out var wrote) && wrote >= confirmed);
    }

    /// <summary>Called once a write of <paramref name="userSub"/> committed: their reads stay on the primary until the standby has it.</summary>
    public void Wrote(string userSub)
    {
        if (standby is not null)
        {
            _lastWrite[userSub] = time.GetTimestamp();
        }
    }

    /// <summary>
    /// A read on the standby failed: nobody reads there until a check has found it fresh again. (When it was the
    /// primary that failed under the read, the standby is set aside for one check interval for nothing: the read fails
    /// on the primary again and answers 503.)
    /// </summary>
    public void SetAside()
    {
        Interlocked.Exchange(ref _confirmed, None);
        _status = StandbyStatus.Unreachable;
        standby?.Clear();
    }

    /// <summary>The standby's data source is this object's own (the primary's is shared).</summary>
    public ValueTask DisposeAsync() => standby?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>What the last check found, for the readiness endpoint.</summary>
    public StandbyState State
    {
        get
        {
            var confirmed = Interlocked.Read(ref _confirmed);
            var lag = confirmed == None ? (TimeSpan?)null : time.GetElapsedTime(confirmed);
            var status = _status == StandbyStatus.InUse && lag > options.MaxStaleness ? StandbyStatus.Behind : _status;
            return new StandbyState(status, lag is { } l ? Math.Round(l.TotalSeconds, 3) : null, options.MaxStaleness.TotalSeconds);
        }
    }

    /// <summary>
    /// One check: a mark from the primary, then the standby's replayed position. Never throws for an unreachable
    /// server: an unreachable primary leaves the confirmed moment to age (reads move to the primary after
    /// <see cref="StandbyOptions.MaxStaleness"/>), an unreachable standby is set aside at once.
    /// </summary>
    public async Task<StandbyState> CheckAsync(CancellationToken ct)
    {
        if (standby is null)
        {
            return State;
        }
        var at = time.GetTimestamp();
        long position;
        try
        {
            // Where the primary has written its WAL to now: every commit acknowledged before `at` lies at or before
            // it, as long as a commit is acknowledged only once written (synchronous_commit local, on or remote_apply;
            // not off). The insert position would cover `off` too, but it stands past the page header of a page not
            // yet written (after a WAL switch, say), which an idle standby never replays.
            await using var command = primary.CreateCommand("select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
            position = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            _status = StandbyStatus.PrimaryUnreachable;
            return State;
        }
        lock (_gate)
        {
            _marks.Enqueue(new Mark(at, position));
            // Marks older than twice the allowed staleness can no longer be the confirmed moment of a usable standby.
            while (_marks.Count > 1 && time.GetElapsedTime(_marks.Peek().At) > 2 * options.MaxStaleness)
            {
                _marks.Dequeue();
            }
        }
        bool inRecovery;
        long replayed;
        try
        {
            await using var command = standby.CreateCommand(
                "select pg_is_in_recovery(), (coalesce(pg_last_wal_replay_lsn(), '0/0'::pg_lsn) - '0/0'::pg_lsn)::bigint");
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (inRecovery, replayed) = (reader.GetBoolean(0), reader.GetInt64(1));
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            SetAside();
            return State;
        }
        lock (_gate)
        {
            // Not in recovery: the reads' hosts answered with a primary (no standby answers, or one was promoted).
            // Nothing is confirmed and the reads go to the primary data source itself: the reads' data source might
            // next reach a standby that has just come back behind, or a promoted server the writes no longer use.
            var confirmed = inRecovery ? _marks.Where(m => m.Position <= replayed).Select(m => m.At).DefaultIfEmpty(None).Max() : None;
            Interlocked.Exchange(ref _confirmed, confirmed);
            // In use while its confirmed moment is young enough: State tells "behind" from the lag itself.
            _status = !inRecovery ? StandbyStatus.OnPrimary : confirmed == None ? StandbyStatus.Behind : StandbyStatus.InUse;
            // A write before the oldest mark is older than any moment a later check can confirm: forgotten.
            var oldest = _marks.Peek().At;
            foreach (var (user, wrote) in _lastWrite)
            {
                if (wrote < oldest)
                {
                    _lastWrite.TryRemove(new KeyValuePair<string, long>(user, wrote));
                }
            }
        }
        return State;
    }
}

/// <summary>How stale a standby read may be, and how often the standby is checked.</summary>
public sealed record StandbyOptions(TimeSpan MaxStaleness, TimeSpan CheckInterval)
{
    public static StandbyOptions Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
}

public enum StandbyStatus
{
    /// <summary>No standby is configured: every read is on the primary.</summary>
    NotConfigured,
    /// <summary>Configured, not yet checked: reads on the primary.</summary>
    NotChecked,
    /// <summary>Fresh: reads that may be a moment old go there.</summary>
    InUse,
    /// <summary>Further behind the primary than allowed: reads on the primary.</summary>
    Behind,
    /// <summary>Did not answer: reads on the primary.</summary>
    Unreachable,
    /// <summary>The standby connection string reached the primary (no standby answers, or it was promoted).</summary>
    OnPrimary,
    /// <summary>The primary did not answer the check: freshness cannot be measured and ages out.</summary>
    PrimaryUnreachable,
}

/// <summary>The standby as the last check found it: status, seconds since the newest confirmed moment, the limit.</summary>
public sealed record StandbyState(StandbyStatus Status, double? LagSeconds, double MaxStalenessSeconds);
