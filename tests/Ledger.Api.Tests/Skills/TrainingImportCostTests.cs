using System.Net;
using System.Text;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;

namespace Ledger.Api.Tests.Skills;

/// <summary>
/// What an import reads (issue 13): the entries already recorded for the file's people on the file's days, through
/// the person-and-day index, never every entry of the table. This database is told that index reads are costly
/// (random_page_cost), as the statistics of a big table can make them look, so a check the planner may turn into a
/// scan of the whole table does so here.
/// </summary>
public sealed class TrainingImportCostTests(TrainingImportCostTests.App app) : IClassFixture<TrainingImportCostTests.App>
{
    public sealed class App : SkillsApp
    {
        public const int People = 30;

        protected override async Task SeedAsync()
        {
            // Before the API's first connection: the setting applies to sessions started after it.
            await ExecuteAsync($"alter database {DatabaseName} set random_page_cost = 40");
            await base.SeedAsync();
            for (var i = 1; i <= People; i++)
            {
                await RegisterInmateAsync("lapas-cirebon", $"CRB-COST-{i:D2}");
            }
            // Other people's history, written as the owner would load it: 200 people of Gintung, 100 days each.
            await ExecuteAsync("""
                insert into inmate (id, facility_code, registration_number, full_name, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
                select gen_random_uuid(), 'lapas-gintung', 'GTG-COST-' || lpad(n::text, 3, '0'), 'Orang ' || n, date '2024-01-01', 5, 0, 0, 'fixed', now()
                from generate_series(1, 200) as n;
                insert into inmate_placement (inmate_id, facility_code, started_on)
                select id, facility_code, detention_date from inmate where registration_number like 'GTG-COST-%';
                insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
                select gen_random_uuid(), i.id, g.id, date '2024-06-01' + d, 60, null, null, 'seed', now()
                from inmate i join programme g on g.facility_code = 'lapas-gintung' and g.code = 'menjahit'
                cross join generate_series(0, 99) as d
                where i.registration_number like 'GTG-COST-%';
                analyze;
                """);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.ExecuteAsync(sql);
        }
    }

    [Fact]
    public async Task An_import_reads_what_is_recorded_for_its_people_by_index_never_by_scanning_every_entry()
    {
        var before = await ScansAsync();
        var file = new StringBuilder("registrationNumber;programmeCode;date;minutes\r\n");
        for (var i = 1; i <= App.People; i++)
        {
            file.Append($"CRB-COST-{i:D2};sabut-kelapa;2025-09-08;120\r\nCRB-COST-{i:D2};sabut-kelapa;2025-09-09;120\r\n");
        }

        await (await app.Client("bimker").PostAsync("/api/v1/facilities/lapas-cirebon/imports/training",
            new StringContent(file.ToString(), new UTF8Encoding(false), "text/csv"))).ExpectAsync(HttpStatusCode.Created);

        // A session reports its reads when it goes idle, within about a second: wait for the import's index reads.
        var after = await ScansAsync();
        for (var wait = 0; wait < 40 && after.IndexScans == before.IndexScans; wait++)
        {
            await Task.Delay(500);
            after = await ScansAsync();
        }
        Assert.True(after.IndexScans > before.IndexScans, "the import's reads of training_entry were never reported");
        Assert.Equal(before.TableScans, after.TableScans);
    }

    private async Task<(long TableScans, long IndexScans)> ScansAsync()
    {
        var row = await app.QuerySingleAsync<(long, long)>(
            "select seq_scan, coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'training_entry'");
        return row;
    }
}
