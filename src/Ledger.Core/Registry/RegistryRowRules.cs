using Ledger.Core.Import;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using NodaTime;
using C = Ledger.Core.Registry.RegistryColumns;

namespace Ledger.Core.Registry;

/// <summary>
/// The checks of one registry row that need nothing but the row and today, with the rules and words of the same entry
/// made by hand: a person's row goes through <see cref="InmateRules.ValidateRegistration"/> itself, a remisi or
/// register F row through the same ranges and free-text rules. Pure: the row's cells (by canonical column) in, the
/// valid row out, or null with its problems added. What needs the database (the person's facility, a remisi longer
/// than the sentence, a remisi for someone unknown) is checked by the import.
/// </summary>
public static class RegistryRowRules
{
    public static PersonRow? Person(int line, Func<string, string> cell, LocalDate today, ICollection<RegistryProblem> problems)
    {
        var row = new RowCheck(RegistrySheet.People, line, cell, problems);
        var birth = row.OptionalDate(C.BirthDate);
        var detention = row.Date(C.DetentionDate);
        var years = row.Part(C.SentenceYears);
        var months = row.Part(C.SentenceMonths);
        var days = row.Part(C.SentenceDays);
        var kind = row.Kind(C.SentenceKind, SentenceKinds, Text.Registry.UnknownSentenceKind);
        var released = row.OptionalDate(C.ReleasedOn);
        ValidRegistration? valid = null;
        try
        {
            valid = InmateRules.ValidateRegistration(
                new RegisterInmate(cell(C.RegistrationNumber), cell(C.FullName), birth, detention, new SentenceInput(years, months, days), kind), today);
        }
        catch (ValidationFailedException refused)
        {
            foreach (var (field, reasons) in refused.Errors)
            {
                // A cell already refused for its spelling is not refused again for being absent.
                var column = PersonColumn(field);
                var skip = field == "sentence" ? row.Failed(C.SentenceYears) || row.Failed(C.SentenceMonths) || row.Failed(C.SentenceDays) : row.Failed(column);
                foreach (var reason in skip ? [] : reasons)
                {
                    row.Add(column, reason);
                }
            }
        }
        if (released is { } releasedOn)
        {
            if (releasedOn > today)
            {
                row.Add(C.ReleasedOn, Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
            }
            else if (detention is { } held && releasedOn < held)
            {
                row.Add(C.ReleasedOn, Fields.MustNotBeBeforeDetention);
            }
        }
        return row.Count == 0 && valid is not null
            ? new PersonRow(line, valid.RegistrationNumber, valid.FullName, birth, detention!.Value, valid.Sentence, released)
            : null;
    }

    public static RemisiRow? Remisi(int line, Func<string, string> cell, LocalDate today, ICollection<RegistryProblem> problems)
    {
        var row = new RowCheck(RegistrySheet.Remisi, line, cell, problems);
        var number = row.RegistrationNumber();
        var kind = row.Kind(C.RemisiKind, RemisiKinds, Text.Registry.UnknownRemisiKind);
        var granted = row.PastDate(C.DecreeDate, today, PlausibleDates.Earliest);
        var decree = row.FreeText(C.DecreeNumber, InmateRules.MaxDecreeNumberLength, multiLine: false);
        var months = row.Part(C.Months, 0, InmateRules.MaxRemisiMonths);
        var days = row.Part(C.Days, 0, InmateRules.MaxRemisiDays);
        if (months == 0 && days == 0)
        {
            row.Add(C.Months, Fields.RemisiAtLeastOneMonthOrDay);
        }
        return row.Count == 0 ? new RemisiRow(line, number!, kind!.Value, granted!.Value, decree!, months!.Value, days!.Value) : null;
    }

    public static RegisterFRow? RegisterF(int line, Func<string, string> cell, LocalDate today, ICollection<RegistryProblem> problems)
    {
        var row = new RowCheck(RegistrySheet.RegisterF, line, cell, problems);
        var number = row.RegistrationNumber();
        var day = row.PastDate(C.Date, today, PlausibleDates.Earliest);
        var description = row.FreeText(C.Description, InmateRules.MaxDisciplineDescriptionLength, multiLine: true);
        return row.Count == 0 ? new RegisterFRow(line, number!, day!.Value, description!) : null;
    }

    /// <summary>The kinds of sentence by their words in either language (as <see cref="SheetColumns.Key"/> writes them).</summary>
    public static readonly IReadOnlyDictionary<string, SentenceKind> SentenceKinds = new Dictionary<string, SentenceKind>(StringComparer.Ordinal)
    {
        ["sementara"] = SentenceKind.Fixed, ["fixed"] = SentenceKind.Fixed,
        ["seumurhidup"] = SentenceKind.Life, ["life"] = SentenceKind.Life,
        ["mati"] = SentenceKind.Death, ["death"] = SentenceKind.Death,
    };

    /// <summary>The kinds of remisi by their words in either language.</summary>
    public static readonly IReadOnlyDictionary<string, RemissionKind> RemisiKinds = new Dictionary<string, RemissionKind>(StringComparer.Ordinal)
    {
        ["umum"] = RemissionKind.Umum, ["general"] = RemissionKind.Umum,
        ["khusus"] = RemissionKind.Khusus, ["special"] = RemissionKind.Khusus,
        ["dasawarsa"] = RemissionKind.Dasawarsa, ["decennial"] = RemissionKind.Dasawarsa,
        ["tambahan"] = RemissionKind.Tambahan, ["additional"] = RemissionKind.Tambahan,
        ["lainnya"] = RemissionKind.Lainnya, ["other"] = RemissionKind.Lainnya,
    };

    /// <summary>The column of a field <see cref="InmateRules.ValidateRegistration"/> names.</summary>
    private static string PersonColumn(string field) => field switch
    {
        "sentence" or "sentence.years" => C.SentenceYears,
        "sentence.months" => C.SentenceMonths,
        "sentence.days" => C.SentenceDays,
        _ => field,
    };

    /// <summary>The problems of one row as they are found, each with its cell; remembers which cells were refused.</summary>
    private sealed class RowCheck(RegistrySheet sheet, int line, Func<string, string> cell, ICollection<RegistryProblem> problems)
    {
        private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

        public int Count => _failed.Count;

        public bool Failed(string column) => _failed.Contains(column);

        public void Add(string column, string reason)
        {
            _failed.Add(column);
            var value = cell(column);
            problems.Add(new RegistryProblem(sheet, line, column, value.Length == 0 ? null : value.Length > 100 ? value[..100] + "…" : value, reason));
        }

        public string? RegistrationNumber()
        {
            if (Input.RegistrationNumber.TryNormalize(cell(C.RegistrationNumber), out var normal, out var problem))
            {
                return normal;
            }
            Add(C.RegistrationNumber, problem);
            return null;
        }

        public LocalDate? Date(string column)
        {
            if (Cells.Date(cell(column), out var day) is { } problem)
            {
                Add(column, problem);
                return null;
            }
            return day;
        }

        public LocalDate? OptionalDate(string column) => cell(column).Length == 0 ? null : Date(column);

        /// <summary>A required date not after today nor before <paramref name="earliest"/>.</summary>
        public LocalDate? PastDate(string column, LocalDate today, LocalDate earliest)
        {
            var day = Date(column);
            if (day > today)
            {
                Add(column, Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
                return null;
            }
            if (day < earliest)
            {
                Add(column, PlausibleDates.NotBefore(earliest));
                return null;
            }
            return day;
        }

        /// <summary>
        /// A part of a length (years, months, days): an empty cell is 0. Without bounds any whole number passes, for
        /// a rule that checks the range itself (<see cref="InmateRules.ValidateRegistration"/>).
        /// </summary>
        public int? Part(string column, int min = int.MinValue, int max = int.MaxValue)
        {
            var text = cell(column);
            if (text.Length == 0)
            {
                return 0;
            }
            if (Cells.WholeNumber(text, min, max, out var value) is { } problem)
            {
                Add(column, problem);
                return null;
            }
            return value;
        }

        public T? Kind<T>(string column, IReadOnlyDictionary<string, T> kinds, string unknown)
            where T : struct
        {
            var text = cell(column);
            if (text.Length == 0)
            {
                Add(column, Text.Import.Required);
                return null;
            }
            if (kinds.TryGetValue(SheetColumns.Key(text), out var kind))
            {
                return kind;
            }
            Add(column, unknown);
            return null;
        }

        public string? FreeText(string column, int maxLength, bool multiLine)
        {
            var text = cell(column);
            if (text.Length == 0)
            {
                Add(column, Text.Import.Required);
                return null;
            }
            if (Input.FreeText.Problem(text, maxLength, multiLine) is { } problem)
            {
                Add(column, problem);
                return null;
            }
            return text.Trim();
        }
    }
}
