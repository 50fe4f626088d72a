using Ledger.Core.Registry;
using Ledger.Core.Sentences;
using Ledger.Core.Tests.Import;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Tests.Registry;

public sealed class RegistryFileTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    private static readonly object?[] PeopleHeader =
        ["No. Registrasi", "Nama", "Tanggal Lahir", "Tanggal Penahanan", "Pidana Tahun", "Pidana Bulan", "Pidana Hari", "Jenis Pidana", "Tanggal Bebas"];

    /// <summary>Everything a file yields: its rows as text, then its problems, in Indonesian.</summary>
    internal static async Task<(List<string> Rows, List<string> Problems, IRegistryFile? File)> ReadAllAsync(RegistryUpload upload)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = Language.Indonesian;
        try
        {
            var (file, opened) = await RegistryFile.OpenAsync(upload, CancellationToken.None);
            var problems = new List<RegistryProblem>(opened);
            var rows = new List<string>();
            if (file is not null)
            {
                await using (file)
                {
                    await foreach (var p in file.PeopleAsync(problems, Today, CancellationToken.None))
                    {
                        rows.Add($"{p.Line} {p.RegistrationNumber} {p.FullName} {D(p.BirthDate)} {D(p.DetentionDate)} {p.Sentence.Years}/{p.Sentence.Months}/{p.Sentence.Days} {p.Sentence.Kind} {D(p.ReleasedOn)}");
                    }
                    await foreach (var r in file.RemisiAsync(problems, Today, CancellationToken.None))
                    {
                        rows.Add($"{r.Line} {r.RegistrationNumber} {r.Kind} {D(r.GrantedOn)} {r.DecreeNumber} {r.Months}/{r.Days}");
                    }
                    await foreach (var f in file.RegisterFAsync(problems, Today, CancellationToken.None))
                    {
                        rows.Add($"{f.Line} {f.RegistrationNumber} {D(f.OccurredOn)} {f.Description}");
                    }
                }
            }
            return (rows, [.. problems.Select(p => $"{p.Sheet} {p.Line} {p.Column}: {p.Value} → {p.Reason}")], file);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private static string D(LocalDate? day) => day?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    [Fact]
    public async Task A_workbook_of_three_sheets_with_date_cells_yields_every_valid_row()
    {
        using var workbook = Files.Workbook(
            ("Warga Binaan", [PeopleHeader,
                ["CRB-0001", "Budi", new DateTime(1990, 8, 17), new DateTime(2024, 3, 5), 2, 6, null, "sementara", null],
                ["crb-0002", "Siti", "01/02/1985", "2023-01-10", null, null, null, "seumur hidup", null],
                [null, null, null, null, null, null, null, null, null],
                ["CRB-0003", "Ani", null, "10/10/2020", 3, 0, 0, "sementara", new DateTime(2023, 10, 10)]]),
            ("Remisi", [["No. Registrasi", "Jenis", "Tanggal SK", "Nomor SK", "Bulan", "Hari"],
                ["CRB-0001", "umum", new DateTime(2025, 8, 17), "SK-1", 1, null]]),
            ("Register F", [["No. Registrasi", "Tanggal", "Uraian"], ["CRB-0001", "03/02/2025", "Berkelahi"]]));
        var (rows, problems, file) = await ReadAllAsync(new RegistryUpload(workbook, null, null, null));
        Assert.Empty(problems);
        Assert.Equal([
            "2 CRB-0001 Budi 1990-08-17 2024-03-05 2/6/0 Fixed -",
            "3 CRB-0002 Siti 1985-02-01 2023-01-10 0/0/0 Life -",
            "5 CRB-0003 Ani - 2020-10-10 3/0/0 Fixed 2023-10-10",
            "2 CRB-0001 Umum 2025-08-17 SK-1 1/0",
            "2 CRB-0001 2025-02-03 Berkelahi",
        ], rows);
        Assert.Equal((3, 1, 1), (file!.Rows(RegistrySheet.People), file.Rows(RegistrySheet.Remisi), file.Rows(RegistrySheet.RegisterF)));
        Assert.Equal("Warga Binaan", file.SheetName(RegistrySheet.People));
    }

    [Fact]
    public async Task Csv_files_with_English_headers_are_read_and_the_other_sheets_are_optional()
    {
        using var people = Files.Csv(
            "registrationNumber,fullName,birthDate,detentionDate,sentenceYears,sentenceMonths,sentenceDays,sentenceKind,releasedOn,religion\n" +
            "CRB-0001,Budi,1990-08-17,2024-03-05,2,6,0,fixed,,Islam\n", bom: true);
        var (rows, problems, file) = await ReadAllAsync(new RegistryUpload(null, people, null, null));
        Assert.Empty(problems);
        Assert.Single(rows);
        Assert.Equal(["Warga Binaan: religion"], file!.IgnoredColumns);
        Assert.Equal("sentenceKind", file.ColumnName(RegistrySheet.People, RegistryColumns.SentenceKind));
    }

    [Fact]
    public async Task A_registration_number_twice_in_the_people_sheet_is_a_problem_of_the_later_row()
    {
        using var people = Files.Csv(
            "No. Registrasi;Nama;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana\n" +
            "CRB-0001;Budi;05/03/2024;2;;;sementara\nCRB-0002;Siti;05/03/2024;2;;;sementara\nCRB-0009;Ani;05/03/2024;2;;;sementara\ncrb-0001;Budi S;05/03/2024;2;;;sementara\n");
        var (rows, problems, _) = await ReadAllAsync(new RegistryUpload(null, people, null, null));
        Assert.Equal(3, rows.Count);
        Assert.Equal(["People 5 registrationNumber: crb-0001 → sudah ada di baris 2"], problems);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_sheet_line_and_column_and_the_good_ones_still_yielded()
    {
        using var people = Files.Csv(
            "No. Registrasi;Nama;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana\n" +
            "CRB-0001;Budi;31/11/2024;2;;;sementara\nCRB-0002;Siti;05/03/2024;-2;;;sementara\nCRB-0003;Ani;05/03/2024;2;;;sementara\n");
        using var remisi = Files.Csv("No. Registrasi;Jenis;Tanggal SK;Nomor SK;Bulan;Hari\nCRB-0003;umum;17/08/2025;SK-1;;\n");
        var (rows, problems, _) = await ReadAllAsync(new RegistryUpload(null, people, remisi, null));
        Assert.Single(rows);
        Assert.Equal([
            "People 2 detentionDate: 31/11/2024 → bukan tanggal yang ada",
            "People 3 sentenceYears: -2 → harus antara 0 dan 100",
            "Remisi 2 months:  → remisi harus memberi paling sedikit satu bulan atau satu hari",
        ], problems);
    }

    [Fact]
    public async Task Header_problems_name_their_sheet_and_no_file_is_opened()
    {
        using var workbook = Files.Workbook(
            ("People", [["No. Registrasi", "Nama"]]),
            ("Remisi", [["No. Registrasi", "Jenis", "Jenis"]]));
        var (_, problems, file) = await ReadAllAsync(new RegistryUpload(workbook, null, null, null));
        Assert.Null(file);
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("People 1 header: No. Registrasi;Nama → kolom Tanggal Penahanan, Pidana Tahun, Pidana Bulan, Pidana Hari, Jenis Pidana tidak ada", problems[0]);
        Assert.Contains("Remisi 1 header: No. Registrasi;Jenis;Jenis → kolom Jenis muncul lebih dari sekali", problems);
    }

    [Fact]
    public async Task Without_a_people_sheet_the_first_sheet_is_the_people_unless_it_is_another_sheet()
    {
        using var unnamed = Files.Workbook(("Sheet1", [PeopleHeader, ["CRB-0001", "Budi", null, "05/03/2024", 1, 0, 0, "sementara", null]]));
        Assert.Single((await ReadAllAsync(new RegistryUpload(unnamed, null, null, null))).Rows);

        using var remisiOnly = Files.Workbook(("Remisi", [["No. Registrasi", "Jenis", "Tanggal SK", "Nomor SK", "Bulan", "Hari"]]));
        var (_, problems, file) = await ReadAllAsync(new RegistryUpload(remisiOnly, null, null, null));
        Assert.Null(file);
        Assert.Equal(["People 1 sheet:  → data warga binaan tidak ada: unggah sheet Warga Binaan (atau berkas CSV warga binaan)"], problems);
    }

    [Fact]
    public async Task An_upload_that_is_no_workbook_is_one_problem()
    {
        using var text = Files.Csv("No. Registrasi;Nama\n");
        var (_, problems, file) = await ReadAllAsync(new RegistryUpload(text, null, null, null));
        Assert.Null(file);
        Assert.Equal(["People 1 header:  → bukan berkas .xlsx yang dapat dibaca"], problems);
    }

    [Fact]
    public async Task A_csv_row_with_an_unclosed_quote_counts_as_a_row_and_is_reported()
    {
        using var people = Files.Csv(
            "No. Registrasi;Nama;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana\n" +
            "CRB-0001;\"Budi;05/03/2024;2;;;sementara\nCRB-0002;Siti;05/03/2024;2;;;sementara\n");
        var (rows, problems, file) = await ReadAllAsync(new RegistryUpload(null, people, null, null));
        Assert.Single(rows);
        Assert.Equal("People 2 row", Assert.Single(problems)[..12]);
        Assert.Equal(2, file!.Rows(RegistrySheet.People));
    }
}
