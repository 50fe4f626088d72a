using System.Text.RegularExpressions;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Registry;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Core.Storage;

/// <summary>
/// Loads the demo data into an empty database, in one transaction, from the seed folder's entries in name order: a
/// <c>.sql</c> file is run as it is; a folder (<c>0001_registry</c>) holds one folder per Lapas with its registry files,
/// loaded through the registry import as a Lapas moves in from SDP, so that path runs every time the demo is seeded.
/// </summary>
public static partial class DemoSeed
{
    public static async Task<bool> LoadIfEmptyAsync(string connectionString, string folder, IClock clock, CancellationToken ct)
    {
        await using var dataSource = LedgerDatabase.CreateDataSource(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from facility", cancellationToken: ct)) > 0)
        {
            return false;
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = WriteSession.AsStored(clock.GetCurrentInstant());
        foreach (var entry in Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(entry))
            {
                foreach (var lapas in Directory.GetDirectories(entry).Order(StringComparer.Ordinal))
                {
                    await using var session = WriteSession.Enlist(connection, tx, new Actor("seed", ["admin"], "demo-seed"), now);
                    await ImportRegistryAsync(session, lapas, ct);
                }
            }
            else if (entry.EndsWith(".sql", StringComparison.Ordinal))
            {
                await connection.ExecuteAsync(new CommandDefinition(await File.ReadAllTextAsync(entry, ct), transaction: tx, cancellationToken: ct, commandTimeout: 600));
            }
        }
        // Premi runs are computed and approved by the ledger's own code, never written as numbers in SQL.
        await Premi.DemoPremi.LoadAsync(connection, tx, clock, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Imports one Lapas's registry files (<c>warga-binaan.csv</c>, and <c>remisi.csv</c>, <c>register-f.csv</c> when
    /// present) into the facility named by the folder. A folder with <c>as-of.txt</c> holds an export as of that day
    /// (dd/MM/yyyy): every date in its files moves by the days from then to today, so people near release in the story
    /// are near release whenever the demo runs. Without it the dates are kept (the October 2025 work must fall in the
    /// stays of Ciamis's people).
    /// </summary>
    private static async Task ImportRegistryAsync(WriteSession session, string lapasFolder, CancellationToken ct)
    {
        var code = Path.GetFileName(lapasFolder);
        var row = await session.Connection.QuerySingleAsync<(string Code, string Name, string Region, string TimeZone, Instant CreatedAt)>(session.Command(
            "select code, name, region, time_zone, created_at from facility where code = @code", new { code }, ct));
        var facility = new Facility(row.Code, row.Name, row.Region, row.TimeZone, new FacilitySettings(), row.CreatedAt);
        var asOfFile = Path.Combine(lapasFolder, "as-of.txt");
        var shift = File.Exists(asOfFile)
            ? Period.Between(DayFirst.Parse((await File.ReadAllTextAsync(asOfFile, ct)).Trim()).GetValueOrThrow(), facility.DateAt(session.Now), PeriodUnits.Days).Days
            : 0;

        async Task<Stream?> OpenAsync(string name)
        {
            var path = Path.Combine(lapasFolder, name);
            return File.Exists(path) ? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Shift(await File.ReadAllTextAsync(path, ct), shift))) : null;
        }

        await using var people = await OpenAsync("warga-binaan.csv");
        await using var remisi = await OpenAsync("remisi.csv");
        await using var registerF = await OpenAsync("register-f.csv");
        var report = await RegistryImport.PreviewOrApplyAsync(session, facility, new RegistryUpload(null, people, remisi, registerF), dryRun: false, ct);
        if (!report.Accepted)
        {
            throw new InvalidOperationException($"The demo registry of {code} was refused: " + string.Join("; ", report.Problems.Select(p => p.Message)));
        }
    }

    private static readonly LocalDatePattern DayFirst = LocalDatePattern.CreateWithInvariantCulture("dd/MM/yyyy");

    /// <summary>Every dd/MM/yyyy date of a CSV text moved by <paramref name="days"/>.</summary>
    private static string Shift(string csv, int days) =>
        days == 0 ? csv : Dates().Replace(csv, match => DayFirst.Format(DayFirst.Parse(match.Value).GetValueOrThrow().PlusDays(days)));

    [GeneratedRegex(@"\b\d{2}/\d{2}/\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Dates();
}
