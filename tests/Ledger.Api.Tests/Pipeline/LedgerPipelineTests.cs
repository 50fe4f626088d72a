using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Pipeline;

/// <summary>
/// The Core pipeline called directly, as the staff web pages will call it: no HTTP, only a caller, a facility and the
/// work. The access check (not found before forbidden), the write transaction with its idempotency key, and the read
/// audit are the pipeline's, so they hold for every adapter.
/// </summary>
public sealed class LedgerPipelineTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private LedgerPipeline Pipeline => app.Services.GetRequiredService<LedgerPipeline>();

    private static Caller CallerOf(string role, string? facility = "lapas-cirebon", string? region = null) =>
        new($"pipeline-{role}", [role],
            facility is null ? new HashSet<string>() : new HashSet<string> { facility },
            region is null ? new HashSet<string>() : new HashSet<string> { region }, "pipeline-test");

    private static FindFacility In(string? code) => _ => ValueTask.FromResult(code);

    private static Func<OperationContext, Task<Done<string>>> Work(string value, Action<OperationContext>? during = null) => context =>
    {
        during?.Invoke(context);
        return Task.FromResult(new Done<string>(value, Succeeded: true, 201, () => $"\"{value}\""));
    };

    private Task<long> AuditRowsAsync(string action) =>
        app.QuerySingleAsync<long>("select count(*) from audit_log where action = @action", new { action });

    [Fact]
    public async Task A_facility_outside_the_callers_reach_is_not_found_and_the_work_never_runs()
    {
        var ran = false;
        var outcome = await Pipeline.ReadAsync(CallerOf("bimker"), In("lapas-gintung"), Area.Inmates, null, Work("x", _ => ran = true), default);
        Assert.IsType<Outcome<string>.NotFound>(outcome);
        Assert.False(ran);
        Assert.IsType<Outcome<string>.NotFound>(await Pipeline.ReadAsync(CallerOf("bimker"), In(null), Area.Inmates, null, Work("x"), default));
        Assert.IsType<Outcome<string>.NotFound>(await Pipeline.ReadAsync(CallerOf("bimker"), In("no-such-facility"), Area.Inmates, null, Work("x"), default));
    }

    [Fact]
    public async Task A_role_that_reaches_the_facility_without_the_grant_is_forbidden()
    {
        var read = await Pipeline.ReadAsync(CallerOf("auditor"), In("lapas-cirebon"), Area.Inmates, null, Work("x"), default);
        Assert.Equal(new Outcome<string>.Forbidden(Area.Inmates, Access.Read), read);
        // kanwil reaches a region's facilities to read them, never to write.
        var write = await Pipeline.WriteAsync(CallerOf("kanwil", facility: null, region: "jawa-barat"), In("lapas-cirebon"), Area.Inmates, null, Work("x"), default);
        Assert.Equal(new Outcome<string>.Forbidden(Area.Inmates, Access.Write), write);
        // Across the caller's scope only the role is checked.
        Assert.IsType<Outcome<string>.Forbidden>(await Pipeline.ReadAsync(CallerOf("bimker"), null, Area.Audit, null, Work("x"), default));
        Assert.IsType<Outcome<string>.Ok>(await Pipeline.ReadAsync(CallerOf("bimker"), null, Area.Reports, null, Work("x"), default));
    }

    [Fact]
    public async Task An_audited_read_writes_one_row_naming_the_people_and_a_refused_one_writes_none()
    {
        var person = Guid.NewGuid();
        var audit = new ReadAudit("pipeline-people", SubjectId: null, ListsPeople: true);
        var outcome = await Pipeline.ReadAsync(CallerOf("bimker"), In("lapas-cirebon"), Area.Inmates, audit, Work("list", c => c.Returns([person], " budi ")), default);
        Assert.Equal(new Outcome<string>.Ok("list"), outcome);
        Assert.Equal(person, await app.QuerySingleAsync<Guid>("select people[1] from audit_log where action = 'read.pipeline-people'"));
        Assert.Equal("budi", await app.QuerySingleAsync<string>("select search from audit_log where action = 'read.pipeline-people'"));

        var refused = await Pipeline.ReadAsync(CallerOf("bimker"), In("lapas-cirebon"), Area.Inmates, audit with { What = "pipeline-refused" },
            _ => Task.FromResult(new Done<string>("400", Succeeded: false)), default);
        Assert.Equal(new Outcome<string>.Refused("400"), refused);
        Assert.Equal(0, await AuditRowsAsync("read.pipeline-refused"));

        // A read of people whose work does not say whom it returned is a bug: it fails instead of auditing no one.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Pipeline.ReadAsync(CallerOf("bimker"), In("lapas-cirebon"), Area.Inmates, audit with { What = "pipeline-silent" }, Work("x"), default));
    }

    [Fact]
    public async Task A_write_commits_its_audit_rows_on_success_and_rolls_them_back_on_refusal()
    {
        var ok = await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, null, async context =>
        {
            await context.Session.AuditAsync("pipeline.committed", context.Facility.Code, null, default);
            return new Done<string>("done", Succeeded: true);
        }, default);
        Assert.Equal(new Outcome<string>.Ok("done"), ok);
        Assert.Equal(1, await AuditRowsAsync("pipeline.committed"));

        var refused = await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, null, async context =>
        {
            await context.Session.AuditAsync("pipeline.rolled-back", context.Facility.Code, null, default);
            return new Done<string>("409", Succeeded: false);
        }, default);
        Assert.Equal(new Outcome<string>.Refused("409"), refused);
        Assert.Equal(0, await AuditRowsAsync("pipeline.rolled-back"));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_request_and_refuses_a_different_one()
    {
        var key = "pipeline-" + Guid.NewGuid();
        var runs = 0;
        var first = await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, new Idempotency(key, "hash-a"), Work("created", _ => runs++), default);
        Assert.Equal(new Outcome<string>.Ok("created"), first);

        var again = await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, new Idempotency(key, "hash-a"), Work("created", _ => runs++), default);
        var replay = Assert.IsType<Outcome<string>.Replay>(again);
        Assert.Equal(("\"created\"", 201), (replay.Stored.ResponseBody, replay.Stored.StatusCode));

        var other = await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, new Idempotency(key, "hash-b"), Work("created", _ => runs++), default);
        Assert.Equal(new Outcome<string>.KeyReused(key), other);
        Assert.Equal(1, runs);

        Assert.IsType<Outcome<string>.InvalidKey>(await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, new Idempotency("", ""), Work("x"), default));
        Assert.IsType<Outcome<string>.InvalidKey>(await Pipeline.WriteAsync(CallerOf("admin"), In("lapas-cirebon"), Area.Inmates, new Idempotency(new string('k', 201), ""), Work("x"), default));
    }

    [Fact]
    public async Task A_second_facility_is_reached_only_where_a_role_of_the_caller_may_act()
    {
        var bimker = CallerOf("bimker");
        var kanwil = CallerOf("kanwil", facility: null, region: "jawa-barat");
        var admin = CallerOf("admin", facility: null, region: "jawa-barat");
        var seen = new List<object?>();
        await Pipeline.ReadAsync(bimker, null, Area.Reports, null, async context =>
        {
            seen.Add((await context.ReachAsync("lapas-cirebon", Area.Skills, Access.Write, default))?.Code);
            seen.Add(await context.ReachAsync("lapas-gintung", Area.Skills, Access.Read, default));
            seen.Add(await context.ReachAsync("no-such-facility", Area.Skills, Access.Read, default));
            seen.Add(await context.ReachAsync("lapas-cirebon", Area.Audit, Access.Read, default));
            seen.Add(context.MayRegisterFacilityIn("jawa-barat"));
            return new Done<string>("x", Succeeded: true);
        }, default);
        Assert.Equal(["lapas-cirebon", null, null, null, false], seen);

        seen.Clear();
        await Pipeline.ReadAsync(kanwil, null, Area.Reports, null, async context =>
        {
            var gintung = (await context.ReachAsync("lapas-gintung", Area.Reports, Access.Read, default))!;
            seen.Add(gintung.Code);
            seen.Add(context.Allows(gintung, Area.Reports, Access.Read));
            // kanwil reaches a region's facilities to read them, never to write.
            seen.Add(context.Allows(gintung, Area.Inmates, Access.Write));
            seen.Add(context.MayRegisterFacilityIn("jawa-barat"));
            return new Done<string>("x", Succeeded: true);
        }, default);
        Assert.Equal(["lapas-gintung", true, false, false], seen);

        seen.Clear();
        await Pipeline.ReadAsync(admin, null, Area.Facilities, null, context =>
        {
            seen.Add(context.MayRegisterFacilityIn("jawa-barat"));
            seen.Add(context.MayRegisterFacilityIn("jawa-tengah"));
            return Task.FromResult(new Done<string>("x", Succeeded: true));
        }, default);
        Assert.Equal([true, false], seen);
    }
}
