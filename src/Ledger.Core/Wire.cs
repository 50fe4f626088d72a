using System.Text.Json;

namespace Ledger.Core;

/// <summary>
/// The one spelling of an enum value on the wire and in the database: kebab-case lower
/// (<c>NotYetCompetent</c> → <c>not-yet-competent</c>). Dapper writes and reads every enum of Ledger.Core through
/// <see cref="Of{T}"/> and <see cref="Parse{T}"/> (the handler in <c>LedgerDatabase</c>), so stores pass and read
/// enums as they are; the API's JSON converter and its problem texts use <see cref="Naming"/>.
/// </summary>
public static class Wire
{
    /// <summary>The naming rule itself, for the JSON enum converter and for listing an enum's values.</summary>
    public static JsonNamingPolicy Naming { get; } = JsonNamingPolicy.KebabCaseLower;

    public static string Of<T>(T value) where T : struct, Enum => Naming.ConvertName(value.ToString());

    /// <summary>Reads a kebab-case value back into its enum (the spelling <see cref="Of{T}"/> wrote).</summary>
    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.Parse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
}
