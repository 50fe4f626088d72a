using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Core;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using NodaTime;
using NodaTime.Text;
using NodaTime.Serialization.SystemTextJson;

namespace Ledger.Api.Web;

/// <summary>The wire format: camelCase, NodaTime as ISO-8601, enums as kebab-case strings, ids as plain UUIDs.</summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new LocalDateConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new JsonStringEnumConverter(Wire.Naming, allowIntegerValues: false));
        options.Converters.Add(new TypedIdConverterFactory());
        options.Converters.Add(new RupiahConverter());
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>Typed ids on the wire are the bare UUID string.</summary>
    public sealed class TypedIdConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => TypedIds.IsTypedId(typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(TypedIdConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class TypedIdConverter<T> : JsonConverter<T> where T : struct, ITypedId<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var guid) ? T.From(guid) : throw new BadValueException(BindingErrors.NotA(typeof(T)));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    /// <summary>Money on the wire is an integer number of rupiah.</summary>
    public sealed class RupiahConverter : JsonConverter<Rupiah>
    {
        public override Rupiah Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? new Rupiah(value) : throw new BadValueException(BindingErrors.NotA(typeof(Rupiah)));

        public override void Write(Utf8JsonWriter writer, Rupiah value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
    }

    /// <summary>
    /// A day on the wire is yyyy-MM-dd. Ours rather than NodaTime's so that a refused day says why in our words:
    /// "The day 30 is out of range in month 2 of year 2025".
    /// </summary>
    public sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            var parsed = text is null ? null : LocalDatePattern.Iso.Parse(text);
            if (parsed is { Success: true })
            {
                return parsed.Value;
            }
            var reason = BindingErrors.NotA(typeof(LocalDate));
            throw new BadValueException(text is null ? reason : $"{reason} ({OutOfRange(text) ?? Catalogue.Fill(ProblemTexts.NotIsoDay, text)})");
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));

        /// <summary>For text shaped like yyyy-MM-dd, the month or day that does not exist; otherwise null.</summary>
        private static string? OutOfRange(string text)
        {
            var parts = text.Split('-');
            if (parts.Length != 3 || parts[0].Length != 4 || parts[1].Length != 2 || parts[2].Length != 2
                || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], out var month) || !int.TryParse(parts[2], out var day))
            {
                return null;
            }
            return month is < 1 or > 12 ? Catalogue.Fill(ProblemTexts.MonthOutOfRange, month, year)
                : day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) ? Catalogue.Fill(ProblemTexts.DayOutOfRange, day, month, year)
                : null;
        }
    }
}
