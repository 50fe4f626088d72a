using Ledger.Core.Import;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class TrainingCsvTests
{
    [Fact]
    public void The_header_names_its_columns_in_any_order_and_case_and_extra_columns_are_ignored()
    {
        var (layout, problems) = TrainingCsv.ParseHeader(["Minutes", " date ", "nama", "registrationnumber", "programmeCode", "note"], ';');
        Assert.Empty(problems);
        Assert.Equal(new CsvLayout(';', 3, 4, 1, 0, 5, layout!.IgnoredColumns), layout);
        Assert.Equal(["nama"], layout.IgnoredColumns);
    }

    [Fact]
    public void A_missing_or_repeated_column_is_a_header_problem_on_line_1()
    {
        var (layout, problems) = TrainingCsv.ParseHeader(["registrationNumber", "date", "date"], ',');
        Assert.Null(layout);
        Assert.All(problems, p => Assert.Equal("line 1: header", p.ErrorKey()));
        Assert.Contains(problems, p => p.Reason.Contains("date appears more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Reason.StartsWith("missing programmeCode, minutes", StringComparison.Ordinal));
        Assert.Contains("the file is empty", TrainingCsv.ParseHeader([], ',').Problems[0].Reason);
    }

    [Theory]
    [InlineData("2025-09-08", 2025, 9, 8)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void Days_are_read_as_yyyy_MM_dd(string text, int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), TrainingCsv.ParseDate(text));

    [Theory]
    [InlineData("08/09/2025")]
    [InlineData("2025-9-8")]
    [InlineData("2025-02-29")]
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("2025-09-08T10:00")]
    [InlineData("20250908")]
    [InlineData("")]
    [InlineData("２０２５-09-08")]
    public void Anything_else_is_not_a_day(string text) => Assert.Null(TrainingCsv.ParseDate(text));

    [Theory]
    [InlineData("240", 240)]
    [InlineData("-30", -30)]
    [InlineData("0", 0)]
    public void Minutes_are_whole_numbers(string text, int minutes) => Assert.Equal(minutes, TrainingCsv.ParseMinutes(text));

    [Theory]
    [InlineData("4 jam")]
    [InlineData("240.5")]
    [InlineData("240,0")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void Other_numbers_are_not_minutes(string text) => Assert.Null(TrainingCsv.ParseMinutes(text));

    [Fact]
    public void Problems_are_listed_by_line_then_column_order()
    {
        var sorted = TrainingCsv.InReadingOrder(
        [
            new ImportProblem(7, "minutes", null, "a"),
            new ImportProblem(3, "date", null, "b"),
            new ImportProblem(7, "registrationNumber", null, "c"),
            new ImportProblem(1, "header", null, "d"),
        ]).Select(p => p.ErrorKey());
        Assert.Equal(["line 1: header", "line 3: date", "line 7: registrationNumber", "line 7: minutes"], sorted);
    }
}
