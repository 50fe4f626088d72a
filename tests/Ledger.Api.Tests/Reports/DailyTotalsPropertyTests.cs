using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;

namespace Ledger.Api.Tests.Reports;

/// <summary>
/// The kept values per Lapas × programme × day (db/migrations/0014_daily_totals.sql) against the ledger: a seeded random
/// sequence of training entries, sessions, CSV imports, work records, their reversals, premi drafts and approvals in two
/// Lapas, over days on both sides of a new year; then every kept row is compared with its recomputation from the ledger
/// (the views the rebuild reads), and the region's programme report and dashboard for random periods with the ledger's
/// own sums and distinct counts. A failure names its seed: rerun that seed alone to see it again.
/// </summary>
public sealed class DailyTotalsPropertyTests
{
    private static readonly string[] Lapas = ["lapas-cirebon", "lapas-gintung"];
    private static readonly string[] Programmes = ["sabut-kelapa", "menjahit"];
    private static readonly string[] Days = ["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02", "2025-03-15", "2025-10-01", "2025-10-02", "2025-10-16"];

    public static TheoryData<int> Seeds => [7, 1013, 40427];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Kept_daily_values_equal_the_ledger_after_random_writes_reversals_and_approvals(int seed)
    {
        var app = new LedgerApp();
        await app.InitializeAsync();
        try
        {
            var world = await World.CreateAsync(app);
            var random = new Random(seed);
            for (var step = 0; step < 70; step++)
            {
                await world.StepAsync(random);
            }
            Assert.True(world.Written >= 20, $"seed {seed}: only {world.Written} writes were accepted");
            await AssertKeptEqualsLedgerAsync(app, seed);
            for (var period = 0; period < 4; period++)
            {
                var (from, to) = RandomPeriod(random);
                await AssertReportsEqualLedgerAsync(app, seed, from, to);
            }
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rebuild_kept_puts_back_what_the_ledger_says_after_a_kept_row_was_damaged()
    {
        var app = new LedgerApp();
        await app.InitializeAsync();
        try
        {
            var world = await World.CreateAsync(app);
            var random = new Random(5);
            for (var step = 0; step < 30; step++)
            {
                await world.StepAsync(random);
            }
            await using (var connection = new NpgsqlConnection(app.ConnectionString))
            {
                await connection.ExecuteAsync("""
                    update daily_programme_total set minutes = minutes + 7;
                    delete from daily_person_days where ctid = (select min(ctid) from daily_person_days);
                    update daily_work_order_day set live_records = live_records + 1;
                    """);
            }
            await Assert.ThrowsAnyAsync<Exception>(() => AssertKeptEqualsLedgerAsync(app, 5));

            var log = new StringWriter();
            await Ledger.Core.Storage.KeptValues.RebuildAllAsync(app.ConnectionString, log, CancellationToken.None);

            await AssertKeptEqualsLedgerAsync(app, 5);
            Assert.Contains("rebuild-kept: daily_person_days: ", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static (string From, string To) RandomPeriod(Random random)
    {
        var a = DateOnly.Parse(Days[random.Next(Days.Length)]).AddDays(random.Next(-2, 3));
        var b = DateOnly.Parse(Days[random.Next(Days.Length)]).AddDays(random.Next(-2, 3));
        return a <= b ? (a.ToString("yyyy-MM-dd"), b.ToString("yyyy-MM-dd")) : (b.ToString("yyyy-MM-dd"), a.ToString("yyyy-MM-dd"));
    }

    /// <summary>Every kept row equals the ledger's, both ways (kept rows that add up to nothing count as absent).</summary>
    private static async Task AssertKeptEqualsLedgerAsync(LedgerApp app, int seed)
    {
        const string Sql = """
            with kept as (
              select 'daily_programme_total' as kept, t::text as row from daily_programme_total t
              where (minutes, units_produced, units_passed, premi_posted, premi_reversed) <> (0, 0, 0, 0, 0)
              union all select 'daily_person_days', d::text from daily_person_days d
              union all select 'daily_work_order_day', w::text from daily_work_order_day w where (live_records, units_passed) <> (0, 0)
            ), ledger as (
              select 'daily_programme_total' as kept, t::text as row from daily_programme_total_from_ledger t
              union all select 'daily_person_days', d::text from daily_person_days_from_ledger d
              union all select 'daily_work_order_day', w::text from daily_work_order_day_from_ledger w
            )
            (select 'kept only: ' || kept || ' ' || row from (select * from kept except select * from ledger) x)
            union all
            (select 'ledger only: ' || kept || ' ' || row from (select * from ledger except select * from kept) y)
            """;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var differences = (await connection.QueryAsync<string>(Sql)).ToList();
        Assert.True(differences.Count == 0, $"seed {seed}: the kept values differ from the ledger:\n{string.Join('\n', differences.Take(20))}");
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from daily_person_days") > 0, $"seed {seed}: nothing was kept");
    }

    /// <summary>The region's programme report and dashboard for the period, against sums and distinct counts of the ledger itself.</summary>
    private static async Task AssertReportsEqualLedgerAsync(LedgerApp app, int seed, string from, string to)
    {
        const string Sql = """
            with act as (
              select p.facility_code, p.code, e.inmate_id, e.minutes::bigint as minutes, 0::bigint as produced, 0::bigint as passed
              from live_training_entry e join programme p on p.id = e.programme_id
              where e.day between @from::date and @to::date
              union all
              select o.facility_code, o.programme_code, r.inmate_id, 0, r.units_produced, r.units_passed
              from work_record r join work_order o on o.id = r.work_order_id
              where r.worked_on between @from::date and @to::date and not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
            ), paid as (
              select o.facility_code, o.programme_code as code, pr.amount,
                     exists (select 1 from work_record_reversal v where v.work_record_id = r.id) as reversed
              from premi_run_record pr join premi_run run on run.id = pr.run_id and run.status = 'approved'
              join work_record r on r.id = pr.work_record_id join work_order o on o.id = r.work_order_id
              where r.worked_on between @from::date and @to::date
            ), programmes as (
              select facility_code, code from act union select facility_code, code from paid
            ), lapas as (
              select facility_code from act union select facility_code from paid where not reversed
            )
            select 'programme ' || k.facility_code || '/' || k.code || ': ' || x.people || ' ' || x.minutes || ' ' || x.produced || ' ' || x.passed || ' '
                   || (select coalesce(sum(amount), 0) from paid where (paid.facility_code, paid.code) = (k.facility_code, k.code))
            from programmes k, lateral (
              select count(distinct inmate_id) as people, coalesce(sum(minutes), 0) as minutes, coalesce(sum(produced), 0) as produced, coalesce(sum(passed), 0) as passed
              from act where (act.facility_code, act.code) = (k.facility_code, k.code)) x
            union all
            select 'lapas ' || k.facility_code || ': ' || x.people || ' ' || x.minutes || ' ' || x.produced || ' ' || x.passed || ' '
                   || (select coalesce(sum(amount), 0) from paid where paid.facility_code = k.facility_code and not paid.reversed)
            from lapas k, lateral (
              select count(distinct inmate_id) as people, coalesce(sum(minutes), 0) as minutes, coalesce(sum(produced), 0) as produced, coalesce(sum(passed), 0) as passed
              from act where act.facility_code = k.facility_code) x
            union all
            select 'region: ' || count(distinct inmate_id) from act
            """;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        var expected = (await connection.QueryAsync<string>(Sql, new { from, to })).Where(line => !line.EndsWith(": 0 0 0 0 0", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        var kanwil = app.Client("kanwil", facility: null, region: "jawa-barat");
        var report = await (await kanwil.GetAsync($"/api/v1/regions/jawa-barat/reports/programmes?from={from}&to={to}")).ExpectAsync(HttpStatusCode.OK);
        var dashboard = await (await kanwil.GetAsync($"/api/v1/regions/jawa-barat/reports/dashboard?from={from}&to={to}")).ExpectAsync(HttpStatusCode.OK);
        var actual = report.GetProperty("items").EnumerateArray()
            .Select(i => $"programme {i.GetProperty("facility").GetString()}/{i.GetProperty("programmeCode").GetString()}: {i.GetProperty("participants")} {i.GetProperty("minutes")} {i.GetProperty("unitsProduced")} {i.GetProperty("unitsPassed")} {i.GetProperty("premiPosted")}")
            .Concat(dashboard.GetProperty("lapas").EnumerateArray()
                .Select(l => $"lapas {l.GetProperty("facility").GetString()}: {l.GetProperty("participants")} {l.GetProperty("trainingMinutes")} {l.GetProperty("unitsProduced")} {l.GetProperty("unitsPassed")} {l.GetProperty("premiPosted")}"))
            .Append($"region: {dashboard.GetProperty("total").GetProperty("participants")}")
            .Where(line => !line.EndsWith(": 0 0 0 0 0", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"seed {seed}, {from} to {to}:\nledger:\n{string.Join('\n', expected)}\nreports:\n{string.Join('\n', actual)}");
    }

    /// <summary>Two Lapas, each with three people, two programmes, a work order across the new year and a piece-rate scheme.</summary>
    private sealed class World(LedgerApp app, Dictionary<string, List<(Guid Id, string Number)>> people, Dictionary<string, Guid> orders, Dictionary<string, Guid> schemes)
    {
        private readonly List<(Guid Id, string Facility)> _entries = [];
        private readonly List<(Guid Id, string Facility)> _records = [];
        private readonly List<(Guid Id, string Facility)> _drafts = [];

        public int Written { get; private set; }

        public static async Task<World> CreateAsync(LedgerApp app)
        {
            var people = new Dictionary<string, List<(Guid, string)>>();
            var orders = new Dictionary<string, Guid>();
            var schemes = new Dictionary<string, Guid>();
            foreach (var facility in Lapas)
            {
                var prefix = facility == "lapas-cirebon" ? "CRB" : "GTG";
                people[facility] = [];
                for (var n = 1; n <= 3; n++)
                {
                    var number = $"{prefix}-07{n:00}";
                    people[facility].Add((await app.RegisterInmateAsync(facility, number, detentionDate: "2024-06-01"), number));
                }
                await app.EnsureProgrammeAsync(facility);
                var created = await app.Client("bimker", facility).PostAsJsonAsync($"/api/v1/facilities/{facility}/programmes",
                    new { code = "menjahit", name = "Pelatihan menjahit", kind = "training" }, LedgerApp.Json);
                await created.ExpectAsync(HttpStatusCode.Created);
                orders[facility] = await app.CreateOrderAsync("2024-12-20", "2025-10-31", quantity: 100000, facility: facility);
                schemes[facility] = await app.PieceRateSchemeAsync(facility: facility);
            }
            return new World(app, people, orders, schemes);
        }

        public async Task StepAsync(Random random)
        {
            var facility = Lapas[random.Next(Lapas.Length)];
            var bimker = app.Client("bimker", facility);
            var roll = random.Next(100);
            HttpResponseMessage response;
            if (roll < 28)
            {
                var (id, _) = Person(random, facility);
                response = await bimker.PostAsJsonAsync($"/api/v1/inmates/{id}/training",
                    new { programmeCode = Programmes[random.Next(2)], date = Day(random), minutes = 30 + random.Next(60) }, LedgerApp.Json);
                await KeepAsync(response, body => _entries.Add((body.GetProperty("id").GetGuid(), facility)));
            }
            else if (roll < 38)
            {
                var attendees = people[facility].Where(_ => random.Next(2) == 0).Select(p => p.Id).ToArray();
                response = await bimker.PostAsJsonAsync($"/api/v1/facilities/{facility}/training-sessions",
                    new { programmeCode = Programmes[random.Next(2)], date = Day(random), minutes = 30 + random.Next(60), inmateIds = attendees }, LedgerApp.Json);
                await KeepAsync(response, body => _entries.AddRange(body.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("id").GetGuid(), facility))));
            }
            else if (roll < 43)
            {
                var (_, number) = Person(random, facility);
                var csv = $"registrationNumber,programmeCode,date,minutes\n{number},{Programmes[random.Next(2)]},{Day(random)},{30 + random.Next(60)}\n";
                response = await bimker.PostAsync($"/api/v1/facilities/{facility}/imports/training", new StringContent(csv, new UTF8Encoding(false), "text/csv"));
                await KeepAsync(response, _ => { });
            }
            else if (roll < 55 && _entries.Count > 0)
            {
                var (id, owner) = Take(random, _entries);
                response = await app.Client("bimker", owner).PostAsJsonAsync($"/api/v1/training/{id}/reversal", new { reason = "Salah catat" }, LedgerApp.Json);
                await KeepAsync(response, _ => { });
            }
            else if (roll < 75)
            {
                var day = Day(random);
                var rows = people[facility].Where(_ => random.Next(2) == 0)
                    .Select(p => WorkPremiApi.Row(p.Id, day, units: random.Next(0, 6), minutes: 240 + random.Next(120), passed: null)).ToArray();
                response = await bimker.PostAsJsonAsync($"/api/v1/work-orders/{orders[facility]}/records", rows, LedgerApp.Json);
                await KeepAsync(response, body => _records.AddRange(body.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("id").GetGuid(), facility))));
            }
            else if (roll < 85 && _records.Count > 0)
            {
                var (id, owner) = Take(random, _records);
                response = await app.Client("bimker", owner).PostAsJsonAsync($"/api/v1/work-records/{id}/reversal", new { reason = "Salah orang" }, LedgerApp.Json);
                await KeepAsync(response, _ => { });
            }
            else if (roll < 93)
            {
                response = await app.Finance(facility: facility).PostAsJsonAsync($"/api/v1/facilities/{facility}/premi-runs",
                    new { schemeId = schemes[facility], workOrderId = orders[facility], from = "2025-01-01", to = "2025-10-31" }, LedgerApp.Json);
                await KeepAsync(response, body => _drafts.Add((body.GetProperty("id").GetGuid(), facility)));
            }
            else if (_drafts.Count > 0)
            {
                var (id, owner) = Take(random, _drafts);
                response = await app.Finance(WorkPremiApi.Approver, owner).PostAsJsonAsync($"/api/v1/premi-runs/{id}/approval", new { }, LedgerApp.Json);
                await KeepAsync(response, _ => { });
            }
        }

        private (Guid Id, string Number) Person(Random random, string facility) => people[facility][random.Next(people[facility].Count)];

        private static string Day(Random random) => Days[random.Next(Days.Length)];

        private static (Guid, string) Take(Random random, List<(Guid, string)> from)
        {
            var index = random.Next(from.Count);
            var taken = from[index];
            from.RemoveAt(index);
            return taken;
        }

        /// <summary>A write the rules accept counts; one they refuse (a day's limit, an empty session) writes nothing, which is fine too.</summary>
        private async Task KeepAsync(HttpResponseMessage response, Action<JsonElement> kept)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                Written++;
                kept(JsonDocument.Parse(text).RootElement);
                return;
            }
            Assert.True((int)response.StatusCode is 400 or 409 or 422, $"{(int)response.StatusCode}: {text}");
        }
    }
}
