using Ledger.Core;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Web;

/// <summary>Query-string values that minimal APIs cannot bind themselves (NodaTime has no TryParse).</summary>
public static class QueryValues
{
    /// <summary>Parses an optional yyyy-MM-dd query value; a malformed or non-existent day is a 400 naming the field.</summary>
    public static LocalDate? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        return result.Success ? result.Value : throw ValidationFailedException.For(field, $"'{text}' is not an existing day as yyyy-MM-dd");
    }
}
