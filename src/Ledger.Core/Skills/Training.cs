using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>The row that undoes one training entry; the entry itself is never changed.</summary>
public sealed record TrainingReversal(Guid Id, TrainingEntryId EntryId, string Reason, string RecordedBy, Instant RecordedAt);

/// <summary>
/// Minutes of training of one person in one programme on one day, as recorded. <c>reversal</c> is set
/// when a later reversal undid it; totals count only live entries.
/// </summary>
public sealed record TrainingEntry(
    TrainingEntryId Id,
    InmateId InmateId,
    ProgrammeId ProgrammeId,
    string ProgrammeCode,
    string FacilityCode,
    LocalDate Date,
    int Minutes,
    string? Note,
    Guid? BatchId,
    string RecordedBy,
    Instant RecordedAt,
    TrainingReversal? Reversal)
{
    public bool IsLive => Reversal is null;
}

/// <summary>The request to record one person's training.</summary>
public sealed record RecordTraining(string? ProgrammeCode, LocalDate? Date, int? Minutes, string? Note);

/// <summary>
/// One session: one programme, one day, one length, many people; all entries or none. The people are named by id,
/// by registration number (as the facility registered them), or both, so a client need not look ids up first.
/// </summary>
public sealed record RecordSession(string? ProgrammeCode, LocalDate? Date, int? Minutes, string? Note, IReadOnlyList<InmateId>? InmateIds,
    IReadOnlyList<string?>? RegistrationNumbers = null);

/// <summary>The request to undo an entry.</summary>
public sealed record ReverseTraining(string? Reason);

/// <summary>What a recorded session wrote: one entry per person, under one batch id.</summary>
public sealed record SessionRecorded(Guid BatchId, string ProgrammeCode, LocalDate Date, int Minutes, IReadOnlyList<TrainingEntry> Entries);

/// <summary>The live minutes a person already has on one day: in all programmes, and in the programme at hand.</summary>
public readonly record struct RecordedMinutes(int AllProgrammes, int ThisProgramme);

/// <summary>
/// The checks of a new training entry, and the wording of each refusal. The CSV import checks the same rules
/// in set-based SQL and words its refusals with these same functions, so both paths say the same thing.
/// </summary>
public static class TrainingRules
{
    public const int MaxNoteLength = 500;
    public const int MaxSessionSize = 500;

    /// <summary>The fields of an entry or a session that can be checked without the database.</summary>
    public static void CheckFields(string? programmeCode, LocalDate? date, int? minutes, string? note, LocalDate today, int maxMinutesPerDay, FieldErrors errors)
    {
        errors.Required(programmeCode, "programmeCode");
        if (errors.Required(date, "date") && date > today)
        {
            errors.Add("date", AfterToday(today));
        }
        errors.NotBefore(date, PlausibleDates.Earliest, "date");
        if (errors.Required(minutes, "minutes") && MinutesProblem(minutes!.Value, maxMinutesPerDay) is { } problem)
        {
            errors.Add("minutes", problem);
        }
        errors.Text(note, "note", MaxNoteLength, required: false, multiLine: true);
    }

    /// <summary>Whether training can be recorded on the programme on that day; null when it can.</summary>
    public static string? ProgrammeProblem(Programme? programme, string code, string facilityCode, LocalDate day) =>
        programme is null ? UnknownProgramme(code, facilityCode)
        : !programme.TakesTraining ? ProductionOnly(code)
        : !programme.IsActiveOn(day) ? Inactive(code, day, programme.StartsOn, programme.RetiredOn)
        : null;

    /// <summary>The checks that depend on the person and what they already have that day, each with the field it concerns.</summary>
    public static IEnumerable<(string Field, string Reason)> PersonProblems(InmateFile file, string facilityCode, string programmeCode, LocalDate day, int minutes,
        RecordedMinutes recorded, int maxMinutesPerDay)
    {
        if (day < file.Inmate.DetentionDate)
        {
            yield return ("date", BeforeDetention(file.Inmate.DetentionDate));
        }
        else if (!file.HeldIn(facilityCode, day))
        {
            yield return ("date", NotHeld(facilityCode, day, file.Inmate.ReleasedOn));
        }
        if (recorded.ThisProgramme > 0)
        {
            yield return ("date", AlreadyRecorded(programmeCode, day, recorded.ThisProgramme));
        }
        if (recorded.AllProgrammes + minutes > maxMinutesPerDay)
        {
            yield return ("minutes", OverDailyLimit(day, recorded.AllProgrammes, minutes, maxMinutesPerDay));
        }
    }

    /// <summary>Refuses the reversal of an entry that was already reversed.</summary>
    public static void EnsureReversible(TrainingEntry entry)
    {
        if (entry.Reversal is { } earlier)
        {
            throw new RuleViolationException(
                Catalogue.Fill(Rules.TrainingEntryAlreadyReversedBy, entry.Id, earlier.RecordedBy, earlier.RecordedAt, earlier.Reason));
        }
    }

    public static string? MinutesProblem(int minutes, int maxMinutesPerDay) =>
        minutes <= 0 ? Fields.MustBeMoreThanZero
        : minutes > maxMinutesPerDay ? Catalogue.Fill(Fields.AtMostTrainingPerDay, maxMinutesPerDay)
        : null;

    public static string AfterToday(LocalDate today) => Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today));

    public static string UnknownProgramme(string code, string facilityCode) => Catalogue.Fill(Fields.UnknownProgramme, code, facilityCode);

    public static string ProductionOnly(string code) => Catalogue.Fill(Fields.ProductionOnlyProgramme, code);

    public static string Inactive(string code, LocalDate day, LocalDate? startsOn, LocalDate? retiredOn) =>
        retiredOn is { } retired && day >= retired
            ? Catalogue.Fill(Fields.NotActiveRetired, code, Format.Date(day), Format.Date(retired))
            : Catalogue.Fill(Fields.NotActiveNotStarted, code, Format.Date(day), Format.Date(startsOn));

    public static string BeforeDetention(LocalDate detentionDate) => Catalogue.Fill(Fields.BeforeDetentionDate, Format.Date(detentionDate));

    public static string NotHeld(string facilityCode, LocalDate day, LocalDate? releasedOn) =>
        releasedOn is { } released && day > released
            ? Catalogue.Fill(Fields.AfterRelease, Format.Date(released))
            : Catalogue.Fill(Fields.PersonNotHeld, facilityCode, Format.Date(day));

    public static string AlreadyRecorded(string programmeCode, LocalDate day, int minutes) =>
        Catalogue.Fill(Fields.TrainingAlreadyRecorded, minutes, programmeCode, Format.Date(day));

    public static string OverDailyLimit(LocalDate day, int recorded, int adding, int maxMinutesPerDay) =>
        Catalogue.Fill(Fields.TrainingOverDailyLimit, recorded + adding, Format.Date(day), recorded, adding, maxMinutesPerDay);

    public static string UnknownPerson(string facilityCode) => Catalogue.Fill(Fields.UnknownRegistrationNumber, facilityCode);

    public static string RepeatsLine(int line) => Catalogue.Fill(Fields.RepeatsLine, line);
}
