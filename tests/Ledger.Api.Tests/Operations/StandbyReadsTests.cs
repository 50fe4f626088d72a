using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Pages;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// Reads that may be a moment old go to a hot standby, and nobody misses their own write: the API runs on a primary and
/// a streaming standby of its own (scripts/pg-pair.sh, on loopback ports beside the test server). The proof that a
/// report came from the standby: with the standby's replay paused, the primary holds a training the report does not
/// show. The same report asked by the training's author shows it (read from the primary), and once the standby is
/// further behind than allowed, everyone's report shows it.
/// </summary>
public sealed class StandbyReadsTests(StandbyReadsTests.App app) : IClassFixture<StandbyReadsTests.App>
{
    private const string Report = "/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-11-01&to=2025-11-20";

    public sealed class App : LedgerApp, IAsyncLifetime
    {
        /// <summary>Beside the test server's port, clear of the operations check's pair (+28 to +30).</summary>
        public int PrimaryPort { get; } = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString).Port + 34;

        public int StandbyPort => PrimaryPort + 1;

        private string Home { get; } = Path.Combine(Repository.Root, ".data", "pair-standby-reads");

        public string Superuser(int port) => $"Host=127.0.0.1;Port={port};Username=postgres;Database=ledger;Pooling=false";

        async Task IAsyncLifetime.InitializeAsync()
        {
            Pair("wipe");
            Pair("start");
            await Migrator.MigrateAsync($"Host=127.0.0.1;Port={PrimaryPort};Username=ledger_owner;Database=ledger", singleConnectionString: false,
                null, CancellationToken.None);
            // An asynchronous standby here: this test pauses its replay and stops it, which would hold every commit
            // of a synchronous one (durability under failover is the operations check's, scripts/ops-check.sh).
            await ExecuteAsync(PrimaryPort, "alter system set synchronous_standby_names = ''", "select pg_reload_conf()");
            await InitializeAsync();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            Pair("wipe");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Ledger", $"Host=127.0.0.1;Port={PrimaryPort};Username=ledger_app;Database=ledger");
            // The standby first, the primary when no standby answers.
            builder.UseSetting("ConnectionStrings:LedgerReads", $"Host=127.0.0.1:{StandbyPort},127.0.0.1:{PrimaryPort}");
            builder.UseSetting("Standby:MaxStalenessSeconds", "3");
            builder.UseSetting("Standby:CheckIntervalMilliseconds", "100");
        }

        public async Task ExecuteAsync(int port, params string[] statements)
        {
            await using var connection = new NpgsqlConnection(Superuser(port));
            await connection.OpenAsync();
            foreach (var sql in statements)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        public void Pair(string command)
        {
            var start = new ProcessStartInfo("bash", ["scripts/pg-pair.sh", command])
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["LEDGER_PAIR_PORT"] = PrimaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["LEDGER_PAIR_HOME"] = Home;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pg-pair.sh {command} exited {process.ExitCode}: {output.Result} {error}");
        }
    }

    [Fact]
    public async Task A_report_reads_from_the_standby_its_author_reads_their_own_write_and_a_standby_behind_is_left()
    {
        var bimker = app.Client("bimker", sub: "bimker-author");
        var reader = app.Client("reintegration", sub: "reintegration-reader");
        var person = await app.RegisterInmateAsync("lapas-cirebon", "CRB-STANDBY-01");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "las", name = "Pengelasan", kind = "training" }))
            .ExpectAsync(HttpStatusCode.Created);
        await RecordTrainingAsync(bimker, person, "2025-11-10", 60);
        await WaitForAsync(async () => await StandbyStatusAsync() == "in-use" && await MinutesAsync(reader) == 60, "the standby in use, with the first training");

        await app.ExecuteAsync(app.StandbyPort, "select pg_wal_replay_pause()");
        try
        {
            await RecordTrainingAsync(bimker, person, "2025-11-11", 30);

            // The author reads their own write at once; the reader, from the paused standby, does not have it yet.
            Assert.Equal(90, await MinutesAsync(bimker));
            Assert.Equal(60, await MinutesAsync(reader));

            // Further behind than the 3 s allowed: the reads go to the primary, and readiness says why.
            await WaitForAsync(async () => await StandbyStatusAsync() == "behind", "the standby reported behind");
            Assert.Equal(90, await MinutesAsync(reader));
        }
        finally
        {
            await app.ExecuteAsync(app.StandbyPort, "select pg_wal_replay_resume()");
        }
        await WaitForAsync(async () => await StandbyStatusAsync() == "in-use", "the standby in use again after replay resumed");
        Assert.Equal(90, await MinutesAsync(reader));
    }

    [Fact]
    public async Task A_standby_that_disappears_leaves_every_read_on_the_primary_without_an_error()
    {
        var reader = app.Client("reintegration", sub: "reintegration-outage");
        await WaitForAsync(async () => await StandbyStatusAsync() == "in-use", "the standby in use");
        await (await reader.GetAsync(Report)).ExpectAsync(HttpStatusCode.OK); // a pooled connection to the standby now exists

        app.Pair("standby-stop");
        try
        {
            // The first read meets the dead standby connection and is done again on the primary.
            for (var i = 0; i < 5; i++)
            {
                await (await reader.GetAsync(Report)).ExpectAsync(HttpStatusCode.OK);
                await (await reader.GetAsync("/api/v1/facilities/lapas-cirebon/releases?withinDays=3650")).ExpectAsync(HttpStatusCode.OK);
            }
            await WaitForAsync(async () => await StandbyStatusAsync() is "unreachable" or "on-primary", "the standby reported away");
            await (await app.Client("admin").GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            app.Pair("start");
        }
        await WaitForAsync(async () => await StandbyStatusAsync() == "in-use", "the standby in use again after it returned");
        await (await reader.GetAsync(Report)).ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task RecordTrainingAsync(HttpClient bimker, Guid person, string date, int minutes) =>
        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{person}/training", new { programmeCode = "las", date, minutes }))
            .ExpectAsync(HttpStatusCode.Created);

    private static async Task<long> MinutesAsync(HttpClient client)
    {
        var report = await (await client.GetAsync(Report)).ExpectAsync(HttpStatusCode.OK);
        return report.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("programmeCode").GetString() == "las")
            .Select(i => i.GetProperty("minutes").GetInt64()).SingleOrDefault();
    }

    private async Task<string?> StandbyStatusAsync()
    {
        var health = await (await app.CreateClient().GetAsync("/health/ready")).Content.ReadFromJsonAsync<JsonElement>();
        return health.TryGetProperty("standby", out var standby) ? standby.GetProperty("status").GetString() : null;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most 30 s (the checks run every 100 ms).</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 30 s for {what}.");
            await Task.Delay(100);
        }
    }
}
