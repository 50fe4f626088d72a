using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Registry;

/// <summary>
/// The three parts of a registry file as SDP exports them: the people (one row each), their remisi decrees and their
/// register F (discipline) entries. In an xlsx they are three sheets of one workbook; as CSV, three files.
/// </summary>
public enum RegistrySheet
{
    People,
    Remisi,
    RegisterF,
}

/// <summary>
/// One problem of a registry file, where it is: the sheet, the line (the row number in the sheet or the line of the CSV;
/// 1 is the header), the column by its canonical name (<see cref="RegistryColumns"/>, or <c>header</c>, <c>row</c>,
/// <c>sheet</c>), the cell as written, and the reason in the caller's language (a sentence fragment, such as
/// "bukan tanggal yang ada").
/// </summary>
public sealed record RegistryProblem(RegistrySheet Sheet, int Line, string Column, string? Value, string Reason);

/// <summary>A person's row that is valid on its own: the registration number in its normal form, the name trimmed.</summary>
public sealed record PersonRow(int Line, string RegistrationNumber, string FullName, LocalDate? BirthDate, LocalDate DetentionDate, Sentence Sentence,
    LocalDate? ReleasedOn);

/// <summary>A remisi row that is valid on its own (at least one month or day; the decree number trimmed).</summary>
public sealed record RemisiRow(int Line, string RegistrationNumber, RemissionKind Kind, LocalDate GrantedOn, string DecreeNumber, int Months, int Days);

/// <summary>A register F row that is valid on its own.</summary>
public sealed record RegisterFRow(int Line, string RegistrationNumber, LocalDate OccurredOn, string Description);

/// <summary>
/// An uploaded registry: either one xlsx <see cref="Workbook"/> (sheets People/Remisi/Register F by their Indonesian or
/// English names, the people sheet alone being enough), or CSV files, one per sheet (<see cref="People"/> required,
/// the others optional). Streams are left open.
/// </summary>
public sealed record RegistryUpload(Stream? Workbook, Stream? People, Stream? Remisi, Stream? RegisterF);

/// <summary>
/// An opened registry file, read sheet by sheet as it streams (people first, then remisi, then register F; each
/// sheet once). Each method yields the rows valid on their own and adds every other row's problems to
/// <c>problems</c>; a row with a problem is not yielded. Duplicate registration numbers within the people sheet are
/// a problem of the later row. <see cref="Rows"/> counts every non-blank row read, valid or not.
/// </summary>
public interface IRegistryFile : IAsyncDisposable
{
    /// <summary>The sheet's name as the file writes it ("Warga Binaan", "Remisi", "Register F", or the CSV part's name).</summary>
    string SheetName(RegistrySheet sheet);

    /// <summary>A column's header as the file writes it (for problem messages), or the canonical name when absent.</summary>
    string ColumnName(RegistrySheet sheet, string column);

    /// <summary>Columns of the file that Ledger does not read (SDP exports many), as written, sheet-qualified.</summary>
    IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Non-blank rows read so far from a sheet, valid or not.</summary>
    int Rows(RegistrySheet sheet);

    IAsyncEnumerable<PersonRow> PeopleAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct);

    IAsyncEnumerable<RemisiRow> RemisiAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct);

    IAsyncEnumerable<RegisterFRow> RegisterFAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct);
}

/// <summary>
/// The canonical names of the registry file's columns (the English headers, also the field names of problems). The
/// Indonesian headers SDP writes (<c>No. Registrasi</c>, <c>Nama</c>, ...) are read as these.
/// </summary>
public static class RegistryColumns
{
    public const string RegistrationNumber = "registrationNumber";
    public const string FullName = "fullName";
    public const string BirthDate = "birthDate";
    public const string DetentionDate = "detentionDate";
    public const string SentenceYears = "sentenceYears";
    public const string SentenceMonths = "sentenceMonths";
    public const string SentenceDays = "sentenceDays";
    public const string SentenceKind = "sentenceKind";
    public const string ReleasedOn = "releasedOn";
    public const string RemisiKind = "kind";
    public const string DecreeDate = "decreeDate";
    public const string DecreeNumber = "decreeNumber";
    public const string Months = "months";
    public const string Days = "days";
    public const string Date = "date";
    public const string Description = "description";
}
