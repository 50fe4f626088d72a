using Dapper;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>One row of the append-only audit log.</summary>
public sealed record AuditEntry(long Id, Instant At, string UserSub, IReadOnlyList<string> Roles, string? FacilityCode, string Action, string? SubjectId, string? RequestId);

/// <summary>Reads the audit log; rows are written by <see cref="WriteSession.AuditAsync"/>.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records that a user read a person's file (UU 27/2022: every read of specific personal data is attributable).
    /// A read has no transaction of its own to join, so the row is written on its own.
    /// </summary>
    public async Task RecordReadAsync(Actor actor, string facilityCode, string action, string subjectId, Instant at, CancellationToken ct)
    {
        const string Sql = """
            insert into audit_log (at, user_sub, roles, facility_code, action, subject_id, request_id)
            values (@at, @userSub, @roles, @facilityCode, @action, @subjectId, @requestId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            at,
            userSub = actor.UserSub,
            roles = actor.Roles.ToArray(),
            facilityCode,
            action,
            subjectId,
            requestId = actor.RequestId,
        }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string facilityCode, Instant from, Instant to, CancellationToken ct)
    {
        const string Sql = """
            select id as Id, at as At, user_sub as UserSub, array_to_string(roles, ',') as Roles, facility_code as FacilityCode,
                   action as Action, subject_id as SubjectId, request_id as RequestId
            from audit_log
            where facility_code = @facilityCode and at >= @from and at < @to
            order by id
            limit 10000
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { facilityCode, from, to }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(r.Id, r.At, r.UserSub, r.Roles.Split(','), r.FacilityCode, r.Action, r.SubjectId, r.RequestId)).ToList();
    }

    // Dapper cannot bind a text[] column to a constructor parameter, so roles travel as one comma-joined string.
    private sealed record Row(long Id, Instant At, string UserSub, string Roles, string? FacilityCode, string Action, string? SubjectId, string? RequestId);
}
