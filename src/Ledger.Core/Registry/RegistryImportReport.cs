using Ledger.Core.Inmates;
using NodaTime;

namespace Ledger.Core.Registry;

/// <summary>One field of a person that the file changes: its canonical name (fullName, birthDate, detentionDate,
/// sentence, sentenceKind, releasedOn), the value before and after as plain text (dates yyyy-MM-dd, sentence
/// "2 tahun 6 bulan 0 hari" in the caller's language), and null for no value.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A person the file adds or changes: who, and for a change the fields (for a new person, empty).
/// The id is known for a change, and for a new person once applied.</summary>
public sealed record PersonChange(string RegistrationNumber, string FullName, InmateId? Id, IReadOnlyList<FieldChange> Changes);

/// <summary>A person of the Lapas the file does not name: listed, never touched.</summary>
public sealed record MissingPerson(string RegistrationNumber, string FullName, InmateId Id);

/// <summary>A remisi or register F entry the file adds: whose, which day, and its text (decree number and length, or what happened).</summary>
public sealed record NewEntry(RegistrySheet Sheet, int Line, string RegistrationNumber, LocalDate Date, string Text);

/// <summary>A problem as the caller reads it: sheet and column as the file names them, and the whole sentence
/// ("Sheet Remisi, baris 4, kolom Tanggal SK: 31/11/2026 bukan tanggal yang ada").</summary>
public sealed record ReportedRegistryProblem(string Sheet, int Line, string Column, string? Value, string Reason, string Message)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>Remisi line 7: Tanggal SK</c>.</summary>
    public string ErrorKey() => $"{Sheet} line {Line}: {Column}";
}

/// <summary>The figures of a report.</summary>
public sealed record RegistryCounts(int PeopleRows, int New, int Changed, int Unchanged, int Missing, int Released,
    int RemisiRows, int RemisiNew, int RemisiPresent, int RegisterFRows, int RegisterFNew, int RegisterFPresent, int Problems);

/// <summary>
/// What a registry import did or (a dry run) would do. Lists hold at most 10,000 items each; the counts have the full
/// numbers. Applied is true only for a real import of a clean file that changed something; noChange when the file
/// matches the registry already.
/// </summary>
public sealed record RegistryImportReport(bool DryRun, bool Applied, RegistryCounts Counts, IReadOnlyList<PersonChange> New,
    IReadOnlyList<PersonChange> Changed, IReadOnlyList<PersonChange> Released, IReadOnlyList<MissingPerson> Missing, IReadOnlyList<NewEntry> NewEntries,
    IReadOnlyList<ReportedRegistryProblem> Problems, IReadOnlyList<string> IgnoredColumns) : IPreview
{
    /// <summary>The file has no problem: it was applied, or (a dry run) would be.</summary>
    public bool Accepted => Counts.Problems == 0;

    /// <summary>A clean file that changes nothing.</summary>
    public bool NoChange => Accepted && Counts.New + Counts.Changed + Counts.Released + Counts.RemisiNew + Counts.RegisterFNew == 0;
}
