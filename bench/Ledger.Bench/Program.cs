using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Ledger.Bench;
using Ledger.Core.Facilities;
using Ledger.Core.Skills;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

// The CSV import benchmark: Stopwatch-timed runs of TrainingImportStore.ImportAsync (parse, binary COPY,
// set-based checks, INSERT ... SELECT, commit) against a real PostgreSQL, each on a fresh database cloned from a
// seeded template. BenchmarkDotNet's many in-process iterations do not fit a run that writes a million rows and
// needs a fresh database every time, so this reports a warm-up plus N repetitions as min and median.
//   dotnet run -c Release --project bench/Ledger.Bench -- [--rows 100000,1000000] [--repetitions 3] [--people 1000] [--out FILE]
// The read-audit benchmark (ReadAuditBench): the inmate list with and without its audit row, in the same run.
//   dotnet run -c Release --project bench/Ledger.Bench -- read-audit [--people 2000] [--clients 4] [--seconds 10] [--rounds 2] [--out FILE]
var server = Environment.GetEnvironmentVariable("LEDGER_BENCH_DB")
    ?? $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("LEDGER_PG_PORT") ?? "55432"};Username=postgres;Database=postgres";
if (args.FirstOrDefault() == "registry")
{
    return await RegistryBench.RunAsync(server, args[1..]);
}
if (args.FirstOrDefault() == "read-audit")
{
    return await ReadAuditBench.RunAsync(server, args[1..]);
}
var options = Options.Parse(args);
var clock = new FixedClock(Instant.FromUtc(2025, 11, 20, 3, 0));
const string Template = "ledger_bench_template";
const string Run = "ledger_bench_run";

var loadBefore = LoadAverage();
Console.WriteLine($"preparing {Template} with {options.People} people …");
await ExecuteAsync(server, $"drop database if exists {Run} with (force)");
await ExecuteAsync(server, $"drop database if exists {Template} with (force)");
Migrator.Migrate(For(server, Template));
await SeedAsync(For(server, Template), options.People);
NpgsqlConnection.ClearAllPools();

Console.WriteLine("warm-up: 20,000 rows (not counted)");
await ImportOnceAsync(20_000);

var results = new List<(int Rows, List<Run> Runs)>();
foreach (var rows in options.Rows)
{
    var runs = new List<Run>();
    for (var i = 1; i <= options.Repetitions; i++)
    {
        var run = await ImportOnceAsync(rows);
        runs.Add(run);
        Console.WriteLine($"{rows,9:N0} rows  run {i}: {run.Total.TotalSeconds,7:F2} s  {rows / run.Total.TotalSeconds,10:N0} rows/s  ({run.Describe()})");
    }
    results.Add((rows, runs));
}
await ExecuteAsync(server, $"drop database if exists {Run} with (force)");
await ExecuteAsync(server, $"drop database if exists {Template} with (force)");

var report = Report(results, options, await ServerVersionAsync(server), args, loadBefore, LoadAverage(), SystemClock.Instance.GetCurrentInstant());
Console.WriteLine();
Console.WriteLine(report);
if (options.Out is { } path)
{
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"written to {path}");
}
return 0;

async Task<Run> ImportOnceAsync(int rows)
{
    var csv = TrainingCsvGenerator.Generate(rows, options.People);
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(server, $"drop database if exists {Run} with (force)");
    await ExecuteAsync(server, $"create database {Run} template {Template}");
    await using var dataSource = LedgerDatabase.CreateDataSource(For(server, Run));
    var facility = await new FacilityStore(dataSource).GetAsync("lapas-bench", CancellationToken.None) ?? throw new InvalidOperationException("no facility");
    using var body = new MemoryStream(csv, writable: false);

    var phases = new List<(string Phase, TimeSpan Took)>();
    var watch = Stopwatch.StartNew();
    await using (var session = await WriteSession.BeginAsync(dataSource, new Actor("bench", ["bimker"], "bench"), clock, CancellationToken.None))
    {
        var outcome = await TrainingImportStore.ImportAsync(session, facility, body, (phase, took) => phases.Add((phase, took)), CancellationToken.None);
        if (outcome.Imported is null)
        {
            throw new InvalidOperationException($"The generated file was refused: {string.Join("; ", outcome.Problems.Take(5).Select(p => $"{p.ErrorKey()} {p.Reason}"))}");
        }
        var beforeCommit = watch.Elapsed;
        await session.CommitAsync(CancellationToken.None);
        phases.Add(("commit", watch.Elapsed - beforeCommit));
    }
    watch.Stop();

    await using var check = await dataSource.OpenConnectionAsync();
    var written = await check.ExecuteScalarAsync<long>("select count(*) from training_entry");
    return written == rows ? new Run(watch.Elapsed, phases) : throw new InvalidOperationException($"{written} rows written, {rows} expected");
}

