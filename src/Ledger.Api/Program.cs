using Ledger.Api.Audit;
using Ledger.Api.Auth;
using Ledger.Api.Facilities;
using Ledger.Api.Inmates;
using Ledger.Api.Premi;
using Ledger.Api.Readiness;
using Ledger.Api.Registry;
using Ledger.Api.Reports;
using Ledger.Api.Work;
using Ledger.Api.Web;
using Ledger.Web;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Readiness;
using Ledger.Core.Work;
using Ledger.Core.Pipeline;
using Ledger.Api.Skills;
using Ledger.Core.Skills;
using Ledger.Core.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using NodaTime;
using Npgsql;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration["LEDGER_DB"] ?? builder.Configuration.GetConnectionString("Ledger");
// Migrations run as the tables' owner; without this string they run with LEDGER_DB (see docs/operations.md, "Database roles").
var migrationConnectionString = builder.Configuration["LEDGER_MIGRATION_DB"] ?? builder.Configuration.GetConnectionString("LedgerMigrations");
// Reports, dashboards, worklists and readiness may read from a hot standby (docs/operations.md, "Reads from a standby").
var readsConnectionString = builder.Configuration["LEDGER_READ_DB"] ?? builder.Configuration.GetConnectionString("LedgerReads");

// Commands: `migrate`, `rebuild-kept`, `seed FOLDER`, `token ...`; anything else serves the API.
switch (args.FirstOrDefault())
{
    case "token":
        return LocalTokens.RunCommand(args, builder.Configuration["Auth:SigningKey"], SystemClock.Instance, Console.Out, Console.Error);
    case "migrate":
        await Migrator.MigrateAsync(migrationConnectionString ?? RequireConnectionString(connectionString), singleConnectionString: migrationConnectionString is null, Console.Out, CancellationToken.None);
        Console.WriteLine("migrate: database is up to date");
        return 0;
    case "rebuild-kept":
        // Kept values (per person, per Lapas and day, release dates) recomputed from the ledger: docs/kept-values.md.
        await KeptValues.RebuildAllAsync(migrationConnectionString ?? RequireConnectionString(connectionString), Console.Out, CancellationToken.None);
        Console.WriteLine("rebuild-kept: done");
        return 0;
    case "seed":
        var folder = args.Length > 1 ? args[1] : "db/seed";
        // The demo data goes in as the API writes: through the runtime role.
        var runtime = await DatabaseRoles.ResolveRuntimeAsync(RequireConnectionString(connectionString), migrationConnectionString is not null, CancellationToken.None);
        if (runtime.Note is { } note)
        {
            Console.WriteLine(note);
        }
        var loaded = await DemoSeed.LoadIfEmptyAsync(runtime.ConnectionString, folder, SystemClock.Instance, CancellationToken.None);
        Console.WriteLine(loaded ? $"seed: demo data loaded from {folder}" : "seed: database already has data; nothing loaded");
        return 0;
}

builder.AddLedgerAuth();
builder.AddLedgerTransport();
builder.AddLedgerTelemetry();
builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new RuntimeDatabase(connectionString, migrationConnectionString is not null, readsConnectionString,
    sp.GetRequiredService<ILogger<RuntimeDatabase>>()));
builder.Services.AddHostedService(sp => sp.GetRequiredService<RuntimeDatabase>());
builder.Services.AddSingleton(sp => LedgerDatabase.CreateDataSource(sp.GetRequiredService<RuntimeDatabase>().ConnectionString));
builder.Services.AddSingleton(StandbyWatch.Options(builder.Configuration));
builder.Services.AddSingleton(sp => new StandbyReads(sp.GetRequiredService<NpgsqlDataSource>(),
    sp.GetRequiredService<RuntimeDatabase>().StandbyConnectionString is { } standby ? LedgerDatabase.CreateDataSource(standby) : null,
    sp.GetRequiredService<StandbyOptions>(), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddHostedService<StandbyWatch>();
builder.Services.AddSingleton<FacilityStore>();
builder.Services.AddSingleton<InmateStore>();
builder.Services.AddSingleton<AuditStore>();
builder.Services.AddSingleton<WorkStore>();
builder.Services.AddSingleton<PremiSchemeStore>();
builder.Services.AddSingleton<PremiRunStore>();
builder.Services.AddSingleton<PremiAccountStore>();
builder.Services.AddSingleton<ReadinessStore>();
builder.Services.AddSingleton<ReleaseLetterStore>();
builder.Services.AddSingleton<UsulanStore>();
builder.Services.AddSingleton<ProgrammeStore>();
builder.Services.AddSingleton<Ledger.Core.Reports.RegionDashboardStore>();
builder.Services.AddSingleton<TrainingStore>();
builder.Services.AddSingleton<CertificateStore>();
builder.Services.AddSingleton<TrainingSessionStore>();
builder.Services.AddSingleton<LedgerPipeline>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ApiCall>();
builder.Services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddLedgerLanguages();
builder.Services.AddLedgerWeb();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi("v1", OpenApiSetup.Configure);

var app = builder.Build();
app.UseLedgerTransport();
app.UseLedgerLanguages();
app.UseExceptionHandler();
app.UseLedgerStatusCodePages();
// wwwroot (the release file's stylesheet) before authentication: assets name no one and need no token. Served from
// beside the assembly (the csproj copies it there), whatever the content root (tests run from the project folder).
// The pages' assets (Ledger.Web's wwwroot, blazor.web.js) are static web assets: MapStaticAssets below, which needs
// the published output as content root (run.sh passes it).
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
// Writes hash their body for Idempotency-Key, after model binding has read it.
app.Use((context, next) =>
{
    if (HttpMethods.IsPost(context.Request.Method))
    {
        context.Request.EnableBuffering();
    }
    return next(context);
});
app.UseAuthentication();
app.UseRateLimiter(); // per user once the token is known (Web/RateLimits.cs)
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHealth();

app.MapStaticAssets().AllowAnonymous();
app.MapLedgerWeb();

// Every route below needs a token (AuthSetup's fallback policy): 401 is declared once, here.
var api = app.MapGroup("/api/v1").ProducesProblem(StatusCodes.Status401Unauthorized);
api.MapFacilities();
api.MapInmates();
api.MapWork();
api.MapPremi();
api.MapReadiness();
api.MapReports();
api.MapSkills();
api.MapRegistry();
api.MapAudit();

var urls = builder.Configuration["LEDGER_URLS"];
if (!string.IsNullOrEmpty(urls))
{
    app.Urls.Add(urls);
}
await app.RunAsync();
return 0;

static string RequireConnectionString(string? value) =>
    string.IsNullOrEmpty(value)
        ? throw new InvalidOperationException("No database: set LEDGER_DB (or ConnectionStrings__Ledger) to a PostgreSQL connection string.")
        : value;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
