using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>A person's usulan: each step appended to <c>usulan_event</c> (never changed), read back per person or per facility.</summary>
public sealed class UsulanStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        e.id as Id, e.inmate_id as InmateId, e.right_kind as Right, e.application as Application, e.seq as Seq, e.state as State,
        e.happened_on as On, e.decree_number as DecreeNumber, e.reason as Reason, e.recorded_by as RecordedBy, e.recorded_at as RecordedAt
        """;

    /// <summary>
    /// Appends the next step of the person's usulan for a right, checked by <see cref="UsulanRules"/> against the
    /// latest step. The person's lock serializes it with every other write about them.
    /// </summary>
    public static async Task<UsulanEvent> RecordAsync(WriteSession session, Facility facility, InmateId id, RecordUsulan input, CancellationToken ct)
    {
        var file = await InmateStore.LockFileAsync(session, id, ct);
        var latest = input.Right is { } right
            ? await session.Connection.QuerySingleOrDefaultAsync<UsulanEvent>(session.Command(
                $"select {Columns} from usulan_event e where e.inmate_id = @id and e.right_kind = @right order by e.seq desc limit 1", new { id, right }, ct))
            : null;
        var (application, seq, on) = UsulanRules.Validate(input, latest, file.Inmate.DetentionDate, facility.DateAt(session.Now));
        var step = new UsulanEvent(Guid.CreateVersion7(), id, input.Right!.Value, application, seq, input.State!.Value, on,
            input.State == UsulanState.Decreed ? input.DecreeNumber!.Trim() : null, input.State == UsulanState.Refused ? input.Reason!.Trim() : null,
            session.Actor.UserSub, session.Now);
        const string Insert = """
            insert into usulan_event (id, inmate_id, facility_code, right_kind, application, seq, state, happened_on, decree_number, reason, recorded_by, recorded_at)
            values (@Id, @InmateId, @facility, @Right, @Application, @Seq, @State, @On, @DecreeNumber, @Reason, @RecordedBy, @RecordedAt)
            """;
        await session.Connection.ExecuteAsync(session.Command(Insert, new
        {
            step.Id,
            step.InmateId,
            facility = facility.Code,
            step.Right,
            step.Application,
            step.Seq,
            step.State,
            step.On,
            step.DecreeNumber,
            step.Reason,
            step.RecordedBy,
            step.RecordedAt,
        }, ct));
        await session.AuditAsync("usulan.record", facility.Code, id.ToString(), ct);
        return step;
    }

    /// <summary>Every step of the person's usulan, oldest first.</summary>
    public async Task<UsulanHistory> HistoryAsync(InmateId id, CancellationToken ct)
    {
        // Ids are version-7 uuids: in the order they were recorded.
        var sql = $"select {Columns} from usulan_event e where e.inmate_id = @id order by e.recorded_at, e.id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return new UsulanHistory(id, (await connection.QueryAsync<UsulanEvent>(new CommandDefinition(sql, new { id }, cancellationToken: ct))).AsList());
    }

    /// <summary>
    /// The latest step of each right of each of the people (none: an empty list), for the worklist, on the worklist's
    /// connection (a standby's when one is fresh, see <see cref="Storage.StandbyReads"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<InmateId, IReadOnlyList<UsulanEvent>>> CurrentAsync(NpgsqlConnection connection,
        IReadOnlyCollection<InmateId> ids, CancellationToken ct)
    {
        var sql = $"""
            select distinct on (e.inmate_id, e.right_kind) {Columns}
            from usulan_event e where e.inmate_id = any(@ids)
            order by e.inmate_id, e.right_kind, e.seq desc
            """;
        var rows = ids.Count == 0 ? [] : (await connection.QueryAsync<UsulanEvent>(
            new CommandDefinition(sql, new { ids = ids.Select(i => i.Value).ToArray() }, cancellationToken: ct))).AsList();
        var byPerson = rows.ToLookup(e => e.InmateId);
        return ids.Distinct().ToDictionary(i => i, i => (IReadOnlyList<UsulanEvent>)UsulanRules.Current(byPerson[i]));
    }
}
