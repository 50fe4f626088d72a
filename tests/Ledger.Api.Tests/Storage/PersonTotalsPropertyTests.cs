using System.Net.Http.Json;
using System.Text;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Skills;
using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Api.Tests.Storage;

/// <summary>
/// The per-person totals kept on write (db/migrations/0013_person_totals.sql, docs/kept-values.md) always equal their
/// recomputation from the ledger: after a random sequence of training entries (one by one, by session, by import),
/// work batches and reversals (one by one and many in one statement), every kept row is compared with its
/// <c>_from_ledger</c> view. Writes the API refuses (a daily limit, a programme not started yet) are part of the
/// sequence too: they must leave the totals as they were.
/// </summary>
public sealed class PersonTotalsPropertyTests(PersonTotalsPropertyTests.App app) : IClassFixture<PersonTotalsPropertyTests.App>
{
    private static readonly string[] Tables = ["person_programme_training", "person_month_training", "person_order_work"];

    private static readonly string[] TrainingProgrammes = ["sabut-kelapa", "las"];

    public sealed class App : SkillsApp
    {
        public List<(Guid Id, string Number)> People { get; } = [];

        public List<Guid> Orders { get; } = [];

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            for (var i = 1; i <= 6; i++)
            {
                var number = $"CRB-PT-{i:D2}";
                People.Add((await RegisterInmateAsync("lapas-cirebon", number, detentionDate: "2024-03-01"), number));
            }
            Orders.Add(await this.CreateOrderAsync(startsOn: "2025-09-29", endsOn: "2025-10-16"));
            Orders.Add(await this.CreateOrderAsync(startsOn: "2025-10-01", endsOn: "2025-11-15"));
        }
    }

    [Theory]
    [InlineData(1301)]
    [InlineData(1302)]
    [InlineData(1303)]
    [InlineData(1304)]
    public async Task Kept_person_totals_equal_the_ledger_after_random_writes_and_reversals(int seed)
    {
        var random = new Random(seed);
        for (var step = 0; step < 50; step++)
        {
            await RandomWriteAsync(random);
        }
        var differences = await DifferencesAsync();
        Assert.True(differences.Count == 0, $"seed {seed}: kept rows that differ from the ledger:\n{string.Join('\n', differences)}");
        // The sequence did write by every path (not only refusals).
        foreach (var table in new[] { "training_entry", "training_reversal", "training_batch", "work_record", "work_record_reversal" })
        {
            Assert.True(await app.CountAsync(table) > 0, $"seed {seed}: nothing in {table}");
        }
        Assert.True(await app.QuerySingleAsync<long>("select count(*) from training_batch where source = 'import'") > 0, $"seed {seed}: no import");
    }

    [Fact]
    public async Task The_rebuild_replaces_a_damaged_kept_row_with_what_the_ledger_says()
    {
        var random = new Random(1399);
        for (var step = 0; step < 20; step++)
        {
            await RandomWriteAsync(random);
        }
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.ExecuteAsync("update person_programme_training set minutes = minutes + 7");
            await connection.ExecuteAsync("update person_order_work set days_worked = days_worked + 1");
        }
        Assert.NotEmpty(await DifferencesAsync());

        var log = new StringWriter();
        await KeptValues.RebuildAllAsync(app.ConnectionString, log, CancellationToken.None);

        Assert.Empty(await DifferencesAsync());
        Assert.Contains("rebuild-kept: person_programme_training: ", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("rebuild-kept: person_order_work: ", log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every kept row that its view does not have, and every view row the table does not have.</summary>
    private async Task<List<string>> DifferencesAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var differences = new List<string>();
        foreach (var table in Tables)
        {
            var view = KeptTable.FromLedger(table);
            differences.AddRange(await connection.QueryAsync<string>($"""
                select '{table} kept:   ' || x::text from (select * from {table} except select * from {view}) x
                union all
                select '{table} ledger: ' || x::text from (select * from {view} except select * from {table}) x
                """));
        }
        return differences;
    }

    private async Task RandomWriteAsync(Random random)
    {
        var bimker = app.Client("bimker");
        var person = app.People[random.Next(app.People.Count)];
        switch (random.Next(8))
        {
            case 0:
            case 1:
                await bimker.PostAsJsonAsync($"/api/v1/inmates/{person.Id}/training",
                    new { programmeCode = Pick(random, TrainingProgrammes), date = TrainingDay(random), minutes = Minutes(random) });
                break;
            case 2:
                await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/training-sessions", new
                {
                    programmeCode = Pick(random, TrainingProgrammes),
                    date = TrainingDay(random),
                    minutes = Minutes(random),
                    inmateIds = app.People.Where(_ => random.Next(2) == 0).Select(p => p.Id).DefaultIfEmpty(person.Id).ToArray(),
                });
                break;
            case 3:
                var file = new StringBuilder("registrationNumber;programmeCode;date;minutes\n");
                foreach (var (_, number) in app.People.Where(_ => random.Next(3) == 0).DefaultIfEmpty(person))
                {
                    file.Append($"{number};{Pick(random, TrainingProgrammes)};{TrainingDay(random)};{Minutes(random)}\n");
                }
                await bimker.PostAsync("/api/v1/facilities/lapas-cirebon/imports/training", new StringContent(file.ToString(), Encoding.UTF8, "text/csv"));
                break;
            case 4:
                if (await RandomLiveAsync("select e.id from training_entry e where not exists (select 1 from training_reversal r where r.entry_id = e.id)", random) is { } entry)
                {
                    await bimker.PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "Salah catat" });
                }
                break;
            case 5:
                // Many reversals in one statement, as undoing a session writes them.
                if (await RandomLiveAsync("select distinct batch_id from training_entry where batch_id is not null", random) is { } batch)
                {
                    await using var connection = new NpgsqlConnection(app.ConnectionString);
                    await connection.ExecuteAsync("""
                        insert into training_reversal (entry_id, id, reason, recorded_by, recorded_at)
                        select e.id, gen_random_uuid(), 'Sesi dibatalkan', 'uji', now() from training_entry e
                        where e.batch_id = @batch and not exists (select 1 from training_reversal r where r.entry_id = e.id)
                        """, new { batch });
                }
                break;
            case 6:
                var rows = app.People.Where(_ => random.Next(2) == 0).DefaultIfEmpty(person)
                    .Select(p => WorkPremiApi.Row(p.Id, $"2025-10-{random.Next(1, 17):D2}", units: random.Next(0, 20), minutes: random.Next(1, 10) * 30));
                await bimker.PostAsJsonAsync($"/api/v1/work-orders/{Pick(random, app.Orders)}/records", rows.ToArray());
                break;
            default:
                if (await RandomLiveAsync("select w.id from work_record w where not exists (select 1 from work_record_reversal v where v.work_record_id = w.id)", random) is { } record)
                {
                    await bimker.PostAsJsonAsync($"/api/v1/work-records/{record}/reversal", new { reason = "Salah catat" });
                }
                break;
        }
    }

    private async Task<Guid?> RandomLiveAsync(string sql, Random random)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var ids = (await connection.QueryAsync<Guid>(sql + " order by 1")).ToList();
        return ids.Count == 0 ? null : ids[random.Next(ids.Count)];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // Around the start of the las programme (1 October 2025), so some of its entries are refused; the clock is 20 November 2025.
    private static string TrainingDay(Random random) => new DateOnly(2025, 9, 15).AddDays(random.Next(60)).ToString("yyyy-MM-dd");

    private static int Minutes(Random random) => random.Next(1, 9) * 30;
}
