using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// One staff page as a user opens it: a short name (the screenshot's file name), the demo user (null: not signed in),
/// the address (<c>{person}</c> stands for the demo's CRB-0002, <c>{run}</c> for its approved premi run, <c>{order}</c> for its work order) and the status it answers.
/// </summary>
public sealed record PageAddress(string Name, string? User, string Path, int Status = 200)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every page of the staff app, once each, for the accessibility check, the headers check and the screenshots.
/// A new page adds its line here.
/// </summary>
public static class EveryPage
{
    public static readonly IReadOnlyList<PageAddress> All =
    [
        new("masuk", null, "/masuk"),
        new("beranda", "bimker-cirebon", "/"),
        new("warga-binaan", "bimker-cirebon", "/warga-binaan"),
        new("warga-binaan-orang", "wali-cirebon", "/warga-binaan/{person}"),
        new("daftar-hadir", "bimker-cirebon", "/daftar-hadir?program=sabut-kelapa&tanggal=2025-10-01"),
        new("impor", "bimker-cirebon", "/impor"),
        new("program", "bimker-cirebon", "/program"),
        new("program-sabut-kelapa", "bimker-cirebon", "/program/sabut-kelapa"),
        new("pekerjaan", "bimker-cirebon", "/pekerjaan"),
        new("sertifikat", "bimker-cirebon", "/sertifikat?no=CRB-0002"),
        new("tidak-ditemukan", "bimker-gintung", "/warga-binaan/{person}", Status: 404),
        new("daftar-hadir-keuangan", "finance-cirebon", "/daftar-hadir", Status: 403),
        new("tidak-diizinkan", "auditor-cirebon", "/warga-binaan", Status: 403),
        new("premi", "finance-cirebon", "/premi"),
        new("premi-skema", "finance-cirebon", "/premi/skema"),
        new("premi-skema-baru", "finance-cirebon", "/premi/skema/baru?jenis=bulanan"),
        new("premi-perhitungan-baru", "finance-cirebon", "/premi/perhitungan/baru"),
        new("premi-perhitungan", "finance2-cirebon", "/premi/perhitungan/{run}"),
        new("premi-rekening", "finance-cirebon", "/premi/rekening"),
        new("premi-rekening-orang", "finance-cirebon", "/warga-binaan/{person}/premi"),
        new("premi-rekening-orang-bimker", "bimker-cirebon", "/warga-binaan/{person}/premi"),
        new("pembayaran-bebas", "finance-cirebon", "/premi/pembayaran-bebas"),
        new("pembayaran-bebas-orang", "finance-cirebon", "/warga-binaan/{person}/pembayaran-bebas"),
        new("kesiapan", "wali-cirebon", "/warga-binaan/{person}/kesiapan"),
        new("kanwil", "kanwil-jabar", "/kanwil"),
        new("laporan-program", "kanwil-jabar", "/laporan/program?lapas=lapas-cirebon&dari=2025-09-29&sampai=2025-10-16"),
        new("kanwil-bimker", "bimker-cirebon", "/kanwil", Status: 403),
        new("pembebasan", "wali-cirebon", "/pembebasan"),
        new("warga-binaan-usulan", "wali-cirebon", "/warga-binaan/{person}/usulan"),
        new("pekerjaan-impor", "bimker-cirebon", "/pekerjaan/{order}/impor"),
        new("impor-registrasi", "admin-jabar", "/impor/registrasi"),
    ];

    public static TheoryData<PageAddress> Cases() => [.. All];

    /// <summary>The pages over the demo data that run.sh loads (db/seed), on the tests' day.</summary>
    public sealed class App : PagesApp
    {
        public Guid Person { get; private set; }

        /// <summary>The demo's approved premi run of Cirebon (October 2025), for <c>{run}</c>.</summary>
        public Guid Run { get; private set; }

        protected override async Task SeedAsync()
        {
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Repository.Root, "db", "seed"), Clock, CancellationToken.None));
            Person = await QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0002'");
            Run = await QuerySingleAsync<Guid>("select id from premi_run where facility_code = 'lapas-cirebon' order by created_at limit 1");
            Order = await QuerySingleAsync<Guid>("select id from work_order where facility_code = 'lapas-cirebon' order by created_at limit 1");
        }

        /// <summary>The demo's Cirebon work order, for <c>{order}</c>.</summary>
        public Guid Order { get; private set; }

        /// <summary>Opens the page as its user; the tab, its console problems and the answer's status.</summary>
        public async Task<(Microsoft.Playwright.IPage Page, List<string> Problems, Microsoft.Playwright.IResponse Response)> OpenAsync(PageAddress address)
        {
            var (page, problems) = address.User is { } user ? await SignInAsync(user) : await NewPageAsync();
            var response = await page.GotoAsync(address.Path.Replace("{person}", Person.ToString(), StringComparison.Ordinal).Replace("{run}", Run.ToString(), StringComparison.Ordinal)
                .Replace("{order}", Order.ToString(), StringComparison.Ordinal));
            Assert.Equal(address.Status, response!.Status);
            return (page, problems, response);
        }
    }
}

/// <summary>Where the repository is, found from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Ledger.sln was not found above " + from);
    }
}
