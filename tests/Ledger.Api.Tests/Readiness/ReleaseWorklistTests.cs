using System.Net;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Readiness;

public sealed class ReleaseWorklistTests(ReadinessApp app) : IClassFixture<ReadinessApp>
{
    [Fact]
    public async Task The_worklist_lists_who_leaves_within_the_window_soonest_first_with_their_gaps()
    {
        // The worked example reaches parole on 2025-12-31 (41 days after 2025-11-20); a second person with two years
        // from 2024-01-10 could have left on parole since 2025-05-11, so comes first; a third is far from release.
        await app.RegisterInmateAsync("lapas-cirebon", "CRB-0102", detentionDate: "2024-01-10", years: 2, fullName: "Dadang Contoh");
        await app.RegisterInmateAsync("lapas-cirebon", "CRB-0103", detentionDate: "2025-06-01", years: 8, fullName: "Cecep Contoh");

        var worklist = await (await app.Client("reintegration").GetAsync("/api/v1/facilities/lapas-cirebon/releases?withinDays=90")).ExpectAsync(HttpStatusCode.OK);

        var items = worklist.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("2025-11-20", worklist.GetProperty("today").GetString());
        Assert.Equal(["CRB-0102", "CRB-0001"], items.Select(i => i.GetProperty("registrationNumber").GetString()));
        Assert.Equal("eligible", items[0].GetProperty("next").GetProperty("status").GetString());
        Assert.Equal("2025-11-20", items[0].GetProperty("expectedRelease").GetProperty("date").GetString());
        Assert.Contains("savings-for-travel-home", items[0].GetProperty("gaps").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("pembebasan-bersyarat", items[1].GetProperty("next").GetProperty("kind").GetString());
        Assert.Equal("2025-12-31", items[1].GetProperty("next").GetProperty("date").GetString());
        Assert.Equal(4, items[1].GetProperty("checklistPassed").GetInt32());
    }

    [Fact]
    public async Task A_shorter_window_leaves_out_later_releases()
    {
        var worklist = await (await app.Client("bimker").GetAsync("/api/v1/facilities/lapas-cirebon/releases?withinDays=30")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(worklist.GetProperty("items").EnumerateArray(), i => i.GetProperty("registrationNumber").GetString() == "CRB-0001");
    }

    [Theory]
    [InlineData("withinDays=-1")]
    [InlineData("withinDays=abc")]
    public async Task A_bad_window_answers_400(string query)
    {
        await (await app.Client("reintegration").GetAsync($"/api/v1/facilities/lapas-cirebon/releases?{query}")).ExpectFieldErrorAsync("withinDays");
    }
}
