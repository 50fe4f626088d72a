using Dapper;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>Who is writing: the user, their roles and the request, as the audit log records them.</summary>
public sealed record Actor(string UserSub, IReadOnlyList<string> Roles, string RequestId);

/// <summary>
/// One write: a connection, its transaction, the actor and the instant of the write. The write, its audit
/// rows and its idempotency key commit together or not at all.
/// </summary>
public sealed class WriteSession : IAsyncDisposable
{
    private bool _committed;
    private readonly List<Action> _afterCommit = [];
    private readonly List<NpgsqlBatchCommand> _beforeCommit = [];
    private readonly List<string> _actions = [];
    private readonly bool _ownsConnection = true;

    private WriteSession(NpgsqlConnection connection, NpgsqlTransaction transaction, Actor actor, Instant now)
    {
        Connection = connection;
        Transaction = transaction;
        Actor = actor;
        Now = now;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public Actor Actor { get; }

    /// <summary>The instant of this write, read once from the injected clock.</summary>
    public Instant Now { get; }

    /// <summary>
    /// <paramref name="moment"/> as PostgreSQL stores it: a timestamptz keeps microseconds, an <see cref="Instant"/>
    /// nanoseconds, so a moment written untruncated would read back different.
    /// </summary>
    public static Instant AsStored(Instant moment) => Instant.FromUnixTimeTicks(moment.ToUnixTimeTicks() / 10 * 10);

    /// <summary>
    /// A session inside a transaction someone else owns and commits (the demo seed writes its premi runs through
    /// the same code as the API, in the seed's one transaction). Disposing it leaves the transaction alone.
    /// </summary>
    internal static WriteSession Enlist(NpgsqlConnection connection, NpgsqlTransaction transaction, Actor actor, Instant now) =>
        new(connection, transaction, actor, now, ownsConnection: false);

    private WriteSession(NpgsqlConnection connection, NpgsqlTransaction transaction, Actor actor, Instant now, bool ownsConnection)
        : this(connection, transaction, actor, now) => _ownsConnection = ownsConnection;

    public static async Task<WriteSession> BeginAsync(NpgsqlDataSource dataSource, Actor actor, IClock clock, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            // Truncated as stored, so the response of a write equals what a later read returns.
            var now = AsStored(clock.GetCurrentInstant());
            return new WriteSession(connection, transaction, actor, now);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A Dapper command bound to this session's transaction.</summary>
    public CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);

    /// <summary>
    /// Appends one row to the audit log inside this write's transaction. Nothing in the write reads it back, so it
    /// is sent with the last statements before the commit (<see cref="WriteBeforeCommit"/>), saving a round trip.
    /// </summary>
    public Task AuditAsync(string action, string? facilityCode, string? subjectId, CancellationToken ct)
    {
        _actions.Add(action);
        return WriteBeforeCommit(AuditStore.AppendCommand(Actor, Now, facilityCode, action, subjectId, null), ct);
    }

    /// <summary>
    /// A write whose result nobody waits for (an audit row, the idempotency key's stored response): sent together
    /// with the others in one round trip just before the commit, in the order given. A session inside someone else's
    /// transaction (<see cref="Enlist"/>) never commits itself, so there it is written at once.
    /// </summary>
    internal async Task WriteBeforeCommit(NpgsqlBatchCommand command, CancellationToken ct)
    {
        if (_ownsConnection)
        {
            _beforeCommit.Add(command);
            return;
        }
        await using var batch = new NpgsqlBatch(Connection, Transaction) { BatchCommands = { command } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="action"/> once this write has committed (never if it rolls back): for what lives outside
    /// the database, such as a copy kept in memory that the write made stale.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_beforeCommit.Count > 0)
        {
            await using var batch = new NpgsqlBatch(Connection, Transaction);
            foreach (var command in _beforeCommit)
            {
                batch.BatchCommands.Add(command);
            }
            _beforeCommit.Clear();
            await batch.ExecuteNonQueryAsync(ct);
        }
        await Transaction.CommitAsync(ct);
        _committed = true;
        foreach (var action in _actions)
        {
            Pipeline.LedgerMetrics.Writes.Add(1, new KeyValuePair<string, object?>("action", action));
        }
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsConnection)
        {
            return;
        }
        if (!_committed && Transaction.Connection is not null)
        {
            await Transaction.RollbackAsync();
        }
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
