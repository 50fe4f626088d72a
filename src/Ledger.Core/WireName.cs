using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Core;

/// <summary>
/// A code whose wire name carries its parameters, such as the condition <c>no-discipline-6-months</c>: the code's
/// <c>ToString</c> is the one place it is spelled, and <see cref="Parse"/> reads that spelling back.
/// </summary>
public interface IWireName<TSelf> where TSelf : class, IWireName<TSelf>
{
    /// <summary>The code with this wire name.</summary>
    /// <exception cref="FormatException">No code is spelled <paramref name="name"/>.</exception>
    static abstract TSelf Parse(string name);
}

/// <summary>Writes a wire-named code as its JSON string and reads it back.</summary>
public sealed class WireNameConverter<T> : JsonConverter<T> where T : class, IWireName<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return T.Parse(reader.GetString() ?? "");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new JsonException($"The JSON value could not be converted to {typeof(T).FullName}.", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>
/// Reading a wire name back without a second spelling of it: build one candidate of every kind, numbered with the
/// number the name carries, and take the one whose <c>ToString</c> is the name. A name no value writes
/// (<c>no-discipline-06-months</c>) matches none.
/// </summary>
public static class WireNames
{
    /// <summary>The number <paramref name="name"/> carries (0 when none), to build the candidates with.</summary>
    public static int NumberIn(string name) =>
        int.TryParse(new string([.. name.Where(char.IsAsciiDigit)]), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    /// <exception cref="FormatException">No candidate is spelled <paramref name="name"/>.</exception>
    public static T Pick<T>(string name, IEnumerable<T> candidates) where T : class =>
        candidates.FirstOrDefault(c => c.ToString() == name) ?? throw new FormatException($"'{name}' is not a {typeof(T).Name}.");
}
