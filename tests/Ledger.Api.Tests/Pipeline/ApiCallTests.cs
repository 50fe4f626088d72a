using System.Reflection;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Web;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Pipeline;

/// <summary>
/// The API's adapter over the pipeline: each outcome becomes the typed result that names its status and writes the
/// problem format of the API, and each endpoint's statuses are learned from its handler's result types.
/// </summary>
public sealed class ApiCallTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    public static TheoryData<string, int, string> Outcomes => new()
    {
        { "not-found", 404, """{"title":"Not found","detail":"No such resource, or it is outside your facilities."}""" },
        { "not-found-detail", 404, """{"title":"Not found","detail":"The work order was not found."}""" },
        { "invalid", 400, """{"title":"One or more fields are invalid","errors":{"name":["is required"]}}""" },
        { "conflict", 409, """{"title":"Refused by a ledger rule","detail":"Beyond the balance."}""" },
        { "forbidden", 403, """{"title":"Forbidden","detail":"None of your roles may change inmates here; allowed: admin."}""" },
        { "invalid-key", 400, """{"errors":{"Idempotency-Key":["must be 1 to 200 characters"]}}""" },
        { "key-reused", 422, """{"title":"Idempotency key reused","detail":"The Idempotency-Key 'k-1' was already used with a different request."}""" },
    };

    private static Outcome<string> OutcomeOf(string name) => name switch
    {
        "not-found" => new Outcome<string>.NotFound(),
        "not-found-detail" => new Outcome<string>.NotFound("The work order was not found."),
        "invalid" => new Outcome<string>.Invalid(new Dictionary<string, string[]> { ["name"] = ["is required"] }),
        "conflict" => new Outcome<string>.Conflict("Beyond the balance."),
        "forbidden" => new Outcome<string>.Forbidden(Area.Inmates, Access.Write),
        "invalid-key" => new Outcome<string>.InvalidKey(""),
        "key-reused" => new Outcome<string>.KeyReused("k-1"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Each_refusal_becomes_a_problem_answer_with_its_status(string outcome, int status, string expected)
    {
        var (value, problem) = ApiCall.Answer(OutcomeOf(outcome));
        Assert.Null(value);
        Assert.Equal(status, Assert.IsAssignableFrom<IStatusCodeHttpResult>(problem).StatusCode);

        var (answered, contentType, body) = await ExecuteAsync(problem!);
        Assert.Equal(status, answered);
        Assert.StartsWith("application/problem+json", contentType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.TryGetProperty("traceId", out _), body);
        foreach (var property in JsonDocument.Parse(expected).RootElement.EnumerateObject())
        {
            Assert.Equal(property.Value.GetRawText(), json.RootElement.GetProperty(property.Name).GetRawText());
        }
    }

    [Fact]
    public void A_success_or_the_works_own_refusal_is_answered_as_the_work_returned_it()
    {
        Assert.Equal(("made", (IResult?)null), ApiCall.Answer<string>(new Outcome<string>.Ok("made")));
        Assert.Equal(("refused", (IResult?)null), ApiCall.Answer<string>(new Outcome<string>.Refused("refused")));
    }

    [Fact]
    public async Task A_replay_answers_200_with_the_stored_body_byte_for_byte()
    {
        const string Stored = """{"id":"b1", "name":"Ani"}""";
        var (status, contentType, body) = await ExecuteAsync(new Written<object>(new StoredResponse("hash", 201, Stored)));
        Assert.Equal((200, Stored), (status, body));
        Assert.StartsWith("application/json", contentType);

        var created = Written.Created("/api/v1/x", new { name = "Ani" });
        Assert.Equal(201, created.StatusCode);
        Assert.Equal(201, (await ExecuteAsync(created)).Status);
    }

    /// <summary>Each endpoint's statuses come from its handler's Results&lt;...&gt; (and 401 from the /api/v1 group), not from per-route lines.</summary>
    [Fact]
    public void Every_endpoint_lists_the_statuses_its_result_types_can_answer()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var produced = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().ToList();
            var statuses = produced.Select(p => p.StatusCode).Distinct().Order().ToList();
            var isWrite = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("POST");
            int[] expected = isWrite ? [200, 201, 400, 401, 403, 404, 409, 422] : [200, 400, 401, 403, 404];
            Assert.True(expected.All(statuses.Contains), $"{endpoint.DisplayName}: {string.Join(" ", statuses)}");
            // 415 where a body may be refused; a read answers 409 only where a rule can refuse it (the payment list of a
            // run that is not approved has nothing to pay), and then declares it.
            Assert.True(statuses.All(s => expected.Contains(s) || s == 415 || (!isWrite && s == 409)), $"{endpoint.DisplayName}: {string.Join(" ", statuses)}");
            Assert.All(produced.Where(p => p.StatusCode >= 400), p => Assert.Equal(["application/problem+json"], p.ContentTypes));
        }
    }

    private async Task<(int Status, string? ContentType, string Body)> ExecuteAsync(IResult result)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.ContentType, await new StreamReader(http.Response.Body, Encoding.UTF8).ReadToEndAsync());
    }
}
