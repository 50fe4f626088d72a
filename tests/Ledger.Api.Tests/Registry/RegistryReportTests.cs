using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Ledger.Api.Tests.Infrastructure;
using MiniExcelLibs;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;
using static Ledger.Api.Tests.Registry.RegistryApp;

namespace Ledger.Api.Tests.Registry;

/// <summary>The change report as a reviewed snapshot, and a workbook as a spreadsheet library writes it (date cells).</summary>
public sealed partial class RegistryReportTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task The_change_report_matches_its_reviewed_snapshot()
    {
        var kept = await app.RegisterInmateAsync("lapas-cirebon", "CRB-SNAP-01", detentionDate: "2024-03-01", years: 3, fullName: "Asep Sunandar");
        await app.GrantAsync(kept, "2024-08-17", 1, "SK-SNAP-1");
        await app.RegisterInmateAsync("lapas-cirebon", "CRB-SNAP-02", detentionDate: "2024-05-01", years: 2, fullName: "Budi Hartono");
        await app.RegisterInmateAsync("lapas-cirebon", "CRB-SNAP-03", detentionDate: "2024-01-15", years: 2, fullName: "Cecep Tidak Di Berkas");
        var people = Csv(PeopleHeader + ",Alamat",
            "CRB-SNAP-01,Asep Sunandar bin Karta,1990-05-12,2024-03-01,3,6,0,sementara,,Cirebon",
            "CRB-SNAP-02,Budi Hartono,,2024-05-01,2,0,0,sementara,2025-11-01,Kuningan",
            "CRB-SNAP-04,Dadang Baru,1988-02-29,2025-02-10,1,6,0,sementara,,Indramayu");
        var remisi = Csv(RemisiHeader, "CRB-SNAP-01,umum,17/08/2024,sk-snap-1,1,0", "CRB-SNAP-01,khusus,2025-03-31,SK-SNAP-2,0,15", "CRB-SNAP-04,umum,2025-08-17,SK-SNAP-3,1,0");
        var registerF = Csv(RegisterFHeader, "CRB-SNAP-04,2025-06-02,Berkelahi di blok C");

        var response = await app.ImportAsync(Form(people, remisi, registerF), dryRun: true);
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshot.Match(JToken.Parse(Scrub(json)));
    }

    [Fact]
    public async Task A_workbook_written_by_a_spreadsheet_library_with_date_cells_is_imported()
    {
        var sheets = new Dictionary<string, object>
        {
            ["Warga Binaan"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["No. Registrasi"] = "GTG-XLSX-01", ["Nama"] = "Entis Sutisna", ["Tanggal Lahir"] = new DateTime(1991, 7, 3),
                    ["Tanggal Penahanan"] = new DateTime(2024, 9, 14), ["Pidana Tahun"] = 4, ["Pidana Bulan"] = 0, ["Pidana Hari"] = 0,
                    ["Jenis Pidana"] = "sementara", ["Tanggal Bebas"] = null,
                },
            },
            ["Remisi"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["No. Registrasi"] = "GTG-XLSX-01", ["Jenis"] = "umum", ["Tanggal SK"] = new DateTime(2025, 8, 17), ["Nomor SK"] = "SK-XLSX-1",
                    ["Bulan"] = 1, ["Hari"] = 0,
                },
            },
        };
        using var workbook = new MemoryStream();
        workbook.SaveAs(sheets, excelType: ExcelType.XLSX);
        var content = new ByteArrayContent(workbook.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var report = await (await app.ImportAsync(content, dryRun: false, facility: "lapas-gintung")).ExpectAsync(HttpStatusCode.Created);

        Assert.True(report.GetProperty("applied").GetBoolean());
        var id = await app.IdOfAsync("GTG-XLSX-01", "lapas-gintung");
        Assert.Equal("1991-07-03 2024-09-14", await app.QuerySingleAsync<string>("select birth_date::text || ' ' || detention_date::text from inmate where id = @id", new { id }));
        Assert.Equal("2025-08-17", await app.QuerySingleAsync<string>("select granted_on::text from remission where inmate_id = @id", new { id }));
    }

    private static string Scrub(string json)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return Uuid().Replace(json, m => seen.TryGetValue(m.Value, out var name) ? name : seen[m.Value] = $"<id-{seen.Count + 1}>");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();
}
