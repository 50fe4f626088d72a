using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Ledger.Api.Auth;
using Ledger.Api.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// The API over its own fresh database, with a FakeClock (default 2025-11-20 10:00 in Jakarta) and local
/// tokens. One per test class (IClassFixture).
/// </summary>
public class LedgerApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "ledger-tests-signing-key-0123456789abcdef";

    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 11, 20, 3, 0));

    public string DatabaseName { get; private set; } = "";

    public string ConnectionString => TestDatabase.ConnectionStringFor(DatabaseName);

    /// <summary>The runtime role's connection (the API's): the tests' own SQL above runs as the owner.</summary>
    public string RuntimeConnectionString => TestDatabase.RuntimeConnectionStringFor(DatabaseName);

    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }

    public async Task InitializeAsync()
    {
        DatabaseName = await TestDatabase.CreateAsync();
        await SeedAsync();
    }

    /// <summary>Override to start a test class with data; the default registers the two demo facilities.</summary>
    protected virtual async Task SeedAsync()
    {
        var admin = Client("admin", region: "jawa-barat");
        foreach (var (code, name) in new[] { ("lapas-cirebon", "Lapas Kelas I Cirebon"), ("lapas-gintung", "Lapas Kelas IIA Gintung") })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/facilities", new { code, name, region = "jawa-barat", timeZone = "Asia/Jakarta" }, Json);
            response.EnsureSuccessStatusCode();
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropAsync(DatabaseName);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ledger", RuntimeConnectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        // A test class sends many requests as few users; rate limits have their own tests (TransportTests).
        builder.UseSetting("RateLimits:PerUserPerMinute", "1000000");
        builder.UseSetting("RateLimits:AnonymousPerMinute", "1000000");
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock).AddContractCheck());
    }

    public string Token(string sub, string[] roles, string[] facilities, string[] regions) =>
        // Token lifetimes are checked against the real clock by the JWT handler, not the ledger's FakeClock.
        LocalTokens.Mint(SigningKey, sub, roles, facilities, regions, SystemClock.Instance.GetCurrentInstant(), Duration.FromHours(1));

    /// <summary>A client whose token has one role in one facility (or, for kanwil and admin, a region).</summary>
    public HttpClient Client(string role, string? facility = "lapas-cirebon", string? region = null, string? sub = null) =>
        ClientWith([role], facility is null ? [] : [facility], region is null ? [] : [region], sub ?? $"{role}-{facility ?? region}");

    /// <summary>A client whose token carries several roles, facilities and regions at once.</summary>
    public HttpClient ClientWith(string[] roles, string[] facilities, string[] regions, string? sub = null)
    {
        var client = CreateClient();
        var token = Token(sub ?? $"combo-{string.Join(',', roles)}", roles, facilities, regions);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    /// <summary>Registers a warga binaan through the API as the facility's admin and returns their id.</summary>
    public async Task<Guid> RegisterInmateAsync(string facility, string registrationNumber, string detentionDate = "2024-03-01", int years = 3, string fullName = "Budi Contoh")
    {
        var admin = Client("admin", facility);
        var response = await admin.PostAsJsonAsync($"/api/v1/facilities/{facility}/inmates", new
        {
            registrationNumber,
            fullName,
            detentionDate,
            sentenceKind = "fixed",
            sentence = new { years, months = 0, days = 0 },
        }, Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering {registrationNumber} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("id").GetGuid();
    }
}
