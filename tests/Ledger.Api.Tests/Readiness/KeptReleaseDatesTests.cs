using System.Globalization;
using System.Net.Http.Json;
using Dapper;
using Ledger.Api.Tests.Registry;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using Ledger.Core.Storage;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Tests.Readiness;

/// <summary>
/// The kept release dates (<c>inmate_release_dates</c>) after random sequences of every write that changes them —
/// registering, remisi, register F, transfers, releases and registry imports with corrections, valid or not — equal
/// what <see cref="ReleaseCalculator"/> says from the files read fresh; and the rebuild writes the same rows.
/// </summary>
public sealed class KeptReleaseDatesTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    private static readonly LocalDate Today = new(2025, 11, 20);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task Kept_dates_equal_the_calculator_after_random_writes(int seed)
    {
        var succeeded = await RandomWritesAsync(seed, steps: 45);

        await AssertKeptEqualsCalculatorAsync($"seed {seed}");
        Assert.True(succeeded.Count == 6, $"seed {seed}: every kind of write succeeded at least once, only {string.Join(", ", succeeded)} did");
    }

    [Fact]
    public async Task The_rebuild_writes_the_same_rows_and_repairs_a_damaged_one()
    {
        await RandomWritesAsync(seed: 99, steps: 15);
        await using (var damage = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await damage.ExecuteAsync("update inmate_release_dates set two_thirds_date = date '2001-01-01', facility_code = 'lapas-gintung' where inmate_id = (select inmate_id from inmate_release_dates order by inmate_id limit 1)");
        }
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => AssertKeptEqualsCalculatorAsync("damaged"));

        await KeptValues.RebuildAllAsync(app.ConnectionString, TextWriter.Null, CancellationToken.None);

        await AssertKeptEqualsCalculatorAsync("rebuilt");
    }

    /// <summary>Random writes through the API; returns the kinds of write that succeeded at least once.</summary>
    private async Task<HashSet<string>> RandomWritesAsync(int seed, int steps)
    {
        var random = new Random(seed);
        var admin = app.ClientWith(["admin"], ["lapas-cirebon", "lapas-gintung"], ["jawa-barat"], sub: $"kept-{seed}");
        var people = new List<(Guid Id, string Number, LocalDate Detention)>();
        var succeeded = new HashSet<string>(StringComparer.Ordinal);
        LocalDate Day(LocalDate from) => from.PlusDays(random.Next(Math.Max(1, Period.DaysBetween(from, Today) + 1)));
        string Iso(LocalDate day) => LocalDatePattern.Iso.Format(day);
        string Kind() => random.Next(20) switch { 0 => "life", 1 => "death", _ => "fixed" };
        var next = 0;

        for (var step = 0; step < steps; step++)
        {
            var person = people.Count == 0 ? default : people[random.Next(people.Count)];
            var what = people.Count < 3 ? 0 : random.Next(7);
            HttpResponseMessage response;
            switch (what)
            {
                case 0:
                    var number = $"KRD{seed}-{++next:D3}";
                    var detention = Day(new LocalDate(2015, 1, 1));
                    response = await admin.PostAsJsonAsync($"/api/v1/facilities/{(random.Next(4) == 0 ? "lapas-gintung" : "lapas-cirebon")}/inmates", new
                    {
                        registrationNumber = number,
                        fullName = "Orang Acak " + next,
                        detentionDate = Iso(detention),
                        sentenceKind = Kind(),
                        sentence = new { years = random.Next(0, 12), months = random.Next(0, 12), days = random.Next(0, 30) },
                    }, RegistryApp.Json);
                    if (response.IsSuccessStatusCode)
                    {
                        people.Add(((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid(), number, detention));
                    }
                    break;
                case 1:
                case 2:
                    response = await admin.PostAsJsonAsync($"/api/v1/inmates/{person.Id}/remissions", new
                    {
                        kind = random.Next(2) == 0 ? "umum" : "khusus",
                        grantedOn = Iso(Day(person.Detention)),
                        months = random.Next(0, 4),
                        days = random.Next(0, 31),
                        decreeNumber = $"SK-{seed}-{step}",
                    }, RegistryApp.Json);
                    break;
                case 3:
                    response = await admin.PostAsJsonAsync($"/api/v1/inmates/{person.Id}/discipline", new { occurredOn = Iso(Day(person.Detention)), description = "Ribut di blok" },
                        RegistryApp.Json);
                    break;
                case 4:
                    var from = await app.QuerySingleAsync<string>("select facility_code from inmate where id = @Id", new { person.Id });
                    var to = from == "lapas-cirebon" ? "lapas-gintung" : "lapas-cirebon";
                    response = await admin.PostAsJsonAsync($"/api/v1/inmates/{person.Id}/transfer", new { toFacility = to, on = Iso(Day(person.Detention)) }, RegistryApp.Json);
                    break;
                case 5:
                    response = await admin.PostAsJsonAsync($"/api/v1/inmates/{person.Id}/release", new { releasedOn = Iso(Day(person.Detention)) }, RegistryApp.Json);
                    break;
                default:
                    // New people, a corrected sentence and detention for someone already here, and remisi for them.
                    var fresh = $"KRD{seed}-{++next:D3}";
                    var correctedDetention = person.Detention.PlusDays(random.Next(-30, 31));
                    var freshDetention = Day(new LocalDate(2016, 1, 1));
                    var peopleCsv = RegistryApp.Csv(RegistryApp.PeopleHeader,
                        $"{fresh},Orang Impor {next},,{Iso(freshDetention)},{random.Next(1, 10)},{random.Next(0, 12)},0,sementara,",
                        $"{person.Number},Orang Koreksi,,{Iso(correctedDetention)},{random.Next(1, 10)},{random.Next(0, 12)},{random.Next(0, 30)},sementara,");
                    var remisiCsv = RegistryApp.Csv(RegistryApp.RemisiHeader,
                        $"{fresh},umum,{Iso(Day(freshDetention))},SK-I-{seed}-{step}-1,{random.Next(0, 3)},{random.Next(0, 20)}",
                        $"{person.Number},khusus,{Iso(Day(correctedDetention))},SK-I-{seed}-{step}-2,{random.Next(0, 3)},{random.Next(0, 20)}");
                    response = await app.ImportAsync(RegistryApp.Form(peopleCsv, remisiCsv), dryRun: false);
                    if (response.IsSuccessStatusCode)
                    {
                        people.Add((await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = @fresh", new { fresh }), fresh, freshDetention));
                        people[people.IndexOf(person)] = person with { Detention = correctedDetention };
                    }
                    break;
            }
            Assert.True((int)response.StatusCode < 500, $"seed {seed}, step {step} ({what}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.IsSuccessStatusCode)
            {
                succeeded.Add(what switch { 0 => "register", 1 or 2 => "remisi", 3 => "registerF", 4 => "transfer", 5 => "release", _ => "import" });
            }
        }
        return succeeded;
    }

    /// <summary>Every person has exactly one kept row, equal to the calculator's dates from their file read now.</summary>
    private async Task AssertKeptEqualsCalculatorAsync(string because)
    {
        LedgerDatabase.ConfigureDapper();
        await using var dataSource = LedgerDatabase.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var kept = (await connection.QueryAsync<(Guid Id, string Facility, string? Released, string? Expiry, string? Adjusted, string? Half, string? TwoThirds, string? ListedFrom)>("""
            select inmate_id, facility_code, released_on::text, expiry::text, adjusted_expiry::text, half_date::text, two_thirds_date::text, listed_from::text
            from inmate_release_dates order by inmate_id
            """)).ToList();
        var ids = (await connection.QueryAsync<Guid>("select id from inmate order by id")).Select(InmateId.From).ToList();
        var files = await new InmateStore(dataSource).ListFilesAsync(ids, CancellationToken.None);

        var expected = ids.Select(id =>
        {
            var file = files[id];
            var dates = ReleaseCalculator.Evaluate(ReleaseInput.From(file, new FacilitySettings()), Today);
            LocalDate? listedFrom = dates.TwoThirdsDate is { } t && dates.AdjustedExpiry is { } a ? LocalDate.Min(t, a) : dates.TwoThirdsDate ?? dates.AdjustedExpiry;
            return (id.Value, file.Inmate.FacilityCode, Text(file.Inmate.ReleasedOn), Text(dates.Expiry), Text(dates.AdjustedExpiry), Text(dates.HalfDate), Text(dates.TwoThirdsDate),
                Text(listedFrom));
        }).ToList();
        Assert.True(ids.Count > 3, because);
        Assert.True(expected.SequenceEqual(kept), $"{because}: kept rows differ from the calculator's:\n" +
            string.Join("\n", expected.Except(kept).Select(e => "expected " + e).Concat(kept.Except(expected).Select(k => "kept     " + k))));
    }

    private static string? Text(LocalDate? day) => day is { } d ? LocalDatePattern.Iso.Format(d) : null;
}
