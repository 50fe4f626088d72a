using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Input;

/// <summary>
/// Bounds that keep a mistyped year out of the ledger: nothing it records (a detention, training, a certificate, a
/// programme, a work order, a premi scheme or run) happened before 1945, and nobody in it was born before 1900.
/// </summary>
public static class PlausibleDates
{
    /// <summary>The earliest day of anything the ledger records.</summary>
    public static readonly LocalDate Earliest = new(1945, 1, 1);

    /// <summary>The earliest birth date.</summary>
    public static readonly LocalDate EarliestBirth = new(1900, 1, 1);

    /// <summary>How far ahead a planned day (a programme's start, a work order's end) may lie.</summary>
    public const int MaxYearsAhead = 10;

    public static string NotBefore(LocalDate earliest) => Catalogue.Fill(Fields.MustNotBeBefore, Format.Date(earliest));
}
