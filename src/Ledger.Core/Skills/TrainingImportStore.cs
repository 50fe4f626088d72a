using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Import;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using NpgsqlTypes;

namespace Ledger.Core.Skills;

/// <summary>What an accepted import wrote.</summary>
public sealed record TrainingImported(Guid BatchId, string Facility, int Rows, int People, int Programmes, long Minutes, LocalDate FirstDate, LocalDate LastDate,
    IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// The outcome of an import, as a value: either <see cref="Imported"/>, or the problems that refused the whole
/// file (<see cref="Problems"/> lists at most <see cref="TrainingImportStore.MaxListedProblems"/> of
/// <see cref="ProblemCount"/>, by line), or for a dry run neither: a clean file that was not written.
/// <see cref="ColumnNames"/> maps each column to its header as written in the file, so a problem can name it so.
/// </summary>
public sealed record TrainingImportOutcome(TrainingImported? Imported, IReadOnlyList<ImportProblem> Problems, int ProblemCount, int Rows)
{
    public IReadOnlyDictionary<string, string> ColumnNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    public static TrainingImportOutcome Refused(IReadOnlyList<ImportProblem> problems, int problemCount, int rows) => new(null, problems, problemCount, rows);
}

/// <summary>
/// The CSV import of training minutes, in steps of their own: reading (<see cref="TrainingCsvReader"/>), the
/// checks of each row on its own (<see cref="TrainingImportRules"/>, pure, with the same rules and words as
/// single entries), finding repeated rows (<see cref="RepeatedRows"/>), staging by binary COPY into a table of
/// the write's own transaction (here), the checks that need the database, in set-based SQL over the staged file
/// (<see cref="TrainingImportChecks"/>), and the write: one INSERT ... SELECT, or nothing.
/// </summary>
public static class TrainingImportStore
{
    /// <summary>A refused file lists this many problems at most (and counts them all).</summary>
    public const int MaxListedProblems = 10_000;

    public static Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream csv, CancellationToken ct) =>
        ImportAsync(session, facility, csv, null, ct);

    /// <summary>Imports a CSV (the benchmark's way in).</summary>
    public static Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream csv, Action<string, TimeSpan>? timing, CancellationToken ct) =>
        ImportAsync(session, facility, csv, TrainingUpload.CsvMediaType, dryRun: false, timing, ct);

    /// <param name="session">The write: everything happens in its transaction, so a refused file leaves nothing behind.</param>
    /// <param name="facility">The facility whose people and programmes the file names.</param>
    /// <param name="file">The file: a CSV, UTF-8 with or without a byte order mark, or an xlsx workbook (<see cref="TrainingUpload"/>).</param>
    /// <param name="mediaType">The upload's content type, or null to tell by the file's first bytes.</param>
    /// <param name="dryRun">Run every check but write nothing.</param>
    /// <param name="timing">Told how long each phase took ("stage", "check", "write"), for the benchmark.</param>
    /// <param name="ct">Cancels the import (and, with the session, rolls it back).</param>
    public static async Task<TrainingImportOutcome> ImportAsync(WriteSession session, Facility facility, Stream file, string? mediaType, bool dryRun,
        Action<string, TimeSpan>? timing, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name)
        {
            timing?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }

        var (rows, headerProblems) = await TrainingUpload.OpenAsync(file, mediaType, ct);
        if (rows is null)
        {
            return TrainingImportOutcome.Refused(headerProblems, headerProblems.Count, 0);
        }
        await using var _ = rows;
        var staged = await StageAsync(session, facility, rows, ct);
        Phase("stage");
        var columnNames = TrainingCsv.Columns.Zip(new int?[] { rows.Layout.RegistrationNumber, rows.Layout.ProgrammeCode, rows.Layout.Date, rows.Layout.Minutes, rows.Layout.Note })
            .Where(c => c.Second is not null)
            .ToDictionary(c => c.First, c => rows.Header[c.Second!.Value]);
        var described = new TrainingImportOutcome(null, [], 0, staged.Rows) { ColumnNames = columnNames, IgnoredColumns = rows.Layout.IgnoredColumns };
        if (staged.Rows == 0)
        {
            return described with { Problems = [new ImportProblem(2, "row", null, Text.Import.NoRows)], ProblemCount = 1 };
        }

        var (checkedProblems, checkedCount) = await TrainingImportChecks.CheckAsync(session, facility, staged, ct);
        Phase("check");
        if (staged.Problems.Count + checkedCount > 0)
        {
            var listed = TrainingCsv.InReadingOrder(staged.Problems.Listed.Concat(checkedProblems)).Take(MaxListedProblems).ToList();
            return described with { Problems = listed, ProblemCount = staged.Problems.Count + checkedCount };
        }
        if (dryRun)
        {
            return described;
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
        var written = staged.Rows;
        session.AfterCommit(() => Pipeline.LedgerMetrics.ImportedRows.Add(written, new KeyValuePair<string, object?>("kind", "training")));
        Phase("write");
        return described with
        {
            Imported = new TrainingImported(batchId, facility.Code, staged.Rows, staged.People.Count, staged.Programmes.Count, staged.Minutes,
                staged.FirstDay!.Value, staged.LastDay!.Value, rows.Layout.IgnoredColumns),
        };
    }

    /// <summary>
    /// Stages the file: each row is read (<see cref="TrainingCsvReader"/>), checked on its own
    /// (<see cref="TrainingImportRules.CheckRow"/>), compared with the rows before it (<see cref="RepeatedRows"/>)
    /// and written by binary COPY into a staging table of the write's transaction. The steps run row by row as
    /// the file streams, so a million rows are never held in memory. People and programmes are staged as small
    /// numbers (their place in <see cref="StagedImport.People"/> and <see cref="StagedImport.Programmes"/>): a
    /// file names a few hundred at most whatever its length, so the database resolves each once, and groups and
    /// joins a million rows on integers rather than text.
    /// </summary>
    private static async Task<StagedImport> StageAsync(WriteSession session, Facility facility, ITrainingRows reader, CancellationToken ct)
    {
        var today = facility.DateAt(session.Now);
        var max = facility.Settings.MaxTrainingMinutesPerDay;
        var dayFirst = TrainingCsv.DayFirst(reader.Header[reader.Layout.Date]);
        var staged = new StagedImport();
        var repeats = new RepeatedRows();

        // Hashing and grouping a million staged rows stays in memory instead of spilling to disk.
        await session.Connection.ExecuteAsync(session.Command("""
            set local work_mem = '128MB';
            create temp table training_import (
              line int not null, entry_id uuid not null, person_no int, programme_no int, day date, minutes int, note text
            ) on commit drop;
            """, null, ct));
        await using (var copy = await session.Connection.BeginBinaryImportAsync(
            "copy training_import (line, entry_id, person_no, programme_no, day, minutes, note) from stdin (format binary)", ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var line = reader.Line;
                staged.Rows++;
                if (reader.ShapeProblem() is { } shapeProblem)
                {
                    staged.Problems.Add(shapeProblem);
                    continue;
                }
                var row = TrainingImportRules.CheckRow(line, reader.RegistrationNumber, reader.ProgrammeCode, reader.Date, reader.Minutes, reader.Note,
                    today, max, staged.Problems, dayFirst);
                int? person = row.RegistrationNumber is { } number ? staged.People.NumberOf(number) : null;
                int? programme = row.ProgrammeCode is { } code ? staged.Programmes.NumberOf(code) : null;
                if (person is { } p && programme is { } g && row.Day is { } d && repeats.Check(line, p, g, d, reader.Date) is { } repeat)
                {
                    staged.Problems.Add(repeat);
                }

                // A row with problems is staged too (its bad cells as null), so the database checks its other cells.
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await WriteAsync(copy, person, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, programme, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, row.Day, NpgsqlDbType.Date, ct);
                await WriteAsync(copy, row.Minutes, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, row.Note, NpgsqlDbType.Text, ct);
                staged.Count(row.Day, row.Minutes);
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var problem in reader.MalformedRows())
        {
            staged.Rows++;
            staged.Problems.Add(problem);
        }
        return staged;
    }

    /// <summary>A million-row statement may take longer than the default 30 seconds on a busy server; the client's token still cancels it.</summary>
    internal static CommandDefinition Long(WriteSession session, string sql, object parameters, CancellationToken ct) =>
        new(sql, parameters, session.Transaction, commandTimeout: 600, cancellationToken: ct);

    private static Task WriteAsync<T>(Npgsql.NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(Npgsql.NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}

/// <summary>What staging learned about the file: the row-local problems, the names and the totals.</summary>
internal sealed class StagedImport
{
    public ImportProblems Problems { get; } = new();
    public int Rows { get; set; }
    public Names People { get; } = new();
    public Names Programmes { get; } = new();
    public long Minutes { get; private set; }
    public LocalDate? FirstDay { get; private set; }
    public LocalDate? LastDay { get; private set; }

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

/// <summary>Distinct names in the order first seen, numbered from 1 (as <c>unnest ... with ordinality</c> numbers them).</summary>
internal sealed class Names
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
