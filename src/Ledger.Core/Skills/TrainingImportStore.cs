using System.Globalization;
using System.Text;
using CsvHelper;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using NodaTime;
using NpgsqlTypes;

namespace Ledger.Core.Skills;

/// <summary>What an accepted import wrote.</summary>
public sealed record TrainingImported(Guid BatchId, string Facility, int Rows, int People, int Programmes, long Minutes, LocalDate FirstDate, LocalDate LastDate,
    IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// The outcome of an import, as a value: either <see cref="Imported"/>, or the problems that refused the whole
/// file (<see cref="Problems"/> lists at most <see cref="TrainingImportStore.MaxListedProblems"/> of
/// <see cref="ProblemCount"/>, by line).
/// </summary>
public sealed record TrainingImportOutcome(TrainingImported? Imported, IReadOnlyList<ImportProblem> Problems, int ProblemCount, int Rows)
{
    public static TrainingImportOutcome Refused(IReadOnlyList<ImportProblem> problems, int problemCount, int rows) => new(null, problems, problemCount, rows);
}

/// <summary>
/// The CSV import of training minutes: the file streams through binary COPY into a staging table of the write's
/// own transaction, every rule is checked with set-based SQL over it (a handful of statements whatever the
/// size), and the rows go in with one INSERT ... SELECT, or nothing does. Row-local checks (spelling of dates
/// and numbers, today, minutes) run while the file streams, with the same rules as single entries.
/// </summary>
public static class TrainingImportStore
{
    /// <summary>A refused file lists this many problems at most (and counts them all).</summary>
    public const int MaxListedProblems = 10_000;

    public static async Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream csv, CancellationToken ct)
    {
        var today = facility.DateAt(session.Now);
        var max = facility.Settings.MaxTrainingMinutesPerDay;
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            // The separator is detected from the first lines: comma, or semicolon from spreadsheets with a decimal comma.
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            // One unbalanced quote must not swallow the rest of the file: such a row is reported on its own line.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed.Add,
        };
        // UTF-8 with or without a byte order mark (spreadsheets write one, editors often do not).
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        await reader.ReadHeaderAsync(ct);
        var (layout, headerProblems) = TrainingCsv.ParseHeader(reader.Headers, reader.Separator);
        if (layout is null)
        {
            return TrainingImportOutcome.Refused(headerProblems, headerProblems.Count, 0);
        }

        // Hashing and grouping a million staged rows stays in memory instead of spilling to disk.
        await session.Connection.ExecuteAsync(session.Command("""
            set local work_mem = '256MB';
            create temp table training_import (
              line int not null, entry_id uuid not null, registration_number text, programme_code text, day date, minutes int, note text
            ) on commit drop;
            """, null, ct));
        var problems = new List<ImportProblem>();
        var problemCount = 0;
        void Refuse(int line, string column, string? value, string reason)
        {
            problemCount++;
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(new ImportProblem(line, column, value is { Length: > 100 } ? value[..100] + "…" : value, reason));
            }
        }
        var rows = 0;
        long minutesTotal = 0;
        LocalDate? first = null, last = null;
        var needed = new[] { layout.RegistrationNumber, layout.ProgrammeCode, layout.Date, layout.Minutes, layout.Note ?? 0 }.Max() + 1;
        await using (var copy = await session.Connection.BeginBinaryImportAsync(
            "copy training_import (line, entry_id, registration_number, programme_code, day, minutes, note) from stdin (format binary)", ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var line = checked((int)reader.LineNumber);
                if (IsBlank(reader))
                {
                    continue;
                }
                rows++;
                if (reader.FieldCount < needed)
                {
                    Refuse(line, "row", Encoding.UTF8.GetString(reader.RawRecord),
                        $"has {reader.FieldCount} field(s) where the header has {needed}; is every row separated by '{layout.Separator}'?");
                    continue;
                }

                var registration = reader.GetString(layout.RegistrationNumber) ?? "";
                if (registration.Length == 0)
                {
                    Refuse(line, TrainingCsv.RegistrationNumber, null, "is required");
                }
                else if (registration.Length > TrainingCsv.MaxRegistrationNumberLength)
                {
                    Refuse(line, TrainingCsv.RegistrationNumber, registration, $"must be at most {TrainingCsv.MaxRegistrationNumberLength} characters");
                }
                var programme = reader.GetString(layout.ProgrammeCode) ?? "";
                if (programme.Length == 0)
                {
                    Refuse(line, TrainingCsv.ProgrammeCode, null, "is required");
                }
                var dateBytes = reader.GetSpan(layout.Date);
                var day = TrainingCsv.ParseDate(dateBytes);
                if (day is null)
                {
                    Refuse(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), dateBytes.IsEmpty ? "is required" : TrainingCsv.DateFormatProblem);
                }
                else if (day > today)
                {
                    Refuse(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), TrainingRules.AfterToday(today));
                    day = null;
                }
                var minutesBytes = reader.GetSpan(layout.Minutes);
                var minutes = TrainingCsv.ParseMinutes(minutesBytes);
                if (minutes is null)
                {
                    Refuse(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesBytes), minutesBytes.IsEmpty ? "is required" : TrainingCsv.MinutesFormatProblem);
                }
                else if (TrainingRules.MinutesProblem(minutes.Value, max) is { } minutesProblem)
                {
                    Refuse(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesBytes), minutesProblem);
                    minutes = null;
                }
                var note = layout.Note is { } noteIndex ? ProgrammeRules.Clean(reader.GetString(noteIndex)) : null;
                if (note is { Length: > TrainingRules.MaxNoteLength })
                {
                    Refuse(line, TrainingCsv.Note, note, $"must be at most {TrainingRules.MaxNoteLength} characters");
                }

                // A row with problems is staged too (its bad cells as null), so the database checks its other cells.
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await WriteTextAsync(copy, registration, ct);
                await WriteTextAsync(copy, programme, ct);
                if (day is { } d)
                {
                    await copy.WriteAsync(d, NpgsqlDbType.Date, ct);
                    first = first is null || d < first ? d : first;
                    last = last is null || d > last ? d : last;
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
                if (minutes is { } m)
                {
                    await copy.WriteAsync(m, NpgsqlDbType.Integer, ct);
                    minutesTotal += m;
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                }
                await WriteTextAsync(copy, note, ct);
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var record in malformed)
        {
            rows++;
            Refuse(checked((int)record.LineNumber), "row", record.RawRecord, record.Reason switch
            {
                CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => "has a quote (\") that is never closed on its line",
                _ => "has a stray quote (\") inside a field; quote the whole field and double the quote inside it",
            });
        }
        if (rows == 0)
        {
            return TrainingImportOutcome.Refused([new ImportProblem(2, "row", null, "the file has a header but no rows")], 1, 0);
        }

        var (checkedProblems, checkedCount) = await CheckAsync(session, facility, max, ct);
        if (problemCount + checkedCount > 0)
        {
            var listed = TrainingCsv.InReadingOrder(problems.Concat(checkedProblems)).Take(MaxListedProblems).ToList();
            return TrainingImportOutcome.Refused(listed, problemCount + checkedCount, rows);
        }

        var batchId = Guid.CreateVersion7();
        await TrainingStore.InsertBatchAsync(session, batchId, facility.Code, "import", rows, ct);
        const string Insert = """
            insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
            select s.entry_id, p.inmate_id, g.id, s.day, s.minutes, s.note, @batchId, @by, @at
            from training_import s
            join import_person p on p.registration_number = s.registration_number
            join import_programme g on g.code = s.programme_code;
            select (select count(*) from import_person)::int as People, (select count(*) from import_programme)::int as Programmes;
            """;
        await using var grid = await session.Connection.QueryMultipleAsync(session.Command(Insert, new { batchId, by = session.Actor.UserSub, at = session.Now }, ct));
        var counts = await grid.ReadSingleAsync<(int People, int Programmes)>();
        await session.AuditAsync("training.import", facility.Code, batchId.ToString(), ct);
        return new TrainingImportOutcome(
            new TrainingImported(batchId, facility.Code, rows, counts.People, counts.Programmes, minutesTotal, first!.Value, last!.Value, layout.IgnoredColumns),
            [], 0, rows);
    }

    /// <summary>
    /// Every rule that needs the database, over the whole staged file at once: people and programmes are
    /// resolved once into small tables (hundreds of rows, not a lookup per line), then one pass over the staged
    /// rows finds each refused cell. The people named are locked first, as single entries lock their person.
    /// </summary>
    private static async Task<(IReadOnlyList<ImportProblem> Problems, int Count)> CheckAsync(WriteSession session, Facility facility, int max, CancellationToken ct)
    {
        const string Resolve = """
            analyze training_import;
            select i.id from inmate i
            where i.facility_code = @facility and i.registration_number in (select registration_number from training_import)
            order by i.id
            for update;
            create temp table import_person on commit drop as
            select i.id as inmate_id, i.registration_number, i.detention_date, i.released_on
            from inmate i
            where i.facility_code = @facility and i.registration_number in (select registration_number from training_import);
            create temp table import_stay on commit drop as
            select pl.inmate_id, pl.started_on, pl.ended_on
            from inmate_placement pl
            where pl.facility_code = @facility and pl.inmate_id in (select inmate_id from import_person);
            select g.id from programme g
            where g.facility_code = @facility and g.code in (select programme_code from training_import)
            for share;
            create temp table import_programme on commit drop as
            select g.id, g.code, g.kind, g.starts_on, g.retired_on
            from programme g
            where g.facility_code = @facility and g.code in (select programme_code from training_import);
            analyze import_person;
            analyze import_stay;
            analyze import_programme;
            """;
        await session.Connection.ExecuteAsync(session.Command(Resolve, new { facility = facility.Code }, ct));

        const string Check = """
            with bounds as (
              select min(day) as first_day, max(day) as last_day from training_import
            ),
            person_day as (
              select p.inmate_id, s.day, sum(s.minutes)::int as adding
              from training_import s join import_person p on p.registration_number = s.registration_number
              where s.day is not null and s.minutes is not null
              group by p.inmate_id, s.day
            ),
            recorded_day as (
              select e.inmate_id, e.day, sum(e.minutes)::int as minutes
              from live_training_entry e, bounds b
              where e.inmate_id in (select inmate_id from import_person) and e.day between b.first_day and b.last_day
              group by e.inmate_id, e.day
            ),
            over_limit as (
              select d.inmate_id, d.day, d.adding, coalesce(r.minutes, 0) as recorded
              from person_day d left join recorded_day r on r.inmate_id = d.inmate_id and r.day = d.day
              where d.adding + coalesce(r.minutes, 0) > @max
            ),
            recorded_programme as (
              select e.inmate_id, e.programme_id, e.day, sum(e.minutes)::int as minutes
              from live_training_entry e, bounds b
              where e.inmate_id in (select inmate_id from import_person) and e.programme_id in (select id from import_programme)
                and e.day between b.first_day and b.last_day
              group by e.inmate_id, e.programme_id, e.day
            ),
            repeated as (
              select registration_number, programme_code, day, min(line) as first_line
              from training_import
              where registration_number is not null and programme_code is not null and day is not null
              group by registration_number, programme_code, day
              having count(*) > 1
            ),
            checked as (
              select s.line, s.registration_number, s.programme_code, s.day, s.minutes,
                     p.inmate_id, p.detention_date, p.released_on,
                     g.id as programme_id, g.kind, g.starts_on, g.retired_on,
                     st.inmate_id as held,
                     o.adding, o.recorded, rp.minutes as recorded_here, rep.first_line
              from training_import s
              left join import_person p on p.registration_number = s.registration_number
              left join import_programme g on g.code = s.programme_code
              left join import_stay st on st.inmate_id = p.inmate_id and st.started_on <= s.day and (st.ended_on is null or s.day < st.ended_on)
              left join over_limit o on o.inmate_id = p.inmate_id and o.day = s.day
              left join recorded_programme rp on rp.inmate_id = p.inmate_id and rp.programme_id = g.id and rp.day = s.day
              left join repeated rep on rep.registration_number = s.registration_number and rep.programme_code = s.programme_code
                                    and rep.day = s.day and rep.first_line < s.line
            )
            select c.line as Line, v.column_name as Column, v.code as Code, c.registration_number as RegistrationNumber,
                   c.programme_code as ProgrammeCode, c.day as Day, c.minutes as Minutes, c.detention_date as DetentionDate,
                   c.released_on as ReleasedOn, c.starts_on as StartsOn, c.retired_on as RetiredOn, c.adding as Adding,
                   c.recorded as Recorded, c.recorded_here as RecordedHere, c.first_line as FirstLine, (count(*) over ())::int as Total
            from checked c
            cross join lateral (values
              ('registrationNumber', 'unknown-person', c.registration_number is not null and c.inmate_id is null),
              ('programmeCode', 'unknown-programme', c.programme_code is not null and c.programme_id is null),
              ('programmeCode', 'production-only', c.kind = 'production'),
              ('date', 'inactive', c.kind <> 'production'
                                   and not ((c.starts_on is null or c.starts_on <= c.day) and (c.retired_on is null or c.day < c.retired_on))),
              ('date', 'before-detention', c.day < c.detention_date),
              ('date', 'not-held', c.day >= c.detention_date and (c.held is null or c.day > c.released_on)),
              ('date', 'already-recorded', c.recorded_here > 0),
              ('date', 'repeats', c.first_line is not null),
              ('minutes', 'over-limit', c.adding is not null)
            ) as v(column_name, code, failed)
            where v.failed
            order by c.line
            limit @limit
            """;
        var rows = (await session.Connection.QueryAsync<CheckRow>(session.Command(Check, new { max, limit = MaxListedProblems }, ct))).AsList();
        var problems = rows.Select(r => r.ToProblem(facility.Code, max)).ToList();
        return (problems, rows.Count == 0 ? 0 : rows[0].Total);
    }

    /// <summary>Spreadsheets export empty rows as a line of separators (;;;): they are not rows.</summary>
    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.IsEmpty(i))
            {
                return false;
            }
        }
        return true;
    }

    private static Task WriteTextAsync(Npgsql.NpgsqlBinaryImporter copy, string? text, CancellationToken ct) =>
        string.IsNullOrEmpty(text) ? copy.WriteNullAsync(ct) : copy.WriteAsync(text, NpgsqlDbType.Text, ct);

    private sealed record CheckRow(int Line, string Column, string Code, string? RegistrationNumber, string? ProgrammeCode, LocalDate? Day, int? Minutes,
        LocalDate? DetentionDate, LocalDate? ReleasedOn, LocalDate? StartsOn, LocalDate? RetiredOn, int? Adding, int? Recorded, int? RecordedHere,
        int? FirstLine, int Total)
    {
        public ImportProblem ToProblem(string facilityCode, int max)
        {
            var day = Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Code switch
            {
                "unknown-person" => new ImportProblem(Line, Column, RegistrationNumber, TrainingRules.UnknownPerson(facilityCode)),
                "unknown-programme" => new ImportProblem(Line, Column, ProgrammeCode, TrainingRules.UnknownProgramme(ProgrammeCode!, facilityCode)),
                "production-only" => new ImportProblem(Line, Column, ProgrammeCode, TrainingRules.ProductionOnly(ProgrammeCode!)),
                "inactive" => new ImportProblem(Line, Column, day, TrainingRules.Inactive(ProgrammeCode!, Day!.Value, StartsOn, RetiredOn)),
                "before-detention" => new ImportProblem(Line, Column, day, TrainingRules.BeforeDetention(DetentionDate!.Value)),
                "not-held" => new ImportProblem(Line, Column, day, TrainingRules.NotHeld(facilityCode, Day!.Value, ReleasedOn)),
                "already-recorded" => new ImportProblem(Line, Column, day, TrainingRules.AlreadyRecorded(ProgrammeCode!, Day!.Value, RecordedHere!.Value)),
                "repeats" => new ImportProblem(Line, Column, day, TrainingRules.RepeatsLine(FirstLine!.Value)),
                "over-limit" => new ImportProblem(Line, Column, Minutes?.ToString(CultureInfo.InvariantCulture),
                    TrainingRules.OverDailyLimit(Day!.Value, Recorded!.Value, Adding!.Value, max)),
                _ => throw new InvalidOperationException($"Unknown import check '{Code}'."),
            };
        }
    }
}
