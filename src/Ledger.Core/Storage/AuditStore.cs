using Dapper;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Core.Storage;

/// <summary>
/// One row of the append-only audit log. A read that returned people (a list, a search, a worklist, a premi run)
/// names their ids in people and, for a search, its text in search; other rows leave both null.
/// </summary>
public sealed record AuditEntry(long Id, Instant At, string UserSub, IReadOnlyList<string> Roles, string? FacilityCode, string Action, string? SubjectId, string? RequestId,
    IReadOnlyList<Guid>? People, string? Search);

/// <summary>What a read returned: the ids of the people in its answer, and the search text it was asked for.</summary>
public sealed record ReadSubjects(IReadOnlyCollection<Guid> People, string? Search);

/// <summary>Writes the audit log's rows (a read's here, a write's through <see cref="WriteSession.AuditAsync"/>) and reads it.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records that a user read a person's file or a list of people (UU 27/2022: every read of specific personal data
    /// is attributable): one row per request. A read has no transaction of its own to join, so the row is written on its own.
    /// </summary>
    public async Task RecordReadAsync(Actor actor, string facilityCode, string action, string? subjectId, ReadSubjects? read, Instant at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await AppendAsync(connection, null, actor, at, facilityCode, action, subjectId, read, ct);
    }

    /// <summary>
    /// Appends one row to the audit log, on its own (a read) or inside a write's transaction
    /// (<see cref="WriteSession.AuditAsync"/>); a write's row names no people and no search.
    /// </summary>
    internal static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Actor actor, Instant at, string? facilityCode, string action,
        string? subjectId, ReadSubjects? read, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx) { BatchCommands = { AppendCommand(actor, at, facilityCode, action, subjectId, read) } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The statement that appends one row, to run now or with a write's last statements (<see cref="WriteSession.WriteBeforeCommit"/>).</summary>
    internal static NpgsqlBatchCommand AppendCommand(Actor actor, Instant at, string? facilityCode, string action, string? subjectId, ReadSubjects? read) =>
        new("""
            insert into audit_log (at, user_sub, roles, facility_code, action, subject_id, request_id, people, search)
            values (@at, @userSub, @roles, @facilityCode, @action, @subjectId, @requestId, @people, @search)
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Instant>("at", at),
                new NpgsqlParameter<string>("userSub", actor.UserSub),
                new NpgsqlParameter<string[]>("roles", actor.Roles.ToArray()),
                Nullable("facilityCode", NpgsqlDbType.Text, facilityCode),
                new NpgsqlParameter<string>("action", action),
                Nullable("subjectId", NpgsqlDbType.Text, subjectId),
                Nullable("requestId", NpgsqlDbType.Text, actor.RequestId),
                Nullable("people", NpgsqlDbType.Array | NpgsqlDbType.Uuid, read?.People.Distinct().ToArray()),
                Nullable("search", NpgsqlDbType.Text, read?.Search),
            },
        };

    /// <summary>A parameter that may be null, typed so the server knows its type either way.</summary>
    internal static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>
    /// Appends one row per subject inside a write's transaction, in one statement (an import touches thousands of
    /// people): the same action, each subject with its detail (what the write changed for it).
    /// </summary>
    internal static Task AppendEachAsync(WriteSession session, string? facilityCode, string action, string[] subjects, string?[] details, CancellationToken ct)
    {
        const string Sql = """
            insert into audit_log (at, user_sub, roles, facility_code, action, subject_id, request_id, detail)
            select @at, @userSub, @roles, @facilityCode, @action, s.subject_id, @requestId, s.detail
            from unnest(@subjects, @details) with ordinality as s(subject_id, detail, n)
            order by s.n
            """;
        session.AfterCommit(() => Pipeline.LedgerMetrics.Writes.Add(1, new KeyValuePair<string, object?>("action", action)));
        return session.Connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            at = session.Now,
            userSub = session.Actor.UserSub,
            roles = session.Actor.Roles.ToArray(),
            facilityCode,
            action,
            requestId = session.Actor.RequestId,
            subjects,
            details,
        }, session.Transaction, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string facilityCode, Instant from, Instant to, CancellationToken ct)
    {
        const string Sql = """
            select id as Id, at as At, user_sub as UserSub, array_to_string(roles, ',') as Roles, facility_code as FacilityCode,
                   action as Action, subject_id as SubjectId, request_id as RequestId,
                   array_to_string(people, ',') as People, search as Search
            from audit_log
            where facility_code = @facilityCode and at >= @from and at < @to
            order by id
            limit 10000
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { facilityCode, from, to }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, r.At, r.UserSub, r.Roles.Split(','), r.FacilityCode, r.Action, r.SubjectId, r.RequestId,
            r.People?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(), r.Search)).ToList();
    }

    // Dapper cannot bind an array column to a constructor parameter, so roles and people travel as comma-joined strings.
    private sealed record Row(long Id, Instant At, string UserSub, string Roles, string? FacilityCode, string Action, string? SubjectId, string? RequestId,
        string? People, string? Search);
}
