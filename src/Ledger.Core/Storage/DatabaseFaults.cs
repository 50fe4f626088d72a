using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>
/// Which database errors mean "the server cannot be reached or is going away" rather than a bug or bad input: the
/// API answers them 503 with Retry-After, and a read on a standby that meets one is done again on the primary.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>
    /// The database cannot be reached or is going away: no connection (refused, reset, timed out, the pool empty while
    /// the server does not answer, no primary among the hosts during a failover), or the server shutting down, starting
    /// up, in recovery without a primary, or out of connections. The request may be tried again as it is (a write with
    /// its Idempotency-Key is recorded once); a bug stays a 500.
    /// </summary>
    public static bool IsUnavailable(NpgsqlException exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.ReadOnlySqlTransaction,
        // Not a server's answer but the way to it: no connection, a broken one, a pool that cannot open one, or (with a
        // multi-host string) no server that is primary right now, during a failover ("No suitable host was found").
        // A client cannot cause one with what it sends: bad input comes back as a PostgresException.
        _ => true,
    };

    /// <summary>
    /// The same for any exception: a connection that broke mid-transaction surfaces as the transaction's
    /// ObjectDisposedException (or Npgsql's InvalidOperationException) around the broken read, so the cause decides.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException npgsql ? IsUnavailable(npgsql) : CauseOf(exception) is { } cause && IsUnavailable(cause);

    /// <summary>
    /// Whether a read that failed on a standby is worth doing again on the primary: the standby could not be reached or
    /// went away, or it cancelled the query because replaying the primary's changes needed what it read ("conflict with
    /// recovery": SQLSTATE 40001, or 40P01 for a conflict with a lock, after max_standby_streaming_delay). Not a command
    /// timeout (the same report would time out on the primary too) nor 25006 (a write on a read path is a bug to see).
    /// </summary>
    public static bool IsStandbyFault(Exception exception)
    {
        var npgsql = exception as NpgsqlException ?? CauseOf(exception);
        return npgsql switch
        {
            PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                || (p.SqlState != PostgresErrorCodes.ReadOnlySqlTransaction && IsUnavailable(p)),
            null => false,
            _ => npgsql.InnerException is not TimeoutException && IsUnavailable(npgsql),
        };
    }

    private static NpgsqlException? CauseOf(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException npgsql)
            {
                return npgsql;
            }
        }
        return null;
    }
}
