using System.Net;
using System.Net.Http.Headers;
using Ledger.Api.Auth;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

public sealed class TokenCommandTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task The_token_command_prints_one_token_the_api_accepts()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = LocalTokens.RunCommand(["token", "--sub", "ani", "--role", "finance", "--facility", "lapas-cirebon"], LedgerApp.SigningKey, NodaTime.SystemClock.Instance, output, error);

        Assert.Equal(0, exit);
        var token = output.ToString().Trim();
        Assert.DoesNotContain('\n', token);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var facilities = await (await client.GetAsync("/api/v1/facilities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("lapas-cirebon", facilities.GetProperty("items")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("token --role finance")]
    [InlineData("token --sub ani --role warden")]
    [InlineData("token --sub ani --role")]
    [InlineData("token --sub ani --role finance --hours -1")]
    public void Bad_options_print_usage_and_exit_2(string commandLine)
    {
        var args = commandLine.Split(' ');
        var error = new StringWriter();
        Assert.Equal(2, LocalTokens.RunCommand(args, LedgerApp.SigningKey, app.Clock, new StringWriter(), error));
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public void Without_a_signing_key_the_command_refuses()
    {
        var error = new StringWriter();
        Assert.Equal(2, LocalTokens.RunCommand(["token", "--sub", "ani", "--role", "finance"], null, app.Clock, new StringWriter(), error));
        Assert.Contains("Auth__SigningKey", error.ToString());
    }

    [Fact]
    public void Without_an_authority_or_a_signing_key_the_api_refuses_to_start()
    {
        using var unconfigured = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Ledger", app.ConnectionString).UseSetting("Auth:SigningKey", ""));
        var error = Assert.Throws<InvalidOperationException>(() => unconfigured.CreateClient());
        Assert.Contains("Auth__SigningKey", error.Message);
    }
}
