using System.Text;
using Ledger.Core.Registry;
using Ledger.Core.Import;
using Ledger.Core.Skills;
using Ledger.Core.Tests.Import;
using MiniExcelLibs;

namespace Ledger.Core.Tests.Registry;

public sealed class RegistryTemplateTests
{
    [Fact]
    public void The_csv_templates_are_the_headers_separated_by_semicolons_with_a_byte_order_mark()
    {
        var people = RegistryTemplate.Template(TemplateFormat.Csv, indonesian: true, RegistrySheet.People);
        Assert.Equal(Encoding.UTF8.GetPreamble(), people[..3]);
        Assert.Equal("No. Registrasi;Nama;Tanggal Lahir;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana;Tanggal Bebas\r\n",
            Encoding.UTF8.GetString(people[3..]));
        Assert.Equal("No. Registrasi;Jenis;Tanggal SK;Nomor SK;Bulan;Hari\r\n",
            Encoding.UTF8.GetString(RegistryTemplate.Template(TemplateFormat.Csv, true, RegistrySheet.Remisi)[3..]));
        Assert.Equal("registrationNumber;date;description\r\n",
            Encoding.UTF8.GetString(RegistryTemplate.Template(TemplateFormat.Csv, false, RegistrySheet.RegisterF)[3..]));
    }

    [Fact]
    public void The_xlsx_template_has_the_three_sheets_with_their_header_rows_only()
    {
        using var xlsx = new MemoryStream(RegistryTemplate.Template(TemplateFormat.Xlsx, indonesian: true, RegistrySheet.People));
        Assert.Equal(["Warga Binaan", "Remisi", "Register F"], xlsx.GetSheetNames());
        var remisi = xlsx.Query(useHeaderRow: false, sheetName: "Remisi").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["No. Registrasi", "Jenis", "Tanggal SK", "Nomor SK", "Bulan", "Hari"], Assert.Single(remisi).Values);
        using var english = new MemoryStream(RegistryTemplate.Template(TemplateFormat.Xlsx, indonesian: false, RegistrySheet.People));
        Assert.Equal(["People", "Remisi", "Register F"], english.GetSheetNames());
    }

    [Theory]
    [InlineData(null, null, null, "registrasi-warga-binaan.csv", "text/csv; charset=utf-8")]
    [InlineData("xlsx", "id", "remisi", "registrasi-warga-binaan.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("csv", "id", "Remisi", "registrasi-remisi.csv", "text/csv; charset=utf-8")]
    [InlineData("csv", "id", "register-f", "registrasi-register-f.csv", "text/csv; charset=utf-8")]
    [InlineData("CSV", "en-GB", "warga binaan", "registry-people.csv", "text/csv; charset=utf-8")]
    [InlineData("xlsx", "en", null, "registry-people.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("csv", "en", "RegisterF", "registry-register-f.csv", "text/csv; charset=utf-8")]
    public void A_request_names_its_template(string? format, string? language, string? sheet, string fileName, string mediaType)
    {
        var (_, name, type) = RegistryTemplate.Template(format, language, sheet);
        Assert.Equal((fileName, mediaType), (name, type));
    }

    [Fact]
    public void Bad_values_are_refused_naming_each_field()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => RegistryTemplate.Template("pdf", "fr", "transfers"));
        Assert.Equal(["format", "language", "sheet"], refused.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_filled_csv_template_reads_back_its_rows()
    {
        string Filled(RegistrySheet sheet, string rows) =>
            Encoding.UTF8.GetString(RegistryTemplate.Template(TemplateFormat.Csv, indonesian: true, sheet)) + rows;
        using var people = new MemoryStream(Encoding.UTF8.GetBytes(Filled(RegistrySheet.People, "CRB-0001;Budi Santoso;17/08/1990;05/03/2024;2;6;0;sementara;\r\n")));
        using var remisi = new MemoryStream(Encoding.UTF8.GetBytes(Filled(RegistrySheet.Remisi, "CRB-0001;umum;17/08/2025;PAS-1;1;15\r\n")));
        using var registerF = new MemoryStream(Encoding.UTF8.GetBytes(Filled(RegistrySheet.RegisterF, "CRB-0001;03/02/2025;Berkelahi\r\n")));
        var (rows, problems, _) = await RegistryFileTests.ReadAllAsync(new RegistryUpload(null, people, remisi, registerF));
        Assert.Empty(problems);
        Assert.Equal(["2 CRB-0001 Budi Santoso 1990-08-17 2024-03-05 2/6/0 Fixed -", "2 CRB-0001 Umum 2025-08-17 PAS-1 1/15", "2 CRB-0001 2025-02-03 Berkelahi"], rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_filled_xlsx_template_with_date_cells_reads_back_its_rows(bool indonesian)
    {
        // Fill the template as a spreadsheet would: its sheets and header rows, then rows with real date cells.
        using var template = new MemoryStream(RegistryTemplate.Template(TemplateFormat.Xlsx, indonesian, RegistrySheet.People));
        object?[] Header(string sheet) => [.. template.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().Single().Values];
        var names = template.GetSheetNames();
        using var filled = Files.Workbook(
            (names[0], [Header(names[0]), ["CRB-0001", "Budi Santoso", new DateTime(1990, 8, 17), new DateTime(2024, 3, 5), 2, 6, 0, indonesian ? "sementara" : "fixed", null]]),
            (names[1], [Header(names[1]), ["CRB-0001", indonesian ? "khusus" : "special", new DateTime(2025, 3, 31), "PAS-2", 0, 15]]),
            (names[2], [Header(names[2]), ["CRB-0001", new DateTime(2025, 2, 3), "Berkelahi"]]));
        var (rows, problems, _) = await RegistryFileTests.ReadAllAsync(new RegistryUpload(filled, null, null, null));
        Assert.Empty(problems);
        Assert.Equal(["2 CRB-0001 Budi Santoso 1990-08-17 2024-03-05 2/6/0 Fixed -", "2 CRB-0001 Khusus 2025-03-31 PAS-2 0/15", "2 CRB-0001 2025-02-03 Berkelahi"], rows);
    }

    [Fact]
    public async Task A_30000_row_csv_is_read_as_it_streams()
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(RegistryTemplate.Template(TemplateFormat.Csv, indonesian: true, RegistrySheet.People)));
        for (var i = 1; i <= 30_000; i++)
        {
            text.Append("CRB-").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Append(";Warga ").Append(i)
                .Append(";17/08/1990;05/03/2024;2;6;0;sementara;\r\n");
        }
        using var people = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var (file, opened) = await RegistryFile.OpenAsync(new RegistryUpload(null, people, null, null), CancellationToken.None);
        Assert.Empty(opened);
        await using (file)
        {
            var problems = new List<RegistryProblem>();
            var count = 0;
            await foreach (var _ in file!.PeopleAsync(problems, new NodaTime.LocalDate(2026, 12, 1), CancellationToken.None))
            {
                count++;
            }
            Assert.Empty(problems);
            Assert.Equal((30_000, 30_000), (count, file.Rows(RegistrySheet.People)));
        }
    }
}
