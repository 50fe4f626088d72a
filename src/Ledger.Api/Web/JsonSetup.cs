using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Work;
using Ledger.Core.Skills;
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
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new GuidIdConverter<InmateId>(g => new InmateId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<WorkOrderId>(g => new WorkOrderId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<WorkRecordId>(g => new WorkRecordId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<PremiSchemeId>(g => new PremiSchemeId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<PremiRunId>(g => new PremiRunId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<PremiEntryId>(g => new PremiEntryId(g), id => id.Value));
        options.Converters.Add(new RupiahConverter());
        options.Converters.Add(new GuidIdConverter<ProgrammeId>(g => new ProgrammeId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<TrainingEntryId>(g => new TrainingEntryId(g), id => id.Value));
        options.Converters.Add(new GuidIdConverter<CertificateId>(g => new CertificateId(g), id => id.Value));
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>Typed ids on the wire are the bare UUID string.</summary>
    public sealed class GuidIdConverter<T>(Func<Guid, T> wrap, Func<T, Guid> unwrap) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var guid) ? wrap(guid) : throw new JsonException($"The JSON value could not be converted to {typeof(T).FullName}. Path");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(unwrap(value));
    }

    /// <summary>Money on the wire is an integer number of rupiah.</summary>
    public sealed class RupiahConverter : JsonConverter<Rupiah>
    {
        public override Rupiah Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? new Rupiah(value) : throw new JsonException($"The JSON value could not be converted to {typeof(Rupiah).FullName}. Path");

        public override void Write(Utf8JsonWriter writer, Rupiah value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
    }
}
