using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Api.Web;

/// <summary>
/// Liveness and readiness, for a process supervisor and a load balancer:
/// <list type="bullet">
/// <item><c>/health/live</c>: the process answers HTTP. A supervisor restarts the API when this fails, never because the
/// database is away (a restart would not bring it back).</item>
/// <item><c>/health/ready</c> (and <c>/health</c>, its older name): the database answers and holds every migration this
/// build expects; it also says where the reads that may be a moment old go and how far behind the standby is (a
/// standby behind or away is not a reason to take the API out of service). A load balancer sends no traffic while it answers 503; the answer carries <c>Retry-After</c>.</item>
/// </list>
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The last migration this build carries: a database at it or past it (migrate, then roll the API) is current.</summary>
    public static string ExpectedMigration { get; } = typeof(Migrator).Assembly.GetManifestResourceNames()
        .Where(name => name.Contains(".Migrations.", StringComparison.Ordinal)).Max(StringComparer.Ordinal)!;

    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new LivenessStatus("ok")))
            .AllowAnonymous().WithTags("Operations").WithName("getLiveness").WithSummary("Check that the API process answers")
            .WithDescription("Does not ask the database: a supervisor restarts the process when this fails.");
        app.MapGet("/health/ready", ReadyAsync)
            .AllowAnonymous().WithTags("Operations").WithName("getReadiness").WithSummary("Check that the API can serve requests")
            .WithDescription("The database answers and holds every migration this build expects; otherwise 503 with Retry-After.")
            .Produces<HealthStatus>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/health", ReadyAsync)
            .AllowAnonymous().WithTags("Operations").WithName("getHealth").WithSummary("Check the API and its database")
            .WithDescription("The same as /health/ready (its older name).")
            .Produces<HealthStatus>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ReadyAsync(NpgsqlDataSource db, StandbyReads standby, HttpContext http, CancellationToken ct)
    {
        string? applied;
        try
        {
            await using var command = db.CreateCommand("select ledger_last_migration()");
            applied = await command.ExecuteScalarAsync(ct) as string;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedFunction)
        {
            // ledger_last_migration() itself came with migration 0017: a database without it is older still.
            applied = null;
        }
        catch (NpgsqlException)
        {
            return NotReady(http, "Database unavailable", null);
        }
        if (applied is null || string.CompareOrdinal(applied, ExpectedMigration) < 0)
        {
            return NotReady(http, "Migrations pending", $"The database's last migration is {applied ?? "none"}; this API expects {ExpectedMigration}. Run `migrate`.");
        }
        // A standby behind or away does not make the API unready: its reads go to the primary.
        var replica = standby.State;
        return TypedResults.Ok(new HealthStatus("ok", "ok", "current", new StandbyHealth(replica.Status, replica.LagSeconds, replica.MaxStalenessSeconds)));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotReady(HttpContext http, string title, string? detail)
    {
        http.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }
}
