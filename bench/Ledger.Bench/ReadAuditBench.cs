using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Bench;

/// <summary>
/// The cost of the read audit on the inmate list: the code behind <c>GET /facilities/{code}/inmates</c>
/// (<see cref="InmateStore.ListAsync"/>) run by several concurrent clients for a fixed time, alternately without and with
/// the audit row the API writes after it (<see cref="AuditStore.RecordReadAsync"/> naming the people returned), in the
/// same run on the same database, so the ratio compares like with like.
/// </summary>
/// <remarks>
/// Without HTTP, JSON and authentication in the way the audit's share is larger than through the API, so the ratio
/// here is a lower bound for the endpoint's.
/// </remarks>
internal static class ReadAuditBench
{
    private const string Database = "ledger_bench_read_audit";
    private const string Facility = "lapas-bench";

    private sealed record Options(int People, int Clients, int Seconds, int Rounds, int PageSize, string? Out)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(2000, 4, 10, 2, 50, null);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                options = args[i] switch
                {
                    "--people" => options with { People = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    "--clients" => options with { Clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    "--seconds" => options with { Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    "--rounds" => options with { Rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    "--page-size" => options with { PageSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    "--out" => options with { Out = args[i + 1] },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            return options;
        }
    }

    /// <summary>One timed phase: requests completed by all clients and their latencies.</summary>
    private sealed record Phase(bool Audited, int Round, int Requests, TimeSpan Took, double P50Ms, double P95Ms)
    {
        public double PerSecond => Requests / Took.TotalSeconds;
    }

    public static async Task<int> RunAsync(string server, string[] args)
    {
        var options = Options.Parse(args);
        var loadBefore = LoadAverage();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database, MaxPoolSize = Math.Max(20, options.Clients * 2) }.ConnectionString;
        Console.WriteLine($"preparing {Database} with {options.People:N0} people …");
        await ExecuteAsync(server, $"drop database if exists {Database} with (force)");
        Migrator.Migrate(connectionString);
        await SeedAsync(connectionString, options.People);

        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        var inmates = new InmateStore(dataSource);
        var audit = new AuditStore(dataSource);
        var pages = Math.Max(1, options.People / options.PageSize);

        Console.WriteLine("warm-up: 3 s each way (not counted)");
        await MeasureAsync(inmates, audit, options, pages, audited: false, round: 0, TimeSpan.FromSeconds(3));
        await MeasureAsync(inmates, audit, options, pages, audited: true, round: 0, TimeSpan.FromSeconds(3));

        var phases = new List<Phase>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var audited in new[] { false, true })
            {
                var phase = await MeasureAsync(inmates, audit, options, pages, audited, round, TimeSpan.FromSeconds(options.Seconds));
                phases.Add(phase);
                Console.WriteLine($"round {round} {(audited ? "with audit   " : "without audit")}: {phase.PerSecond,8:N0} lists/s  p50 {phase.P50Ms:F2} ms  p95 {phase.P95Ms:F2} ms");
            }
        }
        var auditRows = await CountAsync(connectionString, "select count(*) from audit_log where action = 'read.inmate-list'");
        var version = await ScalarTextAsync(connectionString, "select version()");
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"drop database if exists {Database} with (force)");

        var report = Report(phases, options, args, auditRows, version, loadBefore, LoadAverage(), SystemClock.Instance.GetCurrentInstant());
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report);
            Console.WriteLine($"written to {path}");
        }
        return 0;
    }

    private static async Task<Phase> MeasureAsync(InmateStore inmates, AuditStore audit, Options options, int pages, bool audited, int round, TimeSpan duration)
    {
        var actor = new Actor("bench-reader", ["bimker"], "bench");
        var at = Instant.FromUtc(2025, 11, 20, 3, 0);
        var latencies = new List<double>[options.Clients];
        var watch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            var random = new Random(client * 7919 + round);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                // The handler: one page of the facility's list; the filter after it: one audit row naming the people on it.
                var page = await inmates.ListAsync(Facility, null, random.Next(1, pages + 1), options.PageSize, CancellationToken.None);
                if (audited)
                {
                    await audit.RecordReadAsync(actor, Facility, "read.inmate-list", null, new ReadSubjects([.. page.Items.Select(i => i.Id.Value)], null), at, CancellationToken.None);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToList();
        await Task.WhenAll(clients);
        var took = watch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Phase(audited, round, all.Count, took, Percentile(all, 0.50), Percentile(all, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task SeedAsync(string connectionString, int people)
    {
        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into facility (code, name, region, time_zone, created_at) values ('lapas-bench', 'Lapas Bench', 'jawa-barat', 'Asia/Jakarta', now());
            insert into inmate (id, facility_code, registration_number, full_name, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
            select gen_random_uuid(), 'lapas-bench', 'BEN-' || lpad(n::text, 5, '0'), 'Orang ' || n, date '2020-01-01', 10, 0, 0, 'fixed', now()
            from generate_series(1, @people) as n;
            insert into inmate_placement (inmate_id, facility_code, started_on) select id, facility_code, detention_date from inmate;
            analyze;
            """, new { people });
    }

    private static string Report(List<Phase> phases, Options options, string[] args, long auditRows, string serverVersion, string loadBefore, string loadAfter, Instant when)
    {
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        var without = Median(phases.Where(p => !p.Audited).Select(p => p.PerSecond));
        var with = Median(phases.Where(p => p.Audited).Select(p => p.PerSecond));
        var text = new StringBuilder();
        text.AppendLine("# Read audit benchmark: the inmate list with and without its audit row");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {when:yyyy-MM-dd HH:mm}Z with `dotnet run -c Release --project bench/Ledger.Bench -- read-audit {string.Join(' ', args)}` (see bench/README.md).");
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Clients} concurrent clients each ask for a random page of {options.PageSize} of the facility's {options.People:N0} people through `InmateStore.ListAsync` (the code behind `GET /facilities/{{code}}/inmates`) for {options.Seconds} s per phase; in the audited phases each list is followed, as in the API, by `AuditStore.RecordReadAsync` writing one row with the {options.PageSize} ids. Phases alternate without/with, {options.Rounds} rounds, after a 3 s warm-up of each.");
        text.AppendLine();
        text.AppendLine("| round | read audit | lists/s | p50 (ms) | p95 (ms) |");
        text.AppendLine("|---:|---|---:|---:|---:|");
        foreach (var p in phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Round} | {(p.Audited ? "with" : "without")} | {p.PerSecond:N0} | {p.P50Ms:F2} | {p.P95Ms:F2} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Median lists/s: {without:N0} without, {with:N0} with the read audit; ratio with/without {with / without:F2}** (the issue's bar: not below 0.50).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Audit rows written during the run: {auditRows:N0}.");
        text.AppendLine("- The ratio is a lower bound for the endpoint: through HTTP, authentication and JSON add the same cost to both sides.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} logical CPUs, shared; load average before {loadBefore}, after {loadAfter} (1, 5, 15 minutes).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET {Environment.Version}; {serverVersion}; the private cluster of scripts/pg.sh (fsync off).");
        return text.ToString();
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string> ScalarTextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<string>(sql) ?? "?";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
