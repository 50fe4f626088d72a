using Ledger.Core;
using Ledger.Core.Text;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Web;

/// <summary>Query-string values that minimal APIs cannot bind themselves (NodaTime has no TryParse).</summary>
public static class QueryValues
{
    /// <summary>Parses an optional yyyy-MM-dd query value; a malformed or non-existent day is a 400 naming the field.</summary>
    public static LocalDate? Date(string? text, string field)
    {
        var errors = new FieldErrors();
        var day = Date(text, field, errors);
        errors.ThrowIfAny();
        return day;
    }

    /// <summary>
    /// An optional period of days, <c>from</c> and <c>to</c> both included: each a yyyy-MM-dd day or absent, and
    /// <c>from</c> not after <c>to</c>. A 400 names every refused field.
    /// </summary>
    public static (LocalDate? From, LocalDate? To) Period(string? from, string? to)
    {
        var errors = new FieldErrors();
        var first = Date(from, "from", errors);
        var last = Date(to, "to", errors);
        errors.ThrowIfAny();
        return first > last ? throw ValidationFailedException.For("from", Catalogue.Fill(Fields.MustNotBeAfter, "to")) : (first, last);
    }

    /// <summary>
    /// <see cref="Period(string?, string?)"/> with defaults: <c>to</c> is <paramref name="defaultTo"/> when absent,
    /// and <c>from</c> is <paramref name="defaultFrom"/> of that end.
    /// </summary>
    public static (LocalDate From, LocalDate To) Period(string? from, string? to, LocalDate defaultTo, Func<LocalDate, LocalDate> defaultFrom)
    {
        var errors = new FieldErrors();
        var first = Date(from, "from", errors);
        var last = Date(to, "to", errors) ?? defaultTo;
        errors.ThrowIfAny();
        var start = first ?? defaultFrom(last);
        return start > last ? throw ValidationFailedException.For("from", Catalogue.Fill(Fields.MustNotBeAfter, "to")) : (start, last);
    }

    private static LocalDate? Date(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        if (!result.Success)
        {
            errors.Add(field, Catalogue.Fill(Fields.NotAnIsoDay, text));
            return null;
        }
        return result.Value;
    }
}
