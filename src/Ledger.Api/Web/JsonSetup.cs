using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Core;
using Ledger.Core.Premi;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Ledger.Api.Web;

/// <summary>The wire format: camelCase, NodaTime as ISO-8601, enums as kebab-case strings, ids as plain UUIDs.</summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
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
            reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var guid) ? T.From(guid) : throw new JsonException($"The JSON value could not be converted to {typeof(T).FullName}. Path");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }

    /// <summary>Money on the wire is an integer number of rupiah.</summary>
    public sealed class RupiahConverter : JsonConverter<Rupiah>
    {
        public override Rupiah Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? new Rupiah(value) : throw new JsonException($"The JSON value could not be converted to {typeof(Rupiah).FullName}. Path");

        public override void Write(Utf8JsonWriter writer, Rupiah value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
    }
}
