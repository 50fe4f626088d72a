using System.Globalization;
using System.Text;
using CsvHelper;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Input;
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
/// The CSV import of training minutes. The file streams through binary COPY into a staging table of the write's
/// own transaction; every rule is checked with set-based SQL over it (a fixed handful of statements whatever its
/// length, never a query per row); then the rows go in with one INSERT ... SELECT, or nothing does. The checks
/// that need nothing but the row (spelling of days and numbers, today, minutes) run while the file streams, with
/// the same rules and words as single entries.
/// </summary>
public static class TrainingImportStore
{
    /// <summary>A refused file lists this many problems at most (and counts them all).</summary>
    public const int MaxListedProblems = 10_000;

    public static Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream csv, CancellationToken ct) =>
        ImportAsync(session, facility, csv, null, ct);

    /// <param name="session">The write: everything happens in its transaction, so a refused file leaves nothing behind.</param>
    /// <param name="facility">The facility whose people and programmes the file names.</param>
    /// <param name="csv">The file, UTF-8 with or without a byte order mark.</param>
    /// <param name="timing">Told how long each phase took ("stage", "check", "write"), for the benchmark.</param>
    /// <param name="ct">Cancels the import (and, with the session, rolls it back).</param>
    public static async Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream csv, Action<string, TimeSpan>? timing, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name)
        {
            timing?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }

        var staged = await StageAsync(session, facility, csv, ct);
        Phase("stage");
        if (staged.Layout is null)
        {
            return TrainingImportOutcome.Refused(staged.Problems, staged.ProblemCount, 0);
        }
        if (staged.Rows == 0)
        {
            return TrainingImportOutcome.Refused([new ImportProblem(2, "row", null, "the file has a header but no rows")], 1, 0);
        }

        var (checkedProblems, checkedCount) = await CheckAsync(session, facility, staged, ct);
        Phase("check");
        if (staged.ProblemCount + checkedCount > 0)
        {
            var listed = TrainingCsv.InReadingOrder(staged.Problems.Concat(checkedProblems)).Take(MaxListedProblems).ToList();
            return TrainingImportOutcome.Refused(listed, staged.ProblemCount + checkedCount, staged.Rows);
        }

        var batchId = Guid.CreateVersion7();
        await TrainingStore.InsertBatchAsync(session, batchId, facility.Code, "import", staged.Rows, ct);
        const string Insert = """
            insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
            select s.entry_id, p.inmate_id, g.id, s.day, s.minutes, s.note, @batchId, @by, @at
            from training_import s
            join import_person p on p.person_no = s.person_no
            join import_programme g on g.programme_no = s.programme_no
            """;
        await session.Connection.ExecuteAsync(Long(session, Insert, new { batchId, by = session.Actor.UserSub, at = session.Now }, ct));
        await session.AuditAsync("training.import", facility.Code, batchId.ToString(), ct);
        Phase("write");
        return new TrainingImportOutcome(
            new TrainingImported(batchId, facility.Code, staged.Rows, staged.People.Count, staged.Programmes.Count, staged.Minutes, staged.FirstDay!.Value,
                staged.LastDay!.Value, staged.Layout.IgnoredColumns),
            [], 0, staged.Rows);
    }

    /// <summary>
    /// Reads the file row by row into the staging table. People and programmes are staged as small numbers
    /// (their place in <see cref="Staged.People"/> and <see cref="Staged.Programmes"/>): a file names a few
    /// hundred at most whatever its length, so the database resolves each once, and groups and joins a million
    /// rows on integers rather than text.
    /// </summary>
    private static async Task<Staged> StageAsync(WriteSession session, Facility facility, Stream csv, CancellationToken ct)
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
        var staged = new Staged(layout);
        if (layout is null)
        {
            foreach (var problem in headerProblems)
            {
                staged.Refuse(problem);
            }
            return staged;
        }

        // Hashing and grouping a million staged rows stays in memory instead of spilling to disk.
        await session.Connection.ExecuteAsync(session.Command("""
            set local work_mem = '128MB';
            create temp table training_import (
              line int not null, entry_id uuid not null, person_no int, programme_no int, day date, minutes int, note text
            ) on commit drop;
            """, null, ct));
        var needed = new[] { layout.RegistrationNumber, layout.ProgrammeCode, layout.Date, layout.Minutes, layout.Note ?? 0 }.Max() + 1;
        await using (var copy = await session.Connection.BeginBinaryImportAsync(
            "copy training_import (line, entry_id, person_no, programme_no, day, minutes, note) from stdin (format binary)", ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var line = checked((int)reader.LineNumber);
                if (IsBlank(reader))
                {
                    continue;
                }
                staged.Rows++;
                if (reader.FieldCount < needed)
                {
                    staged.Refuse(new ImportProblem(line, "row", Encoding.UTF8.GetString(reader.RawRecord),
                        $"has {reader.FieldCount} field(s) where the header has {needed}; is every row separated by '{layout.Separator}'?"));
                    continue;
                }

                int? person = null;
                // Numbers are compared in their normal form, as they are stored: crb-0012 and CRB‐0012 are CRB-0012.
                var registration = reader.GetString(layout.RegistrationNumber) ?? "";
                if (RegistrationNumber.TryNormalize(registration, out var number, out var numberProblem))
                {
                    person = staged.People.NumberOf(number);
                }
                else
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.RegistrationNumber, registration.Length == 0 ? null : registration, numberProblem));
                }
                int? programme = null;
                var code = reader.GetString(layout.ProgrammeCode) ?? "";
                if (code.Length == 0)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.ProgrammeCode, null, "is required"));
                }
                else
                {
                    programme = staged.Programmes.NumberOf(code);
                }
                var dateBytes = reader.GetSpan(layout.Date);
                var day = TrainingCsv.ParseDate(dateBytes);
                if (day is null)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), dateBytes.IsEmpty ? "is required" : TrainingCsv.DateFormatProblem));
                }
                else if (day > today)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), TrainingRules.AfterToday(today)));
                    day = null;
                }
                else if (day < PlausibleDates.Earliest)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), PlausibleDates.NotBefore(PlausibleDates.Earliest)));
                    day = null;
                }
                var minutesBytes = reader.GetSpan(layout.Minutes);
                var minutes = TrainingCsv.ParseMinutes(minutesBytes);
                if (minutes is null)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesBytes), minutesBytes.IsEmpty ? "is required" : TrainingCsv.MinutesFormatProblem));
                }
                else if (TrainingRules.MinutesProblem(minutes.Value, max) is { } minutesProblem)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesBytes), minutesProblem));
                    minutes = null;
                }
                var note = layout.Note is { } noteIndex ? ProgrammeRules.Clean(reader.GetString(noteIndex)) : null;
                if (note is not null && TrainingCsv.NoteProblem(note) is { } noteProblem)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Note, note, noteProblem));
                    note = null;
                }

                // Repeats are found here, while the rows pass by, rather than by grouping a million staged rows again.
                if (person is { } p && programme is { } g && day is { } d && staged.FirstLineOf(p, g, d, line) is { } firstLine)
                {
                    staged.Refuse(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateBytes), TrainingRules.RepeatsLine(firstLine)));
                }

                // A row with problems is staged too (its bad cells as null), so the database checks its other cells.
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await WriteAsync(copy, person, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, programme, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, day, NpgsqlDbType.Date, ct);
                await WriteAsync(copy, minutes, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, note, NpgsqlDbType.Text, ct);
                staged.Count(day, minutes);
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var record in malformed)
        {
            staged.Rows++;
            staged.Refuse(new ImportProblem(checked((int)record.LineNumber), "row", record.RawRecord, record.Reason switch
            {
                CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => "has a quote (\") that is never closed on its line",
                _ => "has a stray quote (\") inside a field; quote the whole field and double the quote inside it",
            }));
        }
        return staged;
    }

    /// <summary>
    /// Every rule that needs the database, over the whole staged file at once. The people and programmes the file
    /// names are resolved into small tables (the people locked first, in id order, as single entries lock their
    /// person). The days beyond the daily limit with what is already recorded, and the entries already there, are
    /// each found with one aggregate and kept as small tables of exceptions. Then one pass over the staged rows,
    /// with hash joins to those small tables, finds every refused cell.
    /// </summary>
    private static async Task<(IReadOnlyList<ImportProblem> Problems, int Count)> CheckAsync(WriteSession session, Facility facility, Staged staged, CancellationToken ct)
    {
        const string Resolve = """
            select count(*) from (
              select i.id from inmate i where i.facility_code = @facility and i.registration_number = any(@numbers) order by i.id for update
            ) as locked;
            create temp table import_person on commit drop as
            select n.person_no::int as person_no, i.id as inmate_id, i.detention_date, i.released_on
            from unnest(@numbers) with ordinality as n(registration_number, person_no)
            join inmate i on i.facility_code = @facility and i.registration_number = n.registration_number;
            create temp table import_stay on commit drop as
            select p.person_no, pl.started_on, pl.ended_on
            from import_person p join inmate_placement pl on pl.inmate_id = p.inmate_id
            where pl.facility_code = @facility;
            select count(*) from (select g.id from programme g where g.facility_code = @facility and g.code = any(@codes) for share) as locked;
            create temp table import_programme on commit drop as
            select n.programme_no::int as programme_no, g.id, g.kind, g.starts_on, g.retired_on
            from unnest(@codes) with ordinality as n(code, programme_no)
            join programme g on g.facility_code = @facility and g.code = n.code;
            analyze import_person;
            analyze import_stay;
            analyze import_programme;

            -- Days on which the file and what is already recorded exceed the daily limit.
            create temp table import_over_limit on commit drop as
            with file_day as (
              select person_no, day, sum(minutes)::int as adding
              from training_import
              where person_no is not null and day is not null and minutes is not null
              group by person_no, day
            ),
            recorded_day as (
              select p.person_no, e.day, sum(e.minutes)::int as minutes
              from live_training_entry e join import_person p on p.inmate_id = e.inmate_id
              where e.day between @firstDay and @lastDay
              group by p.person_no, e.day
            )
            select f.person_no, f.day, f.adding, coalesce(r.minutes, 0) as recorded
            from file_day f
            left join recorded_day r on r.person_no = f.person_no and r.day = f.day
            where f.adding + coalesce(r.minutes, 0) > @max;

            -- Live entries already recorded for a person, programme and day of the file's period.
            create temp table import_recorded on commit drop as
            select p.person_no, g.programme_no, e.day, sum(e.minutes)::int as minutes
            from live_training_entry e
            join import_person p on p.inmate_id = e.inmate_id
            join import_programme g on g.id = e.programme_id
            where e.day between @firstDay and @lastDay
            group by p.person_no, g.programme_no, e.day;
            analyze import_over_limit;
            analyze import_recorded;
            """;
        await session.Connection.ExecuteAsync(Long(session, Resolve, new
        {
            facility = facility.Code,
            numbers = staged.People.ToArray(),
            codes = staged.Programmes.ToArray(),
            firstDay = staged.FirstDay,
            lastDay = staged.LastDay,
            max = facility.Settings.MaxTrainingMinutesPerDay,
        }, ct));

        const string Check = """
            with checked as (
              select s.line, s.person_no, s.programme_no, s.day, s.minutes,
                     p.detention_date, p.released_on, g.starts_on, g.retired_on,
                     o.adding, o.recorded, r.minutes as recorded_here,
                     (s.person_no is not null and p.inmate_id is null) as unknown_person,
                     (s.programme_no is not null and g.id is null) as unknown_programme,
                     (g.kind = 'production') as production_only,
                     (g.kind <> 'production' and not ((g.starts_on is null or g.starts_on <= s.day) and (g.retired_on is null or s.day < g.retired_on))) as inactive,
                     (s.day < p.detention_date) as before_detention,
                     (s.day >= p.detention_date and (st.person_no is null or s.day > p.released_on)) as not_held,
                     (r.minutes > 0) as already_recorded,
                     (o.adding is not null) as over_limit
              from training_import s
              left join import_person p on p.person_no = s.person_no
              left join import_programme g on g.programme_no = s.programme_no
              left join import_stay st on st.person_no = s.person_no and st.started_on <= s.day and (st.ended_on is null or s.day < st.ended_on)
              left join import_over_limit o on o.person_no = s.person_no and o.day = s.day
              left join import_recorded r on r.person_no = s.person_no and r.programme_no = s.programme_no and r.day = s.day
            )
            -- Only refused rows are spread into one row per problem (a clean file spreads none).
            select c.line as Line, v.column_name as Column, v.code as Code, c.person_no as PersonNo, c.programme_no as ProgrammeNo,
                   c.day as Day, c.minutes as Minutes, c.detention_date as DetentionDate, c.released_on as ReleasedOn,
                   c.starts_on as StartsOn, c.retired_on as RetiredOn, c.adding as Adding, c.recorded as Recorded,
                   c.recorded_here as RecordedHere, (count(*) over ())::int as Total
            from checked c
            cross join lateral (values
              ('registrationNumber', 'unknown-person', c.unknown_person),
              ('programmeCode', 'unknown-programme', c.unknown_programme),
              ('programmeCode', 'production-only', c.production_only),
              ('programmeCode', 'inactive', c.inactive),
              ('date', 'before-detention', c.before_detention),
              ('date', 'not-held', c.not_held),
              ('date', 'already-recorded', c.already_recorded),
              ('minutes', 'over-limit', c.over_limit)
            ) as v(column_name, code, failed)
            where (c.unknown_person or c.unknown_programme or c.production_only or c.inactive or c.before_detention or c.not_held
                   or c.already_recorded or c.over_limit)
              and v.failed
            order by c.line
            limit @limit
            """;
        var rows = (await session.Connection.QueryAsync<CheckRow>(Long(session, Check, new { limit = MaxListedProblems }, ct))).AsList();
        var problems = rows.Select(r => r.ToProblem(staged, facility)).ToList();
        return (problems, rows.Count == 0 ? 0 : rows[0].Total);
    }

    /// <summary>A million-row statement may take longer than the default 30 seconds on a busy server; the client's token still cancels it.</summary>
    private static CommandDefinition Long(WriteSession session, string sql, object parameters, CancellationToken ct) =>
        new(sql, parameters, session.Transaction, commandTimeout: 600, cancellationToken: ct);

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

    private static Task WriteAsync<T>(Npgsql.NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(Npgsql.NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    /// <summary>Distinct names in the order first seen, numbered from 1 (as <c>unnest ... with ordinality</c> numbers them).</summary>
    private sealed class Names
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];

        public int Count => _names.Count;

        public int NumberOf(string name)
        {
            if (!_numbers.TryGetValue(name, out var number))
            {
                _names.Add(name);
                number = _names.Count;
                _numbers.Add(name, number);
            }
            return number;
        }

        public string this[int number] => _names[number - 1];

        public string[] ToArray() => [.. _names];
    }

    /// <summary>What staging learned about the file: its layout, the row-local problems, the names and the totals.</summary>
    private sealed class Staged(CsvLayout? layout)
    {
        private readonly List<ImportProblem> _problems = [];

        public CsvLayout? Layout { get; } = layout;
        public IReadOnlyList<ImportProblem> Problems => _problems;
        public int ProblemCount { get; private set; }
        public int Rows { get; set; }
        public Names People { get; } = new();
        public Names Programmes { get; } = new();
        public long Minutes { get; private set; }
        public LocalDate? FirstDay { get; private set; }
        public LocalDate? LastDay { get; private set; }

        public void Refuse(ImportProblem problem)
        {
            ProblemCount++;
            if (_problems.Count < MaxListedProblems)
            {
                _problems.Add(problem.Value is { Length: > 100 } value ? problem with { Value = value[..100] + "…" } : problem);
            }
        }

        private readonly Dictionary<(int Person, int Programme, LocalDate Day), int> _firstLines = [];

        /// <summary>The earlier line with the same person, programme and day; null (and remembered) when this line is the first.</summary>
        public int? FirstLineOf(int person, int programme, LocalDate day, int line) =>
            _firstLines.TryAdd((person, programme, day), line) ? null : _firstLines[(person, programme, day)];

        public void Count(LocalDate? day, int? minutes)
        {
            Minutes += minutes ?? 0;
            if (day is { } d)
            {
                FirstDay = FirstDay is null || d < FirstDay ? d : FirstDay;
                LastDay = LastDay is null || d > LastDay ? d : LastDay;
            }
        }
    }

    private sealed record CheckRow(int Line, string Column, string Code, int? PersonNo, int? ProgrammeNo, LocalDate? Day, int? Minutes,
        LocalDate? DetentionDate, LocalDate? ReleasedOn, LocalDate? StartsOn, LocalDate? RetiredOn, int? Adding, int? Recorded, int? RecordedHere, int Total)
    {
        public ImportProblem ToProblem(Staged staged, Facility facility)
        {
            var day = Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var registration = PersonNo is { } person ? staged.People[person] : null;
            var code = ProgrammeNo is { } programme ? staged.Programmes[programme] : null;
            return Code switch
            {
                "unknown-person" => new ImportProblem(Line, Column, registration, TrainingRules.UnknownPerson(facility.Code)),
                "unknown-programme" => new ImportProblem(Line, Column, code, TrainingRules.UnknownProgramme(code!, facility.Code)),
                "production-only" => new ImportProblem(Line, Column, code, TrainingRules.ProductionOnly(code!)),
                "inactive" => new ImportProblem(Line, Column, code, TrainingRules.Inactive(code!, Day!.Value, StartsOn, RetiredOn)),
                "before-detention" => new ImportProblem(Line, Column, day, TrainingRules.BeforeDetention(DetentionDate!.Value)),
                "not-held" => new ImportProblem(Line, Column, day, TrainingRules.NotHeld(facility.Code, Day!.Value, ReleasedOn)),
                "already-recorded" => new ImportProblem(Line, Column, day, TrainingRules.AlreadyRecorded(code!, Day!.Value, RecordedHere!.Value)),
                "over-limit" => new ImportProblem(Line, Column, Minutes?.ToString(CultureInfo.InvariantCulture),
                    TrainingRules.OverDailyLimit(Day!.Value, Recorded!.Value, Adding!.Value, facility.Settings.MaxTrainingMinutesPerDay)),
                _ => throw new InvalidOperationException($"Unknown import check '{Code}'."),
            };
        }
    }
}
