using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Sentences;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Core.Registry;

/// <summary>A person's row of the file beside what Ledger holds under the same registration number in this facility
/// (all null for a person Ledger does not know here), and the facility that holds the number otherwise.</summary>
internal sealed record PersonMatch(int Line, Guid NewId, string RegistrationNumber, string FullName, LocalDate? BirthDate, LocalDate DetentionDate,
    int SentenceYears, int SentenceMonths, int SentenceDays, SentenceKind SentenceKind, LocalDate? ReleasedOn,
    Guid? StoredId, string? StoredName, LocalDate? StoredBirthDate, LocalDate? StoredDetentionDate, int? StoredYears, int? StoredMonths, int? StoredDays,
    SentenceKind? StoredKind, LocalDate? StoredReleasedOn, LocalDate? PlacementStart, string? Elsewhere)
{
    public PersonRow Row => new(Line, RegistrationNumber, FullName, BirthDate, DetentionDate,
        new Sentence(SentenceYears, SentenceMonths, SentenceDays, SentenceKind), ReleasedOn);
}

/// <summary>A remisi or register F row of the file beside its person (in the file's people sheet, in Ledger, or neither)
/// and whether Ledger has the entry already.</summary>
internal sealed record EntryMatch(int Line, Guid Id, string RegistrationNumber, string? Kind, LocalDate Date, string Text, int Months, int Days,
    bool InFile, Guid? StoredId, LocalDate? StoredDetentionDate, int? StoredYears, int? StoredMonths, int? StoredDays, SentenceKind? StoredKind, bool Present);

/// <summary>What Ledger already holds in remisi for a person: the sum of months and days.</summary>
internal sealed record GrantedSum(string RegistrationNumber, int Months, int Days);

/// <summary>
/// The database side of a registry import: the facility's lock, staging the file's three sheets by binary COPY into
/// tables of the write's own transaction, reading them back beside what Ledger holds (a fixed handful of set-based
/// statements whatever the file's length), and the writes of an accepted file (<see cref="RegistryImportWrites"/>).
/// </summary>
internal static class RegistryImportStore
{
    /// <summary>
    /// Two imports of one facility run one after the other: the second waits here until the first commits or rolls
    /// back, and (read committed) then sees its result.
    /// </summary>
    public static Task LockFacilityAsync(WriteSession session, Facility facility, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command("select pg_advisory_xact_lock(hashtext('registry:' || @code))", new { code = facility.Code }, ct));

    /// <summary>
    /// The staging tables of this import, dropped at commit. One transaction may import several facilities (the demo
    /// seed does), so a previous import's tables are dropped first.
    /// </summary>
    public static Task CreateStagingAsync(WriteSession session, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command("""
            drop table if exists pg_temp.registry_person, pg_temp.registry_remisi, pg_temp.registry_register_f;
            create temp table registry_person (
              line int not null, new_id uuid not null, registration_number text not null, full_name text not null, birth_date date,
              detention_date date not null, sentence_years int not null, sentence_months int not null, sentence_days int not null,
              sentence_kind text not null, released_on date
            ) on commit drop;
            create temp table registry_remisi (
              line int not null, id uuid not null, registration_number text not null, kind text not null, granted_on date not null,
              decree_number text not null, months int not null, days int not null
            ) on commit drop;
            create temp table registry_register_f (
              line int not null, id uuid not null, registration_number text not null, occurred_on date not null, description text not null
            ) on commit drop;
            """, null, ct));

