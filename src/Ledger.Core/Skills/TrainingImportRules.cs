using System.Text;
using Ledger.Core.Import;
using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>
/// One row of a training import after the checks that need nothing but the row: each cell that passed, or null
/// for a missing or refused one. The registration number is in its normal form, as it is stored.
/// </summary>
public readonly record struct ImportRow(string? RegistrationNumber, string? ProgrammeCode, LocalDate? Day, int? Minutes, string? Note);

/// <summary>
/// The problems of a refused import, as they are found: all are counted, the first
/// <see cref="TrainingImportStore.MaxListedProblems"/> are kept, and a long value is cut to 100 characters so a
/// problem list stays readable whatever the file holds.
/// </summary>
public sealed class ImportProblems
{
    private readonly List<ImportProblem> _listed = [];

    public IReadOnlyList<ImportProblem> Listed => _listed;

    public int Count { get; private set; }

    public void Add(ImportProblem problem)
    {
        Count++;
        if (_listed.Count < TrainingImportStore.MaxListedProblems)
        {
            _listed.Add(problem.Value is { Length: > 100 } value ? problem with { Value = value[..100] + "…" } : problem);
        }
    }
}

/// <summary>
/// The checks of an imported row that need no database, with the same rules and words as a single entry
/// (<see cref="TrainingRules"/>). Pure: the row's cells, today and the facility's daily limit in; the checked row
/// out, its problems added to the list. With <c>dayFirst</c> (a file in the Indonesian dialect,
/// <see cref="TrainingCsv.DayFirst"/>) dates may also be written dd/MM/yyyy.
/// </summary>
public static class TrainingImportRules
{
    public static ImportRow CheckRow(int line, string registrationNumber, string programmeCode, ReadOnlySpan<byte> date, ReadOnlySpan<byte> minutesCell, string? noteCell,
        LocalDate today, int maxMinutesPerDay, ImportProblems problems, bool dayFirst = false)
    {
        // Numbers are compared in their normal form, as they are stored: crb-0012 and CRB‐0012 are CRB-0012.
        string? number = null;
        if (RegistrationNumber.TryNormalize(registrationNumber, out var normal, out var numberProblem))
        {
            number = normal;
        }
        else
        {
            problems.Add(new ImportProblem(line, TrainingCsv.RegistrationNumber, registrationNumber.Length == 0 ? null : registrationNumber, numberProblem));
        }

        string? code = programmeCode;
        if (code.Length == 0)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.ProgrammeCode, null, Text.Import.Required));
            code = null;
        }

        LocalDate? day = TrainingCsv.ReadDate(date, dayFirst, out var read) == DateCell.Day ? read : null;
        if (day is null)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(date), TrainingCsv.DateProblem(date, dayFirst)));
        }
        else if (day > today)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(date), TrainingRules.AfterToday(today)));
            day = null;
        }
        else if (day < PlausibleDates.Earliest)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(date), PlausibleDates.NotBefore(PlausibleDates.Earliest)));
            day = null;
        }

        var minutes = TrainingCsv.ParseMinutes(minutesCell);
        if (minutes is null)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesCell), minutesCell.IsEmpty ? Text.Import.Required : TrainingCsv.MinutesFormatProblem));
        }
        else if (TrainingRules.MinutesProblem(minutes.Value, maxMinutesPerDay) is { } minutesProblem)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Minutes, Encoding.UTF8.GetString(minutesCell), minutesProblem));
            minutes = null;
        }

        var note = FreeText.Clean(noteCell);
        if (note is not null && TrainingCsv.NoteProblem(note) is { } noteProblem)
        {
            problems.Add(new ImportProblem(line, TrainingCsv.Note, note, noteProblem));
            note = null;
        }
        return new ImportRow(number, code, day, minutes, note);
    }
}

/// <summary>
/// Finds a row that repeats an earlier one (same person, programme and day) while the rows pass by, rather than
/// by grouping a million staged rows again. People and programmes are the small numbers the import gives them.
/// </summary>
public sealed class RepeatedRows
{
    private readonly Dictionary<(int Person, int Programme, LocalDate Day), int> _firstLines = [];

    /// <summary>
    /// The problem of <paramref name="line"/> when an earlier line has the same person, programme and day, or
    /// null (and the line is remembered) when it is the first.
    /// </summary>
    public ImportProblem? Check(int line, int person, int programme, LocalDate day, ReadOnlySpan<byte> dateCell) =>
        _firstLines.TryAdd((person, programme, day), line)
            ? null
            : new ImportProblem(line, TrainingCsv.Date, Encoding.UTF8.GetString(dateCell), TrainingRules.RepeatsLine(_firstLines[(person, programme, day)]));
}
