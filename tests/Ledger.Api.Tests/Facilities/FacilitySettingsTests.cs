using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Facilities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Facilities;

public sealed class FacilitySettingsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task An_admin_changes_only_the_settings_named_and_the_change_is_audited()
    {
        var admin = app.Client("admin", "lapas-gintung");
        var updated = await (await admin.PostAsJsonAsync("/api/v1/facilities/lapas-gintung/settings", new { minutesPerJp = 40, travelHomeAmount = 250_000 })).ExpectAsync(HttpStatusCode.Created);

        var settings = updated.GetProperty("settings");
        Assert.Equal(40, settings.GetProperty("minutesPerJp").GetInt32());
        Assert.Equal(250_000, settings.GetProperty("travelHomeAmount").GetInt64());
        Assert.Equal(600, settings.GetProperty("maxTrainingMinutesPerDay").GetInt32());
        var read = await (await app.Client("bimker", "lapas-gintung").GetAsync("/api/v1/facilities/lapas-gintung")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(40, read.GetProperty("settings").GetProperty("minutesPerJp").GetInt32());
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'facility.settings' and facility_code = 'lapas-gintung'"));
    }

    [Fact]
    public async Task A_change_made_through_another_API_process_is_seen_here_within_the_time_a_facility_is_kept()
    {
        var facilities = app.Services.GetRequiredService<FacilityStore>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.ExecuteAsync("insert into facility (code, name, region, time_zone, created_at) values ('lapas-kept', 'Lapas Kept', 'jawa-barat', 'Asia/Jakarta', now())");
        }
        Assert.Equal(new FacilitySettings().MinutesPerJp, (await facilities.GetAsync("lapas-kept", CancellationToken.None))!.Settings.MinutesPerJp);

        // Another process's change commits in the database; this process holds its copy for at most KeptFor.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.ExecuteAsync("""update facility set settings = '{"minutesPerJp": 50}' where code = 'lapas-kept'""");
        }
        await Task.Delay(FacilityStore.KeptFor + TimeSpan.FromMilliseconds(200));

        Assert.Equal(50, (await facilities.GetAsync("lapas-kept", CancellationToken.None))!.Settings.MinutesPerJp);
    }

    [Theory]
    [InlineData("""{"minutesPerJp": 0}""", "minutesPerJp")]
    [InlineData("""{"minutesPerJp": 45.5}""", "minutesPerJp")]
    [InlineData("""{"minutesPerJp": "45"}""", "minutesPerJp")]
    [InlineData("""{"hoursPerJp": 1}""", "hoursPerJp")]
    [InlineData("""{}""", "body")]
    public async Task A_bad_setting_is_refused_naming_it_and_nothing_changes(string body, string field)
    {
        var response = await app.Client("admin").PostAsync("/api/v1/facilities/lapas-cirebon/settings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ExpectFieldErrorAsync(field);
        Assert.Equal("{}", await app.QuerySingleAsync<string>("select settings::text from facility where code = 'lapas-cirebon'"));
    }
}