    /// <summary>Stages the people sheet as it streams; the file's reader keeps the problems of rows it does not yield.</summary>
    public static async Task<int> StagePeopleAsync(WriteSession session, IAsyncEnumerable<PersonRow> rows, CancellationToken ct)
    {
        var count = 0;
        await using var copy = await session.Connection.BeginBinaryImportAsync(
            "copy registry_person (line, new_id, registration_number, full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, released_on) from stdin (format binary)", ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.RegistrationNumber, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.FullName, NpgsqlDbType.Text, ct);
            await WriteAsync(copy, row.BirthDate, ct);
            await copy.WriteAsync(row.DetentionDate, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(row.Sentence.Years, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(row.Sentence.Months, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(row.Sentence.Days, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(Wire.Of(row.Sentence.Kind), NpgsqlDbType.Text, ct);
            await WriteAsync(copy, row.ReleasedOn, ct);
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    public static async Task<int> StageRemisiAsync(WriteSession session, IAsyncEnumerable<RemisiRow> rows, CancellationToken ct)
    {
        var count = 0;
        await using var copy = await session.Connection.BeginBinaryImportAsync(
            "copy registry_remisi (line, id, registration_number, kind, granted_on, decree_number, months, days) from stdin (format binary)", ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.RegistrationNumber, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(Wire.Of(row.Kind), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.GrantedOn, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(row.DecreeNumber.Trim(), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.Months, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(row.Days, NpgsqlDbType.Integer, ct);
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    public static async Task<int> StageRegisterFAsync(WriteSession session, IAsyncEnumerable<RegisterFRow> rows, CancellationToken ct)
    {
        var count = 0;
        await using var copy = await session.Connection.BeginBinaryImportAsync(
            "copy registry_register_f (line, id, registration_number, occurred_on, description) from stdin (format binary)", ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.RegistrationNumber, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.OccurredOn, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(row.Description.Trim(), NpgsqlDbType.Text, ct);
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    /// <summary>
    /// Reads the staged file back beside Ledger: each person's row with the stored person of the same number here
    /// (locked, in id order, as single writes lock their person), each remisi and register F row with its person
    /// and whether the entry is there already (a remisi by its decree number, trimmed and case-insensitive; a
    /// register F entry by its day and text), and the remisi already granted to the people the file names.
    /// </summary>
    public static async Task<(List<PersonMatch> People, List<EntryMatch> Remisi, List<EntryMatch> RegisterF, Dictionary<string, GrantedSum> Granted)> ReadAsync(
        WriteSession session, Facility facility, CancellationToken ct)
    {
        const string Sql = """
            analyze registry_person;
            analyze registry_remisi;
            analyze registry_register_f;
            select count(*) from (
              select i.id from inmate i
              where i.facility_code = @facility
                and (i.registration_number in (select registration_number from registry_person)
                  or i.registration_number in (select registration_number from registry_remisi)
                  or i.registration_number in (select registration_number from registry_register_f))
              order by i.id for update
            ) as locked;

            select s.line as Line, s.new_id as NewId, s.registration_number as RegistrationNumber, s.full_name as FullName, s.birth_date as BirthDate,
                   s.detention_date as DetentionDate, s.sentence_years as SentenceYears, s.sentence_months as SentenceMonths, s.sentence_days as SentenceDays,
                   s.sentence_kind as SentenceKind, s.released_on as ReleasedOn,
                   i.id as StoredId, i.full_name as StoredName, i.birth_date as StoredBirthDate, i.detention_date as StoredDetentionDate,
                   i.sentence_years as StoredYears, i.sentence_months as StoredMonths, i.sentence_days as StoredDays, i.sentence_kind as StoredKind,
                   i.released_on as StoredReleasedOn, pl.started_on as PlacementStart, o.facility_code as Elsewhere
            from registry_person s
            left join inmate i on i.facility_code = @facility and i.registration_number = s.registration_number
            left join inmate_placement pl on pl.inmate_id = i.id and pl.ended_on is null
            -- One set of the numbers held elsewhere, hash-joined (the unique index leads with the facility, so a lookup
            -- by number alone per row would scan every person of every facility).
            left join (
              select distinct on (x.registration_number) x.registration_number, x.facility_code from inmate x
              where x.facility_code <> @facility and x.registration_number in (select registration_number from registry_person)
              order by x.registration_number, x.facility_code
            ) o on i.id is null and o.registration_number = s.registration_number
            order by s.line;

            select r.line as Line, r.id as Id, r.registration_number as RegistrationNumber, r.kind as Kind, r.granted_on as Date, r.decree_number as Text,
                   r.months as Months, r.days as Days, (p.line is not null) as InFile, i.id as StoredId, i.detention_date as StoredDetentionDate,
                   i.sentence_years as StoredYears, i.sentence_months as StoredMonths, i.sentence_days as StoredDays, i.sentence_kind as StoredKind,
                   exists (select 1 from remission x where x.inmate_id = i.id and lower(trim(x.decree_number)) = lower(r.decree_number)) as Present
            from registry_remisi r
            left join registry_person p on p.registration_number = r.registration_number
            left join inmate i on i.facility_code = @facility and i.registration_number = r.registration_number
            order by r.line;

            select f.line as Line, f.id as Id, f.registration_number as RegistrationNumber, null::text as Kind, f.occurred_on as Date, f.description as Text,
                   0 as Months, 0 as Days, (p.line is not null) as InFile, i.id as StoredId, i.detention_date as StoredDetentionDate,
                   i.sentence_years as StoredYears, i.sentence_months as StoredMonths, i.sentence_days as StoredDays, i.sentence_kind as StoredKind,
                   exists (select 1 from discipline_entry x where x.inmate_id = i.id and x.occurred_on = f.occurred_on and trim(x.description) = f.description) as Present
            from registry_register_f f
            left join registry_person p on p.registration_number = f.registration_number
            left join inmate i on i.facility_code = @facility and i.registration_number = f.registration_number
            order by f.line;

            select i.registration_number as RegistrationNumber, sum(x.months)::int as Months, sum(x.days)::int as Days
            from remission x join inmate i on i.id = x.inmate_id
            where i.facility_code = @facility
              and (i.registration_number in (select registration_number from registry_person)
                or i.registration_number in (select registration_number from registry_remisi))
            group by i.registration_number;
            """;
        await using var grid = await session.Connection.QueryMultipleAsync(Long(session, Sql, new { facility = facility.Code }, ct));
        await grid.ReadAsync<long>();
        var people = (await grid.ReadAsync<PersonMatch>()).AsList();
        var remisi = (await grid.ReadAsync<EntryMatch>()).AsList();
        var registerF = (await grid.ReadAsync<EntryMatch>()).AsList();
        var granted = (await grid.ReadAsync<GrantedSum>()).ToDictionary(g => g.RegistrationNumber, StringComparer.Ordinal);
        return ([.. people], [.. remisi], [.. registerF], granted);
    }

    /// <summary>The facility's people not released and not in the file: listed (the first <paramref name="limit"/>) and counted, never touched.</summary>
    public static async Task<(List<MissingPerson> Listed, int Count)> MissingAsync(WriteSession session, Facility facility, int limit, CancellationToken ct)
    {
        const string Sql = """
            select i.registration_number as RegistrationNumber, i.full_name as FullName, i.id as Id, (count(*) over ())::int as Total
            from inmate i
            where i.facility_code = @facility and i.released_on is null
              and not exists (select 1 from registry_person s where s.registration_number = i.registration_number)
            order by i.registration_number
            limit @limit
            """;
        var rows = (await session.Connection.QueryAsync<MissingRow>(Long(session, Sql, new { facility = facility.Code, limit }, ct))).AsList();
        return ([.. rows.Select(r => new MissingPerson(r.RegistrationNumber, r.FullName, Inmates.InmateId.From(r.Id)))], rows.Count == 0 ? 0 : rows[0].Total);
    }

    private sealed record MissingRow(string RegistrationNumber, string FullName, Guid Id, int Total);

    /// <summary>A statement over a whole file may take longer than the default 30 seconds on a busy server; the client's token still cancels it.</summary>
    internal static CommandDefinition Long(WriteSession session, string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, session.Transaction, commandTimeout: 600, cancellationToken: ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, LocalDate? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Date, ct) : copy.WriteNullAsync(ct);
}
