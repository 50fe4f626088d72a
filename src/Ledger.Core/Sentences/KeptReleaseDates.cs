using Dapper;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Sentences;

/// <summary>
/// Keeps <c>inmate_release_dates</c> (migration 0015, docs/kept-values.md "Release dates"): per person the
/// <see cref="SentenceMilestones"/>, where they are held and their release day. The calculator that works the dates out
/// is C#, so every write that changes what they read calls <see cref="KeepAsync(WriteSession, IEnumerable{InmateFile}, CancellationToken)"/>
/// in its own transaction, with the files as they are after the write: registering a person, a remisi, a transfer, a
/// release and the registry import (new people, corrected sentences or detention days, releases, remisi). Register F,
/// the facility's settings and the day move none of these dates, so they need no call.
/// </summary>
public static class KeptReleaseDates
{
    /// <summary>The rebuild, registered in <see cref="KeptValues.All"/>.</summary>
    public static KeptValue Value { get; } = new("inmate_release_dates", RebuildAsync);

    /// <summary>How many files the rebuild reads and writes at a time: memory stays bounded at national size.</summary>
    private const int RebuildChunk = 20_000;

    /// <summary>Writes the kept row of each file, computed from the file: one statement whatever their number.</summary>
    public static async Task KeepAsync(WriteSession session, IEnumerable<InmateFile> files, CancellationToken ct) =>
        await WriteAsync(session.Connection, session.Transaction, files, ct);

    /// <summary>
    /// Writes the kept rows of the people named, from their files as this transaction sees them (read in four queries,
    /// locking them as every write about a person does): for a set-based write such as an import.
    /// </summary>
    public static async Task KeepAsync(WriteSession session, IReadOnlyCollection<InmateId> ids, CancellationToken ct)
    {
        if (ids.Count > 0)
        {
            await KeepAsync(session, (await InmateStore.LockFilesAsync(session, ids, ct)).Values, ct);
        }
    }

    /// <summary>
    /// Replaces every row with what the files say. The table is locked first, so a write that keeps its person's row
    /// waits for the rebuild and then writes its own dates, computed from its own (newer) file, over the rebuilt ones.
    /// </summary>
    private static async Task<long> RebuildAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("lock table inmate_release_dates in exclusive mode; delete from inmate_release_dates", transaction: tx,
            cancellationToken: ct));
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition("select id from inmate order by id", transaction: tx, cancellationToken: ct))).AsList();
        foreach (var chunk in ids.Chunk(RebuildChunk))
        {
            await WriteAsync(connection, tx, (await InmateStore.ReadFilesAsync(connection, tx, chunk.Select(InmateId.From), forUpdate: false, ct)).Values, ct);
        }
        return ids.Count;
    }

    /// <summary>One multi-row upsert from parallel arrays.</summary>
    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<InmateFile> files, CancellationToken ct)
    {
        var rows = files.Select(f => (f.Inmate, Dates: SentenceMilestones.Of(f.Inmate.DetentionDate, f.Inmate.Sentence, f.Remissions))).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        const string Sql = """
            insert into inmate_release_dates (inmate_id, facility_code, released_on, expiry, adjusted_expiry, half_date, two_thirds_date)
            select * from unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::date[], $6::date[], $7::date[])
            on conflict (inmate_id) do update
            set facility_code = excluded.facility_code, released_on = excluded.released_on, expiry = excluded.expiry,
                adjusted_expiry = excluded.adjusted_expiry, half_date = excluded.half_date, two_thirds_date = excluded.two_thirds_date
            """;
        await using var command = new NpgsqlCommand(Sql, connection, tx)
        {
            Parameters =
            {
                new() { Value = rows.Select(r => r.Inmate.Id.Value).ToArray() },
                new() { Value = rows.Select(r => r.Inmate.FacilityCode).ToArray() },
                Dates(rows.Select(r => r.Inmate.ReleasedOn)),
                Dates(rows.Select(r => r.Dates.Expiry)),
                Dates(rows.Select(r => r.Dates.AdjustedExpiry)),
                Dates(rows.Select(r => r.Dates.HalfDate)),
                Dates(rows.Select(r => r.Dates.TwoThirdsDate)),
            },
        };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter<LocalDate?[]> Dates(IEnumerable<LocalDate?> dates) => new() { TypedValue = dates.ToArray() };
}