static async Task SeedAsync(string connectionString, int people)
{
    await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
    await using var connection = await dataSource.OpenConnectionAsync();
    await connection.ExecuteAsync("""
        insert into facility (code, name, region, time_zone, created_at) values ('lapas-bench', 'Lapas Bench', 'jawa-barat', 'Asia/Jakarta', now());
        insert into programme (id, facility_code, code, name, kind, created_by, created_at)
        select gen_random_uuid(), 'lapas-bench', code, code, 'both', 'bench', now() from unnest(@programmes) as code;
        insert into inmate (id, facility_code, registration_number, full_name, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
        select gen_random_uuid(), 'lapas-bench', 'BEN-' || lpad(n::text, 5, '0'), 'Orang ' || n, date '2020-01-01', 10, 0, 0, 'fixed', now()
        from generate_series(1, @people) as n;
        insert into inmate_placement (inmate_id, facility_code, started_on) select id, facility_code, detention_date from inmate;
        analyze;
        """, new { programmes = TrainingCsvGenerator.Programmes, people });
}

static string For(string server, string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

static async Task ExecuteAsync(string server, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
    await connection.OpenAsync();
    await connection.ExecuteAsync(sql);
}

static async Task<string> ServerVersionAsync(string server)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    return await connection.ExecuteScalarAsync<string>("select version()") ?? "?";
}

static string Report(List<(int Rows, List<Run> Runs)> results, Options options, string serverVersion, string[] args, string loadBefore, string loadAfter, Instant when)
{
    var text = new StringBuilder();
    text.AppendLine("# CSV import benchmark");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Measured {when:yyyy-MM-dd HH:mm}Z with `dotnet run -c Release --project bench/Ledger.Bench -- {string.Join(' ', args)}` (see bench/README.md).");
    text.AppendLine(CultureInfo.InvariantCulture, $"Each run imports a generated file through `TrainingImportStore.ImportAsync` (the code behind `POST /facilities/{{code}}/imports/training`) on a fresh database cloned from a seeded template, timed with a Stopwatch from the start of the write session to its commit; one warm-up run of 20,000 rows is not counted.");
    text.AppendLine();
    text.AppendLine("| rows | runs | min (s) | median (s) | best rows/s | median rows/s | median run: stage / check / write / commit (s) |");
    text.AppendLine("|---:|---:|---:|---:|---:|---:|---|");
    foreach (var (rows, runs) in results)
    {
        var sorted = runs.OrderBy(r => r.Total).ToList();
        var median = sorted[sorted.Count / 2];
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {rows:N0} | {runs.Count} | {sorted[0].Total.TotalSeconds:F2} | {median.Total.TotalSeconds:F2} | {rows / sorted[0].Total.TotalSeconds:N0} | {rows / median.Total.TotalSeconds:N0} | {median.Describe()} |");
    }
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"- Data: {options.People:N0} people, 2 programmes, every (person, programme, day) once, 120 minutes each.");
    text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} logical CPUs, shared; load average before {loadBefore}, after {loadAfter} (1, 5, 15 minutes).");
    text.AppendLine(CultureInfo.InvariantCulture, $"- .NET {Environment.Version}; {serverVersion}; the private cluster of scripts/pg.sh (fsync off, 128 MB shared buffers).");
    text.AppendLine("- Phases: stage = parse and binary COPY into the staging table; check = resolve people and programmes, daily totals and entries already recorded, one pass over the staged rows; write = INSERT ... SELECT into training_entry with its two indexes and the statement-level reference check.");
    return text.ToString();
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

/// <summary>One timed import: from the start of its write session to its commit, and its phases.</summary>
internal sealed record Run(TimeSpan Total, IReadOnlyList<(string Phase, TimeSpan Took)> Phases)
{
    public string Describe() => string.Join(" / ", Phases.Select(p => p.Took.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));
}

/// <summary>The bench's clock: the same "today" as the tests, so every generated day is in the past.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}

internal sealed record Options(int[] Rows, int Repetitions, int People, string? Out)
{
    public static Options Parse(string[] args)
    {
        var options = new Options([100_000, 1_000_000], 3, 1000, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--rows" => options with { Rows = args[i + 1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() },
                "--repetitions" => options with { Repetitions = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--people" => options with { People = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--out" => options with { Out = args[i + 1] },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
