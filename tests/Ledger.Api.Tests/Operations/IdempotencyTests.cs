using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Operations;

public sealed class IdempotencyTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static HttpRequestMessage Register(string key, string registrationNumber) =>
        new(HttpMethod.Post, "/api/v1/facilities/lapas-cirebon/inmates")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(new { registrationNumber, fullName = "Ujang Contoh", detentionDate = "2025-01-10", sentenceKind = "fixed", sentence = new { years = 2 } }),
        };

    private Task<long> CountAsync(string registrationNumber) =>
        app.QuerySingleAsync<long>("select count(*) from inmate where registration_number = @registrationNumber", new { registrationNumber });

    [Fact]
    public async Task A_replay_with_the_same_key_and_body_answers_200_with_the_same_body_and_writes_nothing()
    {
        var admin = app.Client("admin");
        var first = await admin.SendAsync(Register("key-replay", "CRB-IDEM-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var audits = await app.QuerySingleAsync<long>("select count(*) from audit_log");

        var replay = await admin.SendAsync(Register("key-replay", "CRB-IDEM-1"));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync("CRB-IDEM-1"));
        Assert.Equal(audits, await app.QuerySingleAsync<long>("select count(*) from audit_log"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422_and_writes_nothing()
    {
        var admin = app.Client("admin");
        await (await admin.SendAsync(Register("key-conflict", "CRB-IDEM-2"))).ExpectAsync(HttpStatusCode.Created);

        await (await admin.SendAsync(Register("key-conflict", "CRB-IDEM-3"))).ExpectAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, await CountAsync("CRB-IDEM-3"));
    }

    [Fact]
    public async Task Two_identical_requests_at_once_make_one_write()
    {
        var admin = app.Client("admin");
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.SendAsync(Register("key-race", "CRB-IDEM-4"))));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await CountAsync("CRB-IDEM-4"));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from audit_log where action = 'inmate.register' and subject_id = (select id::text from inmate where registration_number = 'CRB-IDEM-4')"));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_free_for_the_corrected_request()
    {
        var admin = app.Client("admin");
        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/facilities/lapas-cirebon/inmates")
        {
            Headers = { { "Idempotency-Key", "key-retry" } },
            Content = JsonContent.Create(new { registrationNumber = "CRB-IDEM-5" }),
        };
        await (await admin.SendAsync(bad)).ExpectAsync(HttpStatusCode.BadRequest);

        await (await admin.SendAsync(Register("key-retry", "CRB-IDEM-5"))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Keys_belong_to_their_user()
    {
        await (await app.Client("admin", sub: "admin-one").SendAsync(Register("key-shared", "CRB-IDEM-6"))).ExpectAsync(HttpStatusCode.Created);
        await (await app.Client("admin", sub: "admin-two").SendAsync(Register("key-shared", "CRB-IDEM-7"))).ExpectAsync(HttpStatusCode.Created);
    }
}
