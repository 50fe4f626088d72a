using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.Inmates;

/// <summary>
/// Release is one Core operation (<see cref="InmateRelease"/>): the release and the premi payout that closes the
/// account are written in one transaction, by the API and by any other caller alike.
/// </summary>
public sealed class InmateReleaseTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static readonly ReleaseInmate OnTheTwentieth = new(new LocalDate(2025, 11, 20));

    private async Task<(WriteSession Session, Facility Facility)> BeginAsync()
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var facility = await app.Services.GetRequiredService<FacilityStore>().GetAsync("lapas-cirebon", CancellationToken.None)
            ?? throw new InvalidOperationException("lapas-cirebon is seeded");
        var session = await WriteSession.BeginAsync(dataSource, new Actor("admin-release-test", ["admin"], "release-test"), app.Clock, CancellationToken.None);
        return (session, facility);
    }

    private Task<long> PayoutsAsync(Guid id) =>
        app.QuerySingleAsync<long>("select count(*) from premi_entry where inmate_id = @id and kind = 'release-payout'", new { id });

    private Task<bool> ReleasedAsync(Guid id) =>
        app.QuerySingleAsync<bool>("select released_on is not null from inmate where id = @id", new { id });

    [Fact]
    public async Task The_release_and_its_payout_are_written_together_or_not_at_all()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL-1", detentionDate: "2024-06-01");
        await app.CreditAsync([id], 135);

        var (rolledBack, facility) = await BeginAsync();
        await using (rolledBack)
        {
            await InmateRelease.ReleaseAsync(rolledBack, facility, new InmateId(id), OnTheTwentieth, CancellationToken.None);
        }
        Assert.False(await ReleasedAsync(id));
        Assert.Equal(0, await PayoutsAsync(id));

        var (committed, _) = await BeginAsync();
        await using (committed)
        {
            var file = await InmateRelease.ReleaseAsync(committed, facility, new InmateId(id), OnTheTwentieth, CancellationToken.None);
            await committed.CommitAsync(CancellationToken.None);
            Assert.Equal(new LocalDate(2025, 11, 20), file.Inmate.ReleasedOn);
        }
        Assert.True(await ReleasedAsync(id));
        Assert.Equal(1, await PayoutsAsync(id));
        var account = await app.AccountAsync(id);
        Assert.Equal("2025-11-20", account.GetProperty("closedOn").GetString());
        Assert.Equal(0, account.GetProperty("spendable").GetInt64());
        Assert.Equal(0, account.GetProperty("savings").GetInt64());
        await app.AssertBalanceIsSumOfEntriesAsync(id);
    }

    [Fact]
    public async Task A_person_without_premi_is_released_with_a_closed_empty_account()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL-2", detentionDate: "2024-06-01");

        await (await app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Created);

        var account = await app.AccountAsync(id);
        Assert.Equal("2025-11-20", account.GetProperty("closedOn").GetString());
        Assert.Equal(0, account.GetProperty("totalEarned").GetInt64());
        Assert.Equal(1, await PayoutsAsync(id));
        await (await app.WithdrawAsync(id, "spendable", 1)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_refused_release_pays_nothing_out()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REL-3", detentionDate: "2024-06-01");
        await app.CreditAsync([id], 135);
        var admin = app.Client("admin");

        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-21" })).ExpectFieldErrorAsync("releasedOn");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/release", new { releasedOn = "2025-11-20" })).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal(1, await PayoutsAsync(id));
        var account = await app.AccountAsync(id);
        Assert.Equal(0, account.GetProperty("spendable").GetInt64());
        Assert.Equal(675_000, account.GetProperty("totalEarned").GetInt64());
    }
}
