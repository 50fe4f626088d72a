using Ledger.Core.Import;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class TrainingDialectTests
{
    [Theory]
    [InlineData("No Registrasi", TrainingCsv.RegistrationNumber)]
    [InlineData("No. Registrasi", TrainingCsv.RegistrationNumber)]
    [InlineData(" no  registrasi ", TrainingCsv.RegistrationNumber)]
    [InlineData("KODE PROGRAM", TrainingCsv.ProgrammeCode)]
    [InlineData("Tanggal", TrainingCsv.Date)]
    [InlineData("menit", TrainingCsv.Minutes)]
    [InlineData("Catatan", TrainingCsv.Note)]
    [InlineData("registrationNumber", TrainingCsv.RegistrationNumber)]
    [InlineData("nama", null)]
    [InlineData("nomor", null)]
    public void Header_names_of_either_dialect_name_their_column(string name, string? column) => Assert.Equal(column, TrainingCsv.ColumnOf(name));

    [Theory]
    [InlineData("26/11/2025", 2025, 11, 26)]
    [InlineData("1/2/2025", 2025, 2, 1)]
    [InlineData("2025-11-26", 2025, 11, 26)]
    public void An_Indonesian_date_column_reads_day_first_and_iso(string text, int year, int month, int day)
    {
        Assert.Equal(DateCell.Day, TrainingCsv.ReadDate(System.Text.Encoding.UTF8.GetBytes(text), dayFirst: true, out var read));
        Assert.Equal(new LocalDate(year, month, day), read);
    }

    [Theory]
    [InlineData("31/11/2026", true, DateCell.DoesNotExist)]
    [InlineData("29/02/2025", true, DateCell.DoesNotExist)]
    [InlineData("26/11/26", true, DateCell.NotADate)]
    [InlineData("26.11.2026", true, DateCell.NotADate)]
    [InlineData("dua/11/2026", true, DateCell.NotADate)]
    [InlineData("26/11/2026", false, DateCell.NotADate)]
    public void Other_dates_are_refused_telling_a_day_that_does_not_exist_apart(string text, bool dayFirst, DateCell expected) =>
        Assert.Equal(expected, TrainingCsv.ReadDate(System.Text.Encoding.UTF8.GetBytes(text), dayFirst, out _));

    [Fact]
    public void Only_an_Indonesian_date_header_reads_day_first() =>
        Assert.Equal([true, true, false], new[] { "Tanggal", " TANGGAL ", "date" }.Select(TrainingCsv.DayFirst));

    [Fact]
    public void A_header_problem_names_the_columns_in_the_readers_language()
    {
        var (_, problems) = Language.In(Language.Indonesian, () => TrainingCsv.ParseHeader(["No Registrasi", "Tanggal"], ';'));

        Assert.Equal(
            "kolom Kode Program, Menit tidak ada; judul kolom yang diharapkan: No Registrasi;Kode Program;Tanggal;Menit (Catatan boleh ada), dipisah titik koma atau koma",
            Assert.Single(problems).Reason);
    }
}
