using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// One staff page as a user opens it: a short name (the screenshot's file name), the demo user (null: not signed in),
/// the address (<c>{person}</c> stands for the demo's CRB-0002) and the status it answers.
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
        new("pembebasan", "wali-cirebon", "/pembebasan"),
        new("warga-binaan-usulan", "wali-cirebon", "/warga-binaan/{person}/usulan"),
    ];

    public static TheoryData<PageAddress> Cases() => [.. All];

    /// <summary>The pages over the demo data that run.sh loads (db/seed), on the tests' day.</summary>
    public sealed class App : PagesApp
    {
        public Guid Person { get; private set; }

        protected override async Task SeedAsync()
        {
            Assert.True(await DemoSeed.LoadIfEmptyAsync(RuntimeConnectionString, Path.Combine(Repository.Root, "db", "seed"), Clock, CancellationToken.None));
            Person = await QuerySingleAsync<Guid>("select id from inmate where registration_number = 'CRB-0002'");
        }

        /// <summary>Opens the page as its user; the tab, its console problems and the answer's status.</summary>
        public async Task<(Microsoft.Playwright.IPage Page, List<string> Problems, Microsoft.Playwright.IResponse Response)> OpenAsync(PageAddress address)
        {
            var (page, problems) = address.User is { } user ? await SignInAsync(user) : await NewPageAsync();
            var response = await page.GotoAsync(address.Path.Replace("{person}", Person.ToString(), StringComparison.Ordinal));
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
