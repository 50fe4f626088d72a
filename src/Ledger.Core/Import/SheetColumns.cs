using Ledger.Core.Text;

namespace Ledger.Core.Import;

/// <summary>
/// One column of an imported table: its canonical name (the English header, and the field a problem names), its
/// Indonesian header as the template writes it, whether a file must have it, and other headers it answers to
/// (SDP's own spellings). Every name is matched by <see cref="SheetColumns.Key"/>.
/// </summary>
public sealed record SheetColumn(string Name, string Indonesian, bool Required, params string[] Aliases);

/// <summary>Where a table's columns are (the index of each canonical column found), its header as written and what it ignores.</summary>
public sealed record SheetLayout(IReadOnlyDictionary<string, int> Index, IReadOnlyList<string> Header, IReadOnlyList<string> IgnoredColumns, char Separator)
{
    /// <summary>The column's header as the file writes it, or null when the file has no such column.</summary>
    public string? HeaderOf(string column) => Index.TryGetValue(column, out var i) ? Header[i] : null;
}

/// <summary>
/// The columns of one imported table and how a header row is read against them: names in any order, either language,
/// ignoring case, spaces, dots, dashes and underscores ("No. Registrasi", "no registrasi", "registrationNumber" and
/// "registration_number" are one column). Columns the table does not know are listed and ignored (SDP exports many).
/// </summary>
public sealed class SheetColumns(params SheetColumn[] columns)
{
    private readonly Dictionary<string, string> _byKey = columns
        .SelectMany(c => new[] { c.Name, c.Indonesian }.Concat(c.Aliases).Select(name => (Key: Key(name), c.Name)))
        .DistinctBy(x => x.Key)
        .ToDictionary(x => x.Key, x => x.Name, StringComparer.Ordinal);

    public IReadOnlyList<SheetColumn> All { get; } = columns;

    /// <summary>A header name without case, spaces, dots, dashes or underscores: <c>No. Registrasi</c> is <c>noregistrasi</c>.</summary>
    public static string Key(string name) => string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>The canonical column a header name stands for, or null for a column the table ignores.</summary>
    public string? ColumnOf(string headerName) => _byKey.GetValueOrDefault(Key(headerName));

    /// <summary>A column's header in the reader's language: <c>Tanggal SK</c> or <c>decreeDate</c>.</summary>
    public string NameOf(string column) =>
        All.FirstOrDefault(c => c.Name == column) is { } known ? (Language.IsIndonesian ? known.Indonesian : known.Name) : column;

    /// <summary>The header row in the template, in one language.</summary>
    public IReadOnlyList<string> TemplateHeader(bool indonesian) => [.. All.Select(c => indonesian ? c.Indonesian : c.Name)];

    /// <summary>
    /// Finds the columns in a header row. Returns the problems of line 1 instead when the row is empty, a required
    /// column is missing or a column is repeated (under two spellings too: "Nama" and "fullName").
    /// </summary>
    public (SheetLayout? Layout, IReadOnlyList<ImportProblem> Problems) ParseHeader(IReadOnlyList<string> header, char separator)
    {
        var names = header.Select(n => n.Trim()).ToList();
        var text = string.Join(separator, names);
        var optional = All.Where(c => !c.Required).Select(c => NameOf(c.Name)).ToList();
        var required = string.Join(Language.IsIndonesian ? ';' : ',', All.Where(c => c.Required).Select(c => NameOf(c.Name)));
        var expected = optional.Count > 0
            ? Catalogue.Fill(Text.Import.HeaderExpected, required, string.Join(", ", optional))
            : Catalogue.Fill(Text.Import.HeaderExpectedOnly, required);
        if (names.All(n => n.Length == 0))
        {
            return (null, [new ImportProblem(1, "header", null, Catalogue.Fill(Text.Import.FileEmpty, expected))]);
        }
        var problems = new List<ImportProblem>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (ColumnOf(names[i]) is not { } column)
            {
                if (names[i].Length > 0)
                {
                    ignored.Add(names[i]);
                }
            }
            else if (!index.TryAdd(column, i) && repeated.Add(column))
            {
                problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Text.Import.ColumnRepeated, NameOf(column))));
            }
        }
        var missing = All.Where(c => c.Required && !index.ContainsKey(c.Name)).Select(c => NameOf(c.Name)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Text.Import.ColumnsMissing, string.Join(", ", missing), expected)));
        }
        return problems.Count > 0 ? (null, problems) : (new SheetLayout(index, names, ignored, separator), []);
    }
}
