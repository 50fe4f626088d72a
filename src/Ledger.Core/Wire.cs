using System.Text.Json;

namespace Ledger.Core;

/// <summary>
/// The one spelling of an enum value on the wire and in the database: kebab-case lower
/// (<c>NotYetCompetent</c> → <c>not-yet-competent</c>). Dapper reads such a column back into the enum
/// when the query strips the dashes (<c>replace(result, '-', '') as Result</c>), because it parses enum
/// names ignoring case.
/// </summary>
public static class Wire
{
    public static string Of<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a kebab-case value back into its enum (the spelling <see cref="Of{T}"/> wrote).</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.Parse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
}
