using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Who the caller is: a token must name its user (sub), its times are checked with at most 60 seconds of skew, and a
/// local token lives at most 12 hours. Tokens LocalTokens.Mint cannot make are minted here with JsonWebTokenHandler.
/// </summary>
public sealed class TokenValidationTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    /// <summary>A local token signed with the tests' key; <paramref name="sub"/> null leaves the claim out.</summary>
    private static string Mint(string? sub, DateTime notBefore, DateTime expires, string role = "admin")
    {
        var claims = new List<Claim> { new("role", role), new("facility", "lapas-cirebon") };
        if (sub is not null)
        {
            claims.Add(new Claim("sub", sub));
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalTokens.Issuer,
            Audience = LocalTokens.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(LocalTokens.Key(LedgerApp.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private HttpClient ClientWith(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static DateTime Now => DateTime.UtcNow;

    [Fact]
    public async Task A_token_that_names_its_user_is_accepted()
    {
        var token = Mint("ani", Now.AddMinutes(-1), Now.AddHours(1));
        await (await ClientWith(token).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_token_without_a_sub_is_401_for_reads_and_writes(string? sub)
    {
        var client = ClientWith(Mint(sub, Now.AddMinutes(-1), Now.AddHours(1)));
        await (await client.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
        var before = await app.QuerySingleAsync<long>("select count(*) from inmate");
        var register = await client.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates", new
        {
            registrationNumber = "CRB-ANON-1",
            fullName = "Tanpa Nama",
            detentionDate = "2024-03-01",
            sentenceKind = "fixed",
            sentence = new { years = 1, months = 0, days = 0 },
        });
        await register.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await app.QuerySingleAsync<long>("select count(*) from inmate"));
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from audit_log where user_sub = 'anonymous' or user_sub = ''"));
    }

    [Fact]
    public async Task A_token_that_expired_more_than_60_seconds_ago_is_401()
    {
        var expired = Mint("ani", Now.AddHours(-1), Now.AddSeconds(-90));
        await (await ClientWith(expired).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
        var justExpired = Mint("ani", Now.AddHours(-1), Now.AddSeconds(-20));
        await (await ClientWith(justExpired).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_valid_only_from_more_than_60_seconds_ahead_is_401()
    {
        var early = Mint("ani", Now.AddSeconds(90), Now.AddHours(1));
        await (await ClientWith(early).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_local_token_that_expires_more_than_12_hours_ahead_is_401()
    {
        var tooLong = Mint("ani", Now.AddMinutes(-1), Now.AddHours(13));
        await (await ClientWith(tooLong).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.Unauthorized);
        var twelveHours = Mint("ani", Now.AddMinutes(-1), Now.AddHours(12));
        await (await ClientWith(twelveHours).GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public void The_token_command_mints_at_most_12_hours()
    {
        var error = new StringWriter();
        Assert.Equal(2, LocalTokens.RunCommand(["token", "--sub", "ani", "--role", "finance", "--hours", "13"], LedgerApp.SigningKey, app.Clock, new StringWriter(), error));
        Assert.Contains("--hours", error.ToString());
        var output = new StringWriter();
        Assert.Equal(0, LocalTokens.RunCommand(["token", "--sub", "ani", "--role", "finance", "--hours", "12"], LedgerApp.SigningKey, app.Clock, output, new StringWriter()));
        var token = new JsonWebToken(output.ToString().Trim());
        Assert.Equal(TimeSpan.FromHours(12), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public void The_token_command_refuses_an_empty_sub()
    {
        var error = new StringWriter();
        Assert.Equal(2, LocalTokens.RunCommand(["token", "--sub", " ", "--role", "finance"], LedgerApp.SigningKey, app.Clock, new StringWriter(), error));
    }
}
