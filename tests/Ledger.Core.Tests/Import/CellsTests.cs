using System.Globalization;
using Ledger.Core.Import;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Tests.Import;

public sealed class CellsTests
{
    [Theory]
    [InlineData("26/11/2025", 2025, 11, 26)]
    [InlineData("1/2/2025", 2025, 2, 1)]
    [InlineData("01/02/2025", 2025, 2, 1)]
    [InlineData("2025-11-26", 2025, 11, 26)]
    public void A_date_is_read_day_first_or_iso(string cell, int year, int month, int day)
    {
        Assert.Null(Cells.Date(cell, out var read));
        Assert.Equal(new LocalDate(year, month, day), read);
    }

    [Theory]
    [InlineData("31/11/2026", "bukan tanggal yang ada")]
    [InlineData("29/02/2025", "bukan tanggal yang ada")]
    [InlineData("2026-13-01", "bukan tanggal yang ada")]
    [InlineData("26/11/26", "bukan tanggal; tulis seperti 26/11/2026 (hari/bulan/tahun) atau 2026-11-26")]
    [InlineData("26.11.2026", "bukan tanggal; tulis seperti 26/11/2026 (hari/bulan/tahun) atau 2026-11-26")]
    [InlineData("kemarin", "bukan tanggal; tulis seperti 26/11/2026 (hari/bulan/tahun) atau 2026-11-26")]
    [InlineData("", "wajib diisi")]
    public void Other_date_cells_are_refused_saying_why(string cell, string reason) =>
        Assert.Equal(reason, Language.In(Language.Indonesian, () => Cells.Date(cell, out _)));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData("3.0", 3)]
    [InlineData("+7", 7)]
    public void A_whole_number_in_range_is_read(string cell, int expected)
    {
        Assert.Null(Cells.WholeNumber(cell, 0, 100, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-1", "harus antara 0 dan 100")]
    [InlineData("101", "harus antara 0 dan 100")]
    [InlineData("99999999999", "harus antara 0 dan 100")]
    [InlineData("2.5", "harus bilangan bulat")]
    [InlineData("dua", "harus bilangan bulat")]
    [InlineData("1,5", "harus bilangan bulat")]
    [InlineData("", "wajib diisi")]
    public void Other_number_cells_are_refused_saying_why(string cell, string reason) =>
        Assert.Equal(reason, Language.In(Language.Indonesian, () => Cells.WholeNumber(cell, 0, 100, out _)));

    [Fact]
    public void The_reasons_are_in_the_readers_language() =>
        Assert.Equal("must be between 0 and 100", Language.In(CultureInfo.GetCultureInfo("en"), () => Cells.WholeNumber("-1", 0, 100, out _)));
}
