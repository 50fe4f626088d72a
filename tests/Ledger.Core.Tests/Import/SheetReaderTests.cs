using Ledger.Core.Import;
using Ledger.Core.Text;

namespace Ledger.Core.Tests.Import;

public sealed class SheetReaderTests
{
    private static readonly SheetColumns Columns = new(
        new SheetColumn("registrationNumber", "No. Registrasi", Required: true, "Nomor Registrasi"),
        new SheetColumn("fullName", "Nama", Required: true),
        new SheetColumn("birthDate", "Tanggal Lahir", Required: false));

    /// <summary>Every row as "line: number|name|birth".</summary>
    private static async Task<List<string>> RowsAsync(SheetReader reader)
    {
        var rows = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None))
        {
            rows.Add($"{reader.Line}: {reader.Cell("registrationNumber")}|{reader.Cell("fullName")}|{reader.Cell("birthDate")}");
        }
        return rows;
    }

    private static async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> CsvAsync(string text, bool bom = false) =>
        await Language.In(Language.Indonesian, () => SheetReader.OpenCsvAsync(Files.Csv(text, bom), Columns, CancellationToken.None));

    [Theory]
    [InlineData("No. Registrasi;Nama;Tanggal Lahir\r\nCRB-1;Budi;01/02/1990\r\n;;\r\n\r\nCRB-2; Siti ;\r\n", false)]
    [InlineData("registrationNumber,fullName,birthDate\nCRB-1,Budi,01/02/1990\n,,\n,\n\"CRB-2\",\" Siti \",\n", true)]
    [InlineData("NO REGISTRASI;nama;tanggal_lahir\nCRB-1;Budi;01/02/1990\n\n \nCRB-2;Siti\n", true)]
    public async Task A_csv_of_either_separator_and_language_yields_its_rows_by_column_skipping_blank_ones(string text, bool bom)
    {
        var (reader, problems) = await CsvAsync(text, bom);
        Assert.Empty(problems);
        await using (reader)
        {
            Assert.Equal(["2: CRB-1|Budi|01/02/1990", "5: CRB-2|Siti|"], await RowsAsync(reader!));
            Assert.Equal(2, reader!.Rows);
            Assert.Empty(reader.MalformedRows());
        }
    }

    [Fact]
    public async Task Header_names_are_matched_ignoring_case_spaces_dots_and_underscores_and_others_are_listed_as_ignored()
    {
        var (reader, _) = await CsvAsync("Nomor_Registrasi;NAMA;Agama;Tanggal Lahir;\nCRB-1;Budi;Islam;2001-05-06;\n");
        await using (reader)
        {
            Assert.Equal(["Agama"], reader!.IgnoredColumns);
            Assert.Equal("Nomor_Registrasi", reader.ColumnName("registrationNumber"));
            Assert.True(reader.Has("birthDate"));
            Assert.Equal(["2: CRB-1|Budi|2001-05-06"], await RowsAsync(reader));
        }
    }

    [Fact]
    public async Task An_optional_column_may_be_absent_its_cells_empty_and_named_in_the_readers_language()
    {
        var (reader, _) = await CsvAsync("No. Registrasi;Nama\nCRB-1;Budi\n");
        await using (reader)
        {
            Assert.False(reader!.Has("birthDate"));
            Assert.Equal("Tanggal Lahir", Language.In(Language.Indonesian, () => reader.ColumnName("birthDate")));
            Assert.Equal(["2: CRB-1|Budi|"], await RowsAsync(reader));
        }
    }

    [Fact]
    public async Task A_missing_required_column_is_a_problem_of_line_1()
    {
        var (reader, problems) = await CsvAsync("No. Registrasi;Tanggal Lahir\nCRB-1;01/02/1990\n");
        Assert.Null(reader);
        var problem = Assert.Single(problems);
        Assert.Equal((1, "header"), (problem.Line, problem.Column));
        Assert.Equal("kolom Nama tidak ada; judul kolom yang diharapkan: No. Registrasi;Nama (Tanggal Lahir boleh ada), dipisah titik koma atau koma", problem.Reason);
    }

    [Fact]
    public async Task A_column_written_twice_even_in_two_languages_is_a_problem_of_line_1()
    {
        var (reader, problems) = await CsvAsync("No. Registrasi;Nama;fullName\nCRB-1;Budi;Budi\n");
        Assert.Null(reader);
        Assert.Equal(["kolom Nama muncul lebih dari sekali"], problems.Select(p => p.Reason));
    }

    [Fact]
    public async Task An_empty_file_is_a_problem_of_line_1()
    {
        var (reader, problems) = await CsvAsync("");
        Assert.Null(reader);
        Assert.StartsWith("berkas kosong; ", Assert.Single(problems).Reason);
    }

    [Fact]
    public async Task A_row_with_an_unclosed_quote_is_reported_on_its_own_line_and_the_others_are_read()
    {
        var (reader, _) = await CsvAsync("No. Registrasi;Nama\nCRB-1;\"Budi\nCRB-2;Siti\n");
        await using (reader)
        {
            Assert.Equal(["3: CRB-2|Siti|"], await RowsAsync(reader!));
            var problem = Assert.Single(Language.In(Language.Indonesian, () => reader!.MalformedRows().ToList()));
            Assert.Equal((2, "row"), (problem.Line, problem.Column));
        }
    }

    [Fact]
    public async Task A_csv_row_without_the_required_fields_has_a_shape_problem()
    {
        var (reader, _) = await CsvAsync("No. Registrasi;Nama;Tanggal Lahir\nCRB-1;Budi;1990-01-01\nCRB-3;Ani\nCRB-2,Siti,1990-01-01\n");
        await using (reader)
        {
            Assert.True(await reader!.ReadAsync(CancellationToken.None));
            Assert.Null(reader.ShapeProblem());
            Assert.True(await reader.ReadAsync(CancellationToken.None));
            Assert.Null(reader.ShapeProblem());
            Assert.True(await reader.ReadAsync(CancellationToken.None));
            var problem = reader.ShapeProblem();
            Assert.Equal((4, "row", "CRB-2,Siti,1990-01-01"), (problem?.Line, problem?.Column, problem?.Value));
        }
    }

    [Fact]
    public async Task A_sheet_is_found_by_any_accepted_name_and_its_date_and_number_cells_read_as_text()
    {
        using var file = Files.Workbook(
            ("Remisi", [["x"], ["y"]]),
            (" warga  binaan ", [["No. Registrasi", "Nama", "Tanggal Lahir", "Umur"], ["CRB-1", " Budi ", new DateTime(1990, 2, 1, 13, 5, 0), 35], [null, null, null, null],
                ["CRB-2", "Siti", null, 41.5]]));
        var (reader, problems) = await SheetReader.OpenXlsxAsync(file, Columns, ["People", "Warga Binaan"], CancellationToken.None);
        Assert.Empty(problems);
        await using (reader)
        {
            Assert.Equal(" warga  binaan ", reader!.SheetName);
            Assert.Equal(["Umur"], reader.IgnoredColumns);
            Assert.Equal(["2: CRB-1|Budi|1990-02-01", "4: CRB-2|Siti|"], await RowsAsync(reader));
            Assert.Null(reader.ShapeProblem());
        }
    }

    [Fact]
    public async Task Without_a_sheet_of_an_accepted_name_the_first_sheet_is_read()
    {
        using var file = Files.Workbook(("Sheet1", [["registrationNumber", "fullName"], ["CRB-1", "Budi"]]), ("Sheet2", [["a"]]));
        var (reader, _) = await SheetReader.OpenXlsxAsync(file, Columns, ["People"], CancellationToken.None);
        await using (reader)
        {
            Assert.Equal("Sheet1", reader!.SheetName);
            Assert.Equal(["2: CRB-1|Budi|"], await RowsAsync(reader));
        }
    }

    [Fact]
    public async Task A_file_that_is_no_workbook_is_a_problem_of_line_1()
    {
        var (reader, problems) = await Language.In(Language.Indonesian,
            () => SheetReader.OpenXlsxAsync(Files.Csv("No. Registrasi;Nama\n"), Columns, ["People"], CancellationToken.None));
        Assert.Null(reader);
        Assert.Equal("bukan berkas .xlsx yang dapat dibaca", Assert.Single(problems).Reason);
    }
}
