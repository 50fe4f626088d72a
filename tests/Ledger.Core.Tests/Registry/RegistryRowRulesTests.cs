using Ledger.Core.Registry;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using NodaTime;
using C = Ledger.Core.Registry.RegistryColumns;

namespace Ledger.Core.Tests.Registry;

public sealed class RegistryRowRulesTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    private static readonly Dictionary<string, string> GoodPerson = new()
    {
        [C.RegistrationNumber] = "crb-0012", [C.FullName] = " Budi Santoso ", [C.BirthDate] = "17/08/1990", [C.DetentionDate] = "2024-03-05",
        [C.SentenceYears] = "2", [C.SentenceMonths] = "6", [C.SentenceDays] = "", [C.SentenceKind] = "Sementara", [C.ReleasedOn] = "",
    };

    private static readonly Dictionary<string, string> GoodRemisi = new()
    {
        [C.RegistrationNumber] = "CRB-0012", [C.RemisiKind] = "umum", [C.DecreeDate] = "17/08/2025", [C.DecreeNumber] = " PAS-123.PK.05.04 ", [C.Months] = "1",
        [C.Days] = "",
    };

    private static readonly Dictionary<string, string> GoodRegisterF = new()
    {
        [C.RegistrationNumber] = "CRB-0012", [C.Date] = "2025-02-03", [C.Description] = "Berkelahi di blok B",
    };

    private static Func<string, string> Cells(Dictionary<string, string> good, params (string Column, string Value)[] changes)
    {
        var cells = new Dictionary<string, string>(good);
        foreach (var (column, value) in changes)
        {
            cells[column] = value;
        }
        return column => cells.GetValueOrDefault(column, "");
    }

    /// <summary>A row's problems as "column: cell → reason", in Indonesian.</summary>
    private static List<string> Problems(Func<ICollection<RegistryProblem>, object?> check, out object? row)
    {
        var problems = new List<RegistryProblem>();
        object? checkedRow = null;
        Language.In(Language.Indonesian, () => checkedRow = check(problems));
        row = checkedRow;
        return [.. problems.Select(p => $"{p.Column}: {p.Value} → {p.Reason}")];
    }

    private static List<string> PersonProblems(params (string, string)[] changes)
    {
        var problems = Problems(list => RegistryRowRules.Person(4, Cells(GoodPerson, changes), Today, list), out var row);
        Assert.True(row is null == problems.Count > 0);
        return problems;
    }

    [Fact]
    public void A_good_person_row_is_read_in_its_normal_form()
    {
        Assert.Empty(Problems(list => RegistryRowRules.Person(4, Cells(GoodPerson), Today, list), out var row));
        Assert.Equal(new PersonRow(4, "CRB-0012", "Budi Santoso", new LocalDate(1990, 8, 17), new LocalDate(2024, 3, 5), new Sentence(2, 6, 0, SentenceKind.Fixed), null),
            row);
    }

    [Theory]
    [InlineData("sementara", SentenceKind.Fixed)]
    [InlineData("FIXED", SentenceKind.Fixed)]
    [InlineData("Seumur Hidup", SentenceKind.Life)]
    [InlineData("life", SentenceKind.Life)]
    [InlineData("mati", SentenceKind.Death)]
    [InlineData("Death", SentenceKind.Death)]
    public void Sentence_kinds_are_read_in_either_language(string cell, SentenceKind kind)
    {
        Problems(list => RegistryRowRules.Person(4, Cells(GoodPerson, (C.SentenceKind, cell), (C.SentenceYears, "")), Today, list), out var row);
        Assert.Equal(kind, ((PersonRow)row!).Sentence.Kind);
    }

    [Theory]
    [InlineData(C.DetentionDate, "31/11/2025", "detentionDate: 31/11/2025 → bukan tanggal yang ada")]
    [InlineData(C.DetentionDate, "5 Maret 2024", "detentionDate: 5 Maret 2024 → bukan tanggal; tulis seperti 26/11/2026 (hari/bulan/tahun) atau 2026-11-26")]
    [InlineData(C.DetentionDate, "", "detentionDate:  → wajib diisi")]
    [InlineData(C.DetentionDate, "02/12/2026", "detentionDate: 02/12/2026 → tidak boleh setelah hari ini (1 Desember 2026)")]
    [InlineData(C.BirthDate, "05/03/2024", "birthDate: 05/03/2024 → harus sebelum tanggal penahanan dan tidak di masa depan")]
    [InlineData(C.BirthDate, "29/02/1990", "birthDate: 29/02/1990 → bukan tanggal yang ada")]
    [InlineData(C.SentenceYears, "-1", "sentenceYears: -1 → harus antara 0 dan 100")]
    [InlineData(C.SentenceMonths, "1300", "sentenceMonths: 1300 → harus antara 0 dan 1200")]
    [InlineData(C.SentenceDays, "2,5", "sentenceDays: 2,5 → harus bilangan bulat")]
    [InlineData(C.SentenceKind, "bersyarat", "sentenceKind: bersyarat → harus sementara, seumur hidup atau mati")]
    [InlineData(C.SentenceKind, "", "sentenceKind:  → wajib diisi")]
    [InlineData(C.ReleasedOn, "02/12/2026", "releasedOn: 02/12/2026 → tidak boleh setelah hari ini (1 Desember 2026)")]
    [InlineData(C.ReleasedOn, "04/03/2024", "releasedOn: 04/03/2024 → tidak boleh sebelum tanggal penahanan")]
    [InlineData(C.FullName, "  ", "fullName:    → wajib diisi")]
    [InlineData(C.RegistrationNumber, "CRB_0012", "registrationNumber: CRB_0012 → hanya boleh berisi huruf A-Z, angka 0-9, '.', '-', '/' dan spasi; '_' (U+005F) tidak diperbolehkan")]
    public void A_bad_person_cell_is_refused_naming_its_column_cell_and_reason(string column, string cell, string problem) =>
        Assert.Equal([problem.Replace(":  →", ": →", StringComparison.Ordinal)], PersonProblems((column, cell)).Select(p => p.Replace(":  →", ": →", StringComparison.Ordinal)));

    [Fact]
    public void A_detention_before_1945_is_refused() =>
        Assert.Equal(["detentionDate: 31/12/1944 → tidak boleh sebelum 1 Januari 1945"], PersonProblems((C.DetentionDate, "31/12/1944"), (C.BirthDate, "")));

    [Fact]
    public void A_fixed_sentence_of_zero_is_refused_but_a_life_sentence_needs_no_length()
    {
        Assert.Equal(["sentenceYears: 0 → pidana waktu tertentu harus lebih dari nol"], PersonProblems((C.SentenceYears, "0"), (C.SentenceMonths, "")));
        Assert.Empty(PersonProblems((C.SentenceYears, ""), (C.SentenceMonths, ""), (C.SentenceKind, "seumur hidup")));
    }

    [Fact]
    public void A_part_refused_for_its_spelling_is_not_also_called_a_zero_sentence() =>
        Assert.Equal(["sentenceYears: dua → harus bilangan bulat"], PersonProblems((C.SentenceYears, "dua"), (C.SentenceMonths, "")));

    [Fact]
    public void Every_problem_of_a_row_is_reported_at_once() =>
        Assert.Equal(3, PersonProblems((C.FullName, ""), (C.DetentionDate, "31/02/2024"), (C.SentenceKind, "x")).Count);

    [Fact]
    public void A_good_remisi_row_is_read()
    {
        Assert.Empty(Problems(list => RegistryRowRules.Remisi(7, Cells(GoodRemisi), Today, list), out var row));
        Assert.Equal(new RemisiRow(7, "CRB-0012", RemissionKind.Umum, new LocalDate(2025, 8, 17), "PAS-123.PK.05.04", 1, 0), row);
    }

    [Theory]
    [InlineData("general", RemissionKind.Umum)]
    [InlineData("Khusus", RemissionKind.Khusus)]
    [InlineData("decennial", RemissionKind.Dasawarsa)]
    [InlineData("TAMBAHAN", RemissionKind.Tambahan)]
    [InlineData("other", RemissionKind.Lainnya)]
    public void Remisi_kinds_are_read_in_either_language(string cell, RemissionKind kind)
    {
        Problems(list => RegistryRowRules.Remisi(7, Cells(GoodRemisi, (C.RemisiKind, cell)), Today, list), out var row);
        Assert.Equal(kind, ((RemisiRow)row!).Kind);
    }

    [Theory]
    [InlineData(C.Months, "", "months: → remisi harus memberi paling sedikit satu bulan atau satu hari")]
    [InlineData(C.Months, "0", "months: 0 → remisi harus memberi paling sedikit satu bulan atau satu hari")]
    [InlineData(C.Months, "121", "months: 121 → harus antara 0 dan 120")]
    [InlineData(C.Months, "-1", "months: -1 → harus antara 0 dan 120")]
    [InlineData(C.RemisiKind, "istimewa", "kind: istimewa → harus umum, khusus, dasawarsa, tambahan atau lainnya")]
    [InlineData(C.DecreeDate, "02/12/2026", "decreeDate: 02/12/2026 → tidak boleh setelah hari ini (1 Desember 2026)")]
    [InlineData(C.DecreeDate, "31/04/2025", "decreeDate: 31/04/2025 → bukan tanggal yang ada")]
    [InlineData(C.DecreeNumber, "", "decreeNumber: → wajib diisi")]
    public void A_bad_remisi_cell_is_refused(string column, string cell, string problem)
    {
        var problems = Problems(list => RegistryRowRules.Remisi(7, Cells(GoodRemisi, (column, cell)), Today, list), out var row);
        Assert.Null(row);
        Assert.Equal([problem], problems.Select(p => p.Replace(":  →", ": →", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_decree_number_over_100_characters_is_refused() =>
        Assert.Equal(["paling banyak 100 karakter"],
            Language.In(Language.Indonesian, () =>
            {
                var problems = new List<RegistryProblem>();
                RegistryRowRules.Remisi(7, Cells(GoodRemisi, (C.DecreeNumber, new string('A', 101))), Today, problems);
                return problems.Select(p => p.Reason).ToList();
            }));

    [Fact]
    public void A_good_register_F_row_is_read()
    {
        Assert.Empty(Problems(list => RegistryRowRules.RegisterF(9, Cells(GoodRegisterF), Today, list), out var row));
        Assert.Equal(new RegisterFRow(9, "CRB-0012", new LocalDate(2025, 2, 3), "Berkelahi di blok B"), row);
    }

    [Theory]
    [InlineData(C.Date, "02/12/2026", "date: 02/12/2026 → tidak boleh setelah hari ini (1 Desember 2026)")]
    [InlineData(C.Description, "", "description: → wajib diisi")]
    [InlineData(C.Description, "\u200B", "description: \u200B → harus berisi teks yang terlihat (isinya hanya spasi atau karakter tak terlihat)")]
    [InlineData(C.RegistrationNumber, "", "registrationNumber: → wajib diisi")]
    public void A_bad_register_F_cell_is_refused(string column, string cell, string problem)
    {
        var problems = Problems(list => RegistryRowRules.RegisterF(9, Cells(GoodRegisterF, (column, cell)), Today, list), out var row);
        Assert.Null(row);
        Assert.Equal([problem], problems.Select(p => p.Replace(":  →", ": →", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_description_over_2000_characters_is_refused()
    {
        var problems = new List<RegistryProblem>();
        Assert.Null(RegistryRowRules.RegisterF(9, Cells(GoodRegisterF, (C.Description, new string('x', 2001))), Today, problems));
        Assert.Equal(C.Description, Assert.Single(problems).Column);
    }
}
