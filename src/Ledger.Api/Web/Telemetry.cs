using Ledger.Core.Pipeline;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Api.Web;

/// <summary>
/// OpenTelemetry traces and metrics over OTLP, when an endpoint is configured (<c>Telemetry:OtlpEndpoint</c>, or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): ASP.NET Core's requests, Npgsql's commands and pool, and the ledger's
/// own instruments (<see cref="LedgerMetrics"/>: writes by action, refusals by reason, imported rows). Without an
/// endpoint nothing is collected and nothing is sent.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri))
        {
            return builder;
        }
        // OTLP over HTTP (protobuf) unless grpc is asked for: it passes the proxies an office network has.
        var protocol = string.Equals(builder.Configuration["Telemetry:OtlpProtocol"], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var exportEvery = int.TryParse(builder.Configuration["Telemetry:MetricIntervalMilliseconds"], out var ms) && ms > 0 ? ms : 60_000;
        void Configure(OtlpExporterOptions options, string signal)
        {
            options.Protocol = protocol;
            options.Endpoint = protocol == OtlpExportProtocol.Grpc ? baseUri : new Uri(baseUri, $"v1/{signal}");
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["Telemetry:ServiceName"] ?? "ledger-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource(LedgerMetrics.Name)
                .AddOtlpExporter(options => Configure(options, "traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(LedgerMetrics.Name)
                .AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = exportEvery;
                }));
        return builder;
    }
}
