using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NodaTime;

namespace Ledger.Api.Tests.Security;

/// <summary>Headers, logs, rate limits and the demo key file: what travels and what stays behind.</summary>
public sealed partial class TransportTests(TransportApp app, RateLimitedApp limited) : IClassFixture<TransportApp>, IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_response_with_personal_data_is_not_stored_and_not_sniffed()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-TR-1", fullName: "Dewi Contoh");
        var response = await app.Client("admin").GetAsync($"/api/v1/inmates/{id}");

        await response.ExpectAsync(HttpStatusCode.OK);
        AssertNoStoreAndNoSniff(response);
    }

    [Fact]
    public async Task Error_responses_are_not_stored_and_not_sniffed_either()
    {
        var admin = app.Client("admin");
        var notFound = await admin.GetAsync($"/api/v1/inmates/{Guid.NewGuid()}");
        await notFound.ExpectAsync(HttpStatusCode.NotFound);
        AssertNoStoreAndNoSniff(notFound);

        // Bad JSON goes through the exception handler, which clears the response before it writes the problem.
        var badJson = await admin.PostAsync("/api/v1/facilities/lapas-cirebon/inmates", new StringContent("{\"fullName\":", Encoding.UTF8, "application/json"));
        await badJson.ExpectAsync(HttpStatusCode.BadRequest);
        AssertNoStoreAndNoSniff(badJson);

        var anonymous = await app.CreateClient().GetAsync("/api/v1/facilities");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        AssertNoStoreAndNoSniff(anonymous);
    }

    [Fact]
    public async Task Health_and_the_contract_are_not_sniffed()
    {
        var client = app.CreateClient();
        foreach (var path in new[] { "/health", "/openapi/v1.json" })
        {
            var response = await client.GetAsync(path);
            await response.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task The_release_file_allows_its_own_stylesheet_and_nothing_else()
    {
        var (html, policy) = await ReleaseFileAsync();

        var directives = Directives(policy);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/release-file.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'none'", directives["form-action"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
    }

    [Fact]
    public async Task The_release_files_stylesheet_is_served_without_a_token_and_not_sniffed()
    {
        var response = await app.CreateClient().GetAsync("/release-file.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("@page { size: A4;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_applies_the_release_files_style_under_its_policy_prints_it_and_runs_no_script()
    {
        var (html, policy) = await ReleaseFileAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        // The page as the API serves it: same body, same Content-Security-Policy header.
        var (page, problems) = await ServeAsync(browser, html, policy);
        Assert.Empty(problems);
        Assert.Equal("20px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).fontSize")); // 15pt: the served stylesheet applies
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        Assert.InRange(Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]"), 1, 2);
        Assert.Empty(problems);

        // Script smuggled into the page (say, through a name) does not run.
        var (injected, refused) = await ServeAsync(browser, html.Replace("</body>", "<script>document.title = 'script ran'</script></body>", StringComparison.Ordinal), policy);
        Assert.NotEqual("script ran", await injected.TitleAsync());
        Assert.Contains(refused, message => message.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_name_the_path_without_its_query_and_never_a_token_or_a_searched_name()
    {
        var token = app.Token("bimker-logs", ["bimker"], ["lapas-cirebon"], []);
        var foreign = LocalTokens.Mint("another-signing-key-0123456789abcdefgh", "mallory", ["admin"], ["lapas-cirebon"], [], SystemClock.Instance.GetCurrentInstant(), Duration.FromHours(1));
        app.Logs.Clear();

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await client.GetAsync("/api/v1/facilities/lapas-cirebon/inmates?search=Rahmawati&access_token=" + token)).ExpectAsync(HttpStatusCode.OK);
        var refused = app.CreateClient();
        refused.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", foreign);
        Assert.Equal(HttpStatusCode.Unauthorized, (await refused.GetAsync("/api/v1/facilities?search=Rahmawati")).StatusCode);

        var logs = app.Logs.ToArray();
        var information = logs.Where(l => l.Level >= LogLevel.Information).Select(l => l.Text).ToArray();
        Assert.Contains(information, l => l.Contains("/api/v1/facilities/lapas-cirebon/inmates", StringComparison.Ordinal));
        Assert.DoesNotContain(information, l => l.Contains("Rahmawati", StringComparison.Ordinal));
        Assert.DoesNotContain(information, l => l.Contains('?', StringComparison.Ordinal) && l.Contains("/api/v1/", StringComparison.Ordinal));
        // At every level, Trace included: no token, not even its signature.
        foreach (var secret in new[] { token, token.Split('.')[2], foreign, foreign.Split('.')[2], "access_token" })
        {
            Assert.DoesNotContain(logs, l => l.Text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_user_over_their_limit_gets_429_with_Retry_After_and_other_users_go_on()
    {
        var first = limited.Client("bimker", sub: "busy-bimker");
        for (var i = 0; i < RateLimitedApp.PerUser; i++)
        {
            await (await first.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        }

        var refused = await first.GetAsync("/api/v1/facilities");
        var problem = await refused.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("per-user", problem.GetProperty("limit").GetString());
        Assert.Contains("RateLimits:PerUserPerMinute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNoStoreAndNoSniff(refused);

        await (await limited.Client("bimker", sub: "calm-bimker").GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await limited.CreateClient().GetAsync("/api/v1/facilities")).StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_limited_per_client_address()
    {
        const string address = "203.0.113.7";
        var bad = LocalTokens.Mint("another-signing-key-0123456789abcdefgh", "mallory", ["admin"], ["lapas-cirebon"], [], SystemClock.Instance.GetCurrentInstant(), Duration.FromHours(1));
        for (var i = 0; i < RateLimitedApp.Anonymous; i++)
        {
            // No token and a token that fails validation count alike.
            Assert.Equal(StatusCodes.Status401Unauthorized, (await SendFromAsync(address, i % 2 == 0 ? null : bad)).Response.StatusCode);
        }

        var refused = (await SendFromAsync(address, bad)).Response;
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.StatusCode);
        Assert.StartsWith("application/problem+json", refused.ContentType, StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        using var body = await JsonDocument.ParseAsync(refused.Body);
        Assert.Equal("per-client-address", body.RootElement.GetProperty("limit").GetString());
        Assert.Contains("RateLimits:AnonymousPerMinute", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(StatusCodes.Status401Unauthorized, (await SendFromAsync("203.0.113.8", null)).Response.StatusCode);
        // A valid token from the same address is counted for its user, not for the address.
        var valid = limited.Token("wali-at-203", ["reintegration"], ["lapas-cirebon"], []);
        Assert.Equal(StatusCodes.Status200OK, (await SendFromAsync(address, valid)).Response.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // run.sh and its scripts are for Linux
    public void The_demo_signing_key_file_is_readable_by_its_owner_only()
    {
        var root = RepositoryRoot();
        Assert.Contains("scripts/signing-key.sh .data/signing-key", File.ReadAllText(Path.Combine(root, "run.sh")), StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("ledger-key-");
        try
        {
            var fresh = Path.Combine(folder.FullName, ".data", "signing-key");
            var key = RunSigningKeyScript(root, fresh);
            Assert.True(key.Length >= 32, $"the key is long enough: '{key}'");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));

            // A key made by an earlier run.sh (world-readable) is kept and tightened.
            var older = Path.Combine(folder.FullName, "older-key");
            File.WriteAllText(older, "an-older-demo-key-0123456789abcdefghij");
            File.SetUnixFileMode(older, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Equal("an-older-demo-key-0123456789abcdefghij", RunSigningKeyScript(root, older));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(older));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertNoStoreAndNoSniff(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: Cache-Control is '{response.Headers.CacheControl}'");
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff), "X-Content-Type-Options is missing");
        Assert.Equal(["nosniff"], sniff);
    }

    private async Task<(string Html, string Policy)> ReleaseFileAsync()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", $"CRB-TR-{Guid.NewGuid().ToString("N")[..6]}", fullName: "Rina Contoh");
        var response = await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/release-file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policies), "the release file has no Content-Security-Policy");
        AssertNoStoreAndNoSniff(response);
        return (await response.Content.ReadAsStringAsync(), Assert.Single(policies));
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private Task<(IPage Page, List<string> Problems)> ServeAsync(IBrowser browser, string html, string policy) =>
        ServedPage.OpenAsync(browser, app.CreateClient(), html, policy);

    private Task<HttpContext> SendFromAsync(string address, string? token) =>
        limited.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/api/v1/facilities";
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }
        });

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("run.sh was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the script exactly as run.sh does, under the common umask 022.</summary>
    private static string RunSigningKeyScript(string root, string file)
    {
        var start = new ProcessStartInfo("bash", ["-c", "umask 022 && scripts/signing-key.sh \"$0\"", file])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"signing-key.sh exited {process.ExitCode}: {error}");
        return output.Trim();
    }
}

/// <summary>The API with every log message recorded, Trace included.</summary>
public sealed class TransportApp : LedgerApp
{
    public ConcurrentQueue<LogLine> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The API logs at Warning by default (appsettings.json); these tests turn it up as an operator would, to see
        // that nothing sensitive is logged even then.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new RecordingLoggerProvider(Logs)));
    }

    public sealed record LogLine(string Category, LogLevel Level, string Text);

    private sealed class RecordingLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The message, every structured value and the exception: all of it reaches a log sink.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue(new LogLine(category, logLevel, $"{category} [{logLevel}] {formatter(state, exception)} {values} {exception}"));
        }
    }
}

/// <summary>The API with low rate limits: a few requests a minute per user and per client address.</summary>
public sealed class RateLimitedApp : LedgerApp
{
    public const int PerUser = 5;
    public const int Anonymous = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PerUserPerMinute", PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AnonymousPerMinute", Anonymous.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
