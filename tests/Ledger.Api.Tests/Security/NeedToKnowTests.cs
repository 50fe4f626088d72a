using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Register-F descriptions are criminal-record detail: only reintegration and admin see them, in every answer; the
/// other roles see the date of each entry and nothing of what happened.
/// </summary>
public sealed class NeedToKnowTests(NeedToKnowTests.App app) : IClassFixture<NeedToKnowTests.App>
{
    private const string What = "Menyimpan telepon genggam";

    public sealed class App : LedgerApp
    {
        public Guid PersonId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            PersonId = await RegisterInmateAsync("lapas-cirebon", "CRB-NTK-1", detentionDate: "2024-03-01");
            var response = await Client("admin").PostAsJsonAsync($"/api/v1/inmates/{PersonId}/discipline", new { occurredOn = "2025-10-01", description = What }, Json);
            response.EnsureSuccessStatusCode();
        }
    }

    public static TheoryData<string> Paths() => new() { "/api/v1/inmates/{id}", "/api/v1/inmates/{id}/release-readiness" };

    private async Task<(string Text, JsonElement Discipline)> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path.Replace("{id}", app.PersonId.ToString()));
        var body = await response.ExpectAsync(HttpStatusCode.OK);
        var entries = body.GetProperty("discipline");
        Assert.Equal(1, entries.GetArrayLength());
        Assert.Equal("2025-10-01", entries[0].GetProperty("occurredOn").GetString());
        return (await response.Content.ReadAsStringAsync(), entries[0]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Reintegration_and_admin_see_the_description(string path)
    {
        foreach (var role in new[] { "reintegration", "admin" })
        {
            var (_, entry) = await ReadAsync(app.Client(role), path);
            Assert.Equal(What, entry.GetProperty("description").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Other_roles_see_the_date_only(string path)
    {
        var clients = new[] { app.Client("bimker"), app.Client("finance"), app.Client("kanwil", facility: null, region: "jawa-barat") };
        foreach (var client in clients)
        {
            var (text, entry) = await ReadAsync(client, path);
            Assert.DoesNotContain(What, text, StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("description").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_reintegration_role_in_another_facility_does_not_lend_its_need_to_know_to_kanwil(string path)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            app.Token("wali-gintung", ["reintegration", "kanwil"], ["lapas-gintung"], ["jawa-barat"]));
        var (text, _) = await ReadAsync(client, path);
        Assert.DoesNotContain(What, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_file_follows_the_same_rule_per_role()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            app.Token("wali-gintung", ["reintegration", "kanwil"], ["lapas-gintung"], ["jawa-barat"]));
        var html = await (await client.GetAsync($"/api/v1/inmates/{app.PersonId}/release-file")).Content.ReadAsStringAsync();
        Assert.Contains("tercatat 1 Oktober 2025", html, StringComparison.Ordinal);
        Assert.DoesNotContain(What, html, StringComparison.Ordinal);
        var own = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{app.PersonId}/release-file")).Content.ReadAsStringAsync();
        Assert.Contains(What, own, StringComparison.Ordinal);
    }
}
