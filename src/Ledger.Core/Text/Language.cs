using System.Globalization;

namespace Ledger.Core.Text;

/// <summary>
/// The two languages Ledger speaks. The catalogue (the .resx files of this folder) is read in the current UI
/// culture, which each adapter sets per request: the staff pages default to Indonesian, the API follows
/// Accept-Language and keeps English for a client that asks for nothing (its contract predates the catalogue).
/// The neutral resources are English; Indonesian is the <c>id</c> satellite.
/// </summary>
/// <remarks>
/// The process runs with invariant globalization (no ICU): these cultures carry only their names, which is all the
/// resource lookup needs. Dates, months and rupiah are formatted by <see cref="Format"/>, never by the culture.
/// </remarks>
public static class Language
{
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The supported languages, Indonesian first.</summary>
    public static readonly IReadOnlyList<CultureInfo> All = [Indonesian, English];

    /// <summary>Whether the current reader reads Indonesian (by name: with invariant globalization the culture knows nothing else).</summary>
    public static bool IsIndonesian => Find(CultureInfo.CurrentUICulture.Name) == Indonesian;

    /// <summary>The supported language named by a tag such as "id", "id-ID" or "en-GB"; null for any other.</summary>
    public static CultureInfo? Find(string? tag) =>
        tag is null ? null
        : tag.StartsWith("id", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-') ? Indonesian
        : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-') ? English
        : null;

    /// <summary>Runs <paramref name="work"/> with <paramref name="culture"/> as the UI culture (tests, commands, exports).</summary>
    public static T In<T>(CultureInfo culture, Func<T> work)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
