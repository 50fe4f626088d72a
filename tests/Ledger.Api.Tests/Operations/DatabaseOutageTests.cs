using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// While the database cannot be reached every endpoint answers 503 problem details with Retry-After (not a generic
/// 500), liveness still answers, readiness does not, nothing a refused write sent is stored, and the API serves again by
/// itself once the database is back. The API reaches PostgreSQL through a relay the test cuts (<see cref="CuttableProxy"/>).
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.App app) : IClassFixture<DatabaseOutageTests.App>
{
    public sealed class App : LedgerApp, IAsyncLifetime
    {
        private static readonly NpgsqlConnectionStringBuilder Postgres = new(TestDatabase.ServerConnectionString);

        public CuttableProxy Proxy { get; } = new(Postgres.Host ?? "127.0.0.1", Postgres.Port);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var throughProxy = new NpgsqlConnectionStringBuilder(RuntimeConnectionString) { Host = "127.0.0.1", Port = Proxy.Port };
            builder.UseSetting("ConnectionStrings:Ledger", throughProxy.ConnectionString);
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_the_database_every_request_answers_503_with_retry_after_and_the_api_recovers_by_itself()
    {
        var admin = app.Client("admin");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("id");
        await (await admin.GetAsync("/api/v1/facilities/lapas-cirebon/inmates")).ExpectAsync(HttpStatusCode.OK);
        var browser = await SignedInBrowserAsync("bimker-cirebon");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/warga-binaan")).StatusCode);
        await (await admin.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);

        app.Proxy.Cut();
        try
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => admin.GetAsync("/api/v1/facilities/lapas-cirebon/inmates"),
                () => admin.GetAsync("/api/v1/facilities/lapas-cirebon/inmates"), // a second: the pool's other connections are gone too
                () => admin.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates", new
                {
                    registrationNumber = "CRB-OUTAGE-01", fullName = "Tidak Tersimpan", detentionDate = "2024-03-01", sentenceKind = "fixed",
                    sentence = new { years = 2, months = 0, days = 0 },
                }, LedgerApp.Json),
            })
            {
                var response = await request();
                var body = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Basis data tidak dapat dihubungi", body.GetProperty("title").GetString());
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }

            var ready = await app.CreateClient().GetAsync("/health/ready");
            await ready.ExpectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(ready.Headers.RetryAfter);
            await (await app.CreateClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);

            // A staff page in the browser gets a page in Indonesian that tries again by itself, not JSON.
            var page = new HttpRequestMessage(HttpMethod.Get, "/warga-binaan");
            page.Headers.Accept.ParseAdd("text/html");
            var shown = await browser.SendAsync(page);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, shown.StatusCode);
            Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
            var html = await shown.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Basis data tidak dapat dihubungi</h1>", html, StringComparison.Ordinal);
            Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        }
        finally
        {
            app.Proxy.Restore();
        }

        await (await admin.GetAsync("/api/v1/facilities/lapas-cirebon/inmates")).ExpectAsync(HttpStatusCode.OK);
        await (await admin.GetAsync("/health/ready")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from inmate where registration_number = 'CRB-OUTAGE-01'"));
    }

    /// <summary>A cookie-keeping client signed in on the sign-in page as a demo user, as the browser would be.</summary>
    private async Task<HttpClient> SignedInBrowserAsync(string user)
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var form = await (await browser.GetAsync("/masuk")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in page should carry an antiforgery token");
        var signedIn = await browser.PostAsync("/sesi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user, ["__RequestVerificationToken"] = token,
        }));
        Assert.True((int)signedIn.StatusCode < 400, $"sign-in answered {(int)signedIn.StatusCode}");
        return browser;
    }
}
