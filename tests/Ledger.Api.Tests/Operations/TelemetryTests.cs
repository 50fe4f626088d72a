using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The ledger's own instruments count what was written and what was refused, and with an OTLP endpoint configured the
/// API sends traces and metrics there (a local HTTP listener stands in for the collector; the exporter is the real one).
/// </summary>
public sealed class TelemetryTests(TelemetryTests.App app) : IClassFixture<TelemetryTests.App>
{
    public sealed class App : LedgerApp, IAsyncLifetime
    {
        public OtlpReceiver Receiver { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:OtlpEndpoint", Receiver.Url);
            builder.UseSetting("Telemetry:MetricIntervalMilliseconds", "500");
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            Receiver.Dispose();
        }
    }

    [Fact]
    public async Task A_write_and_a_refusal_are_counted_by_action_and_by_reason()
    {
        var seen = new ConcurrentBag<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LedgerMetrics.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        await app.RegisterInmateAsync("lapas-cirebon", "CRB-TELE-01");
        var refused = await app.Client("admin").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates", new { registrationNumber = "" }, LedgerApp.Json);
        await refused.ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(("ledger.writes", 1L, "action=inmate.register"), seen);
        Assert.Contains(("ledger.refusals", 1L, "reason=invalid"), seen);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_api_sends_its_traces_and_metrics_there()
    {
        await (await app.Client("admin").GetAsync("/api/v1/facilities/lapas-cirebon/inmates")).ExpectAsync(HttpStatusCode.OK);

        // The exporters send on their own schedule (traces in batches every 5 s, metrics every 500 ms here).
        var received = await Task.WhenAll(app.Receiver.FirstAsync("/v1/traces"), app.Receiver.FirstAsync("/v1/metrics")).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.All(received, r => Assert.True(r.Length > 0));
    }

    /// <summary>An HTTP listener on a loopback port that records the OTLP requests it receives and answers 200.</summary>
    public sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<(string ContentType, long Length)>> _first = new();

        public OtlpReceiver()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync();
        }

        public string Url { get; }

        public Task<(string ContentType, long Length)> FirstAsync(string path) => Waiter(path).Task;

        private TaskCompletionSource<(string, long)> Waiter(string path) =>
            _first.GetOrAdd(path, _ => new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously));

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Waiter(context.Request.Url!.AbsolutePath).TrySetResult((context.Request.ContentType ?? "", body.Length));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose() => _listener.Close();
    }
}
