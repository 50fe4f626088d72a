using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace Ledger.Core.Text;

/// <summary>
/// How a catalogue text with placeholders is filled: <c>Catalogue.Fill(Problems.MustNotBeAfterToday, Format.Date(today))</c>.
/// Arguments that a person reads as a date or money are formatted by <see cref="Format"/> first; plain numbers are
/// written without separators, the same in both languages.
/// </summary>
public static class Catalogue
{
    [SuppressMessage("Performance", "CA1863:Use 'CompositeFormat'",
        Justification = "The format is the catalogue's text in the reader's language, a different string per language; a cache per text and language is not worth it for error messages and labels.")]
    public static string Fill(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
