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

/// <summary>For <see cref="IWireName{TSelf}.Parse"/>: the number a wire name carries (0 when none), to build the candidate codes with.</summary>
public static class WireNumber
{
    public static int In(string name) =>
        int.TryParse(new string([.. name.Where(char.IsAsciiDigit)]), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;
}
