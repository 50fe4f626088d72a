using System.Net;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;

namespace Ledger.Api.Tests.Skills;

/// <summary>The demo data run.sh loads (db/seed), loaded on the tests' day, tells the coir-net story through the API.</summary>
public sealed class DemoSeedTests(DemoSeedTests.App app) : IClassFixture<DemoSeedTests.App>
{
    public sealed class App : LedgerApp
    {
        protected override async Task SeedAsync()
        {
            var folder = FindSeedFolder(AppContext.BaseDirectory);
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, folder, Clock, CancellationToken.None));
        }

        private static string FindSeedFolder(string from)
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "db", "seed");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new DirectoryNotFoundException("db/seed was not found above " + from);
        }
    }

    [Fact]
    public async Task The_programme_report_of_the_export_order_shows_the_story_forty_workers_and_5400_nets_passed()
    {
        var report = await (await app.Client("reintegration").GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-09-29&to=2025-10-16"))
            .ExpectAsync(HttpStatusCode.OK);

        var coir = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("programmeCode").GetString() == "sabut-kelapa");
        Assert.Equal(40, coir.GetProperty("participants").GetInt32());
        Assert.Equal(5_400, coir.GetProperty("unitsProduced").GetInt64());
        Assert.Equal(5_400, coir.GetProperty("unitsPassed").GetInt64());
        Assert.True(coir.GetProperty("premiPosted").GetInt64() > 0);
    }

    [Fact]
    public async Task The_region_report_gathers_every_facility_kanwil_may_read_and_hides_other_regions()
    {
        var kanwil = app.Client("kanwil", facility: null, region: "jawa-barat");
        var report = await (await kanwil.GetAsync("/api/v1/regions/jawa-barat/reports/programmes?from=2025-09-01&to=2025-10-31")).ExpectAsync(HttpStatusCode.OK);

        var facilities = report.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("facility").GetString()).Distinct().ToList();
        Assert.Contains("lapas-cirebon", facilities);
        Assert.Contains("lapas-ciamis", facilities);
        var ciamis = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("facility").GetString() == "lapas-ciamis");
        Assert.Equal(400, ciamis.GetProperty("unitsPassed").GetInt64());
        await (await kanwil.GetAsync("/api/v1/regions/jawa-tengah/reports/programmes")).ExpectAsync(HttpStatusCode.NotFound);
        var cirebonOnly = await (await app.Client("auditor").GetAsync("/api/v1/regions/jawa-barat/reports/programmes?from=2025-09-01&to=2025-10-31")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["lapas-cirebon"], cirebonOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("facility").GetString()).Distinct());
    }

    [Fact]
    public async Task Forty_people_trained_in_coir_craft_before_production_started_on_29_September_2025()
    {
        var report = await (await app.Client("kanwil", facility: null, region: "jawa-barat").GetAsync("/api/v1/facilities/lapas-cirebon/reports/programmes?from=2025-09-01&to=2025-09-28"))
            .ExpectAsync(HttpStatusCode.OK);

        var coir = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("programmeCode").GetString() == "sabut-kelapa");
        Assert.Equal(40, coir.GetProperty("participants").GetInt32());
        // 30 people × 15 days + 6 × 13 + 4 × 10, 240 minutes each, less CRB-0012's reversed day.
        Assert.Equal((30 * 15 + 6 * 13 + 4 * 10) * 240 - 240, coir.GetProperty("minutes").GetInt64());
        Assert.Equal(36, coir.GetProperty("certificatesIssued").GetInt32());
        Assert.Equal("2025-09-26", await app.QuerySingleAsync<string>("select max(day)::text from training_entry e join programme p on p.id = e.programme_id where p.code = 'sabut-kelapa'"));
    }

    [Fact]
    public async Task The_LSP_assessment_has_competent_not_yet_competent_and_revoked_certificates()
    {
        var id = await app.QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0007'");

        var skills = await (await app.Client("reintegration").GetAsync($"/api/v1/inmates/{id}/skills")).ExpectAsync(HttpStatusCode.OK);

        var lsp = skills.GetProperty("certificates").EnumerateArray().Single(c => c.GetProperty("certificate").GetProperty("issuerKind").GetString() == "lsp-bnsp");
        Assert.Equal("2025-11-03", lsp.GetProperty("certificate").GetProperty("revocation").GetProperty("revokedOn").GetString());
        Assert.False(lsp.GetProperty("validToday").GetBoolean());
        Assert.Equal(100, skills.GetProperty("programmes")[0].GetProperty("progressPercent").GetInt32());
        Assert.Equal(5, await app.QuerySingleAsync<long>("""
            select count(*) from certificate c where c.issuer_kind = 'lsp-bnsp' and c.result = 'competent' and c.valid_until = '2028-10-19'
              and not exists (select 1 from certificate_revocation r where r.certificate_id = c.id)
            """));
        Assert.Equal(1, await app.QuerySingleAsync<long>("select count(*) from certificate where result = 'not-yet-competent'"));
    }

    [Fact]
    public async Task Gintung_has_its_own_sewing_course_that_Cirebon_cannot_see()
    {
        var gintung = await (await app.Client("bimker", "lapas-gintung").GetAsync("/api/v1/facilities/lapas-gintung/reports/programmes?from=2025-10-01&to=2025-10-31"))
            .ExpectAsync(HttpStatusCode.OK);

        var sewing = gintung.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("programmeCode").GetString() == "menjahit");
        Assert.Equal((4, 4 * 5 * 180L), (sewing.GetProperty("participants").GetInt32(), sewing.GetProperty("minutes").GetInt64()));
        await (await app.Client("bimker").GetAsync("/api/v1/facilities/lapas-gintung/programmes")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_people_move_in_through_the_registry_import_from_the_committed_files()
    {
        // 42 in Cirebon, 6 in Gintung, 10 in Ciamis: every one registered by the import, with one audit row each.
        Assert.Equal(58, await app.QuerySingleAsync<long>("select count(*) from inmate"));
        Assert.Equal(58, await app.QuerySingleAsync<long>(
            "select count(distinct subject_id) from audit_log where action = 'registry.import' and user_sub = 'seed' and subject_id in (select id::text from inmate)"));
        Assert.Equal(7, await app.QuerySingleAsync<long>("select count(*) from remission where recorded_by = 'seed'"));
        // The Cirebon files are an export as of 20/11/2025, the tests' day: the dates are as written.
        Assert.Equal("2023-12-21", await app.QuerySingleAsync<string>("select detention_date::text from inmate where registration_number = 'CRB-0001'"));
        Assert.Equal("2024-01-15", await app.QuerySingleAsync<string>("select detention_date::text from inmate where registration_number = 'CMS-0001'"));
    }

    [Fact]
    public async Task Seeded_on_a_later_day_the_story_moves_with_it_but_Ciamis_keeps_its_dates()
    {
        var later = new LaterApp();
        await later.InitializeAsync();
        try
        {
            // 100 days later: CRB-0001 is still 700 days into its sentence, its remisi and register F dates moved alike.
            Assert.Equal("2024-03-30", await later.QuerySingleAsync<string>("select detention_date::text from inmate where registration_number = 'CRB-0001'"));
            Assert.Equal(40, await later.QuerySingleAsync<int>("""
                select (date '2026-02-28' - d.occurred_on) from discipline_entry d join inmate i on i.id = d.inmate_id where i.registration_number = 'CRB-0009'
                """));
            Assert.Equal("2024-01-15", await later.QuerySingleAsync<string>("select detention_date::text from inmate where registration_number = 'CMS-0001'"));
        }
        finally
        {
            await later.DisposeAsync();
        }
    }

    /// <summary>The demo seeded on 28 February 2026, 100 days after the export's day.</summary>
    public sealed class LaterApp : LedgerApp
    {
        protected override async Task SeedAsync()
        {
            Clock.Reset(NodaTime.Instant.FromUtc(2026, 2, 28, 3, 0));
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Pages.Repository.Root, "db", "seed"), Clock, CancellationToken.None));
        }
    }
}
