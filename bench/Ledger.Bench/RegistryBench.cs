using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Registry;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Bench;

/// <summary>
/// The registry import benchmark: a generated SDP export (people and two remisi each) previewed, applied and
/// re-imported through <see cref="RegistryImport.PreviewOrApplyAsync"/> on a fresh database, each timed from the
/// start of the write session to its commit (or rollback, for a preview), and the process's peak working set.
///   dotnet run -c Release --project bench/Ledger.Bench -- registry [--people 3000] [--out FILE]
/// </summary>
internal static class RegistryBench
{
    public static async Task<int> RunAsync(string server, string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3000);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        const string Database = "ledger_bench_registry";
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
        await ExecuteAsync(server, $"drop database if exists {Database} with (force)");
        Migrator.Migrate(connectionString);
        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("insert into facility (code, name, region, time_zone, created_at) values ('lapas-bench', 'Lapas Bench', 'jawa-barat', 'Asia/Jakarta', now())");
        }
        var facility = await new FacilityStore(dataSource).GetAsync("lapas-bench", CancellationToken.None) ?? throw new InvalidOperationException("no facility");
        var (peopleCsv, remisiCsv) = Generate(people);
        var clock = new FixedClock(Instant.FromUtc(2025, 11, 20, 3, 0));

        var lines = new List<string>();
        foreach (var (name, dryRun) in new[] { ("preview (all new)", true), ("apply (all new)", false), ("re-import (no change)", false) })
        {
            var watch = Stopwatch.StartNew();
            await using var session = await WriteSession.BeginAsync(dataSource, new Actor("bench", ["admin"], "bench"), clock, CancellationToken.None);
            using var peopleStream = new MemoryStream(peopleCsv, writable: false);
            using var remisiStream = new MemoryStream(remisiCsv, writable: false);
            var report = await RegistryImport.PreviewOrApplyAsync(session, facility, new RegistryUpload(null, peopleStream, remisiStream, null), dryRun, CancellationToken.None);
            if (!dryRun)
            {
                await session.CommitAsync(CancellationToken.None);
            }
            var took = watch.Elapsed;
            var c = report.Counts;
            var line = $"| {name} | {people:N0} | {people * 2:N0} | {took.TotalSeconds:F2} s | new {c.New:N0}, unchanged {c.Unchanged:N0}, remisi new {c.RemisiNew:N0}, present {c.RemisiPresent:N0}, problems {c.Problems} |";
            Console.WriteLine(line);
            lines.Add(line);
        }
        await ExecuteAsync(server, $"drop database if exists {Database} with (force)");
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        var result = new StringBuilder()
            .AppendLine("# Registry import benchmark")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Ledger.Bench -- registry --people {people}` on {Environment.ProcessorCount} cores, {SystemClock.Instance.GetCurrentInstant():yyyy-MM-dd HH:mm} UTC.")
            .AppendLine()
            .AppendLine("| run | people rows | remisi rows | time | report |")
            .AppendLine("|---|---|---|---|---|");
        lines.ForEach(l => result.AppendLine(l));
        result.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Peak working set of the process (file generation included): {peak:N0} MB.");
        Console.WriteLine(result);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, result.ToString());
        }
        return 0;
    }

    /// <summary>People held since 2020 on ten-year sentences, each with two remisi of one month.</summary>
    private static (byte[] People, byte[] Remisi) Generate(int people)
    {
        var p = new StringBuilder("No. Registrasi;Nama;Tanggal Lahir;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana;Tanggal Bebas\r\n");
        var r = new StringBuilder("No. Registrasi;Jenis;Tanggal SK;Nomor SK;Bulan;Hari\r\n");
        for (var n = 1; n <= people; n++)
        {
            var number = $"BEN-{n:D6}";
            p.Append(CultureInfo.InvariantCulture, $"{number};Orang {n};12/05/1990;01/01/2020;10;0;0;sementara;\r\n");
            r.Append(CultureInfo.InvariantCulture, $"{number};umum;17/08/2023;SK-23-{n};1;0\r\n");
            r.Append(CultureInfo.InvariantCulture, $"{number};umum;17/08/2024;SK-24-{n};1;0\r\n");
        }
        return (Encoding.UTF8.GetBytes(p.ToString()), Encoding.UTF8.GetBytes(r.ToString()));
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
