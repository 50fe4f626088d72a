using System.Text;
using Ledger.Core.Import;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class TrainingImportRulesTests
{
    private static readonly LocalDate Today = new(2025, 9, 10);

    private static (ImportRow Row, ImportProblems Problems) Check(string number, string code, string date, string minutes, string? note = null)
    {
        var problems = new ImportProblems();
        var row = TrainingImportRules.CheckRow(7, number, code, Encoding.UTF8.GetBytes(date), Encoding.UTF8.GetBytes(minutes), note, Today, 600, problems);
        return (row, problems);
    }

    [Fact]
    public void A_good_row_passes_with_its_number_in_normal_form_and_its_note_trimmed()
    {
        var (row, problems) = Check("crb-0012", "JAHIT", "2025-09-08", "120", "  pagi ");

        Assert.Equal(0, problems.Count);
        Assert.Equal(new ImportRow("CRB-0012", "JAHIT", new LocalDate(2025, 9, 8), 120, "pagi"), row);
    }

    [Fact]
    public void Each_refused_cell_is_a_problem_of_its_line_and_column_and_is_left_out_of_the_row()
    {
        var (row, problems) = Check("", "", "2025-09-11", "0");

        Assert.Equal(["registrationNumber", "programmeCode", "date", "minutes"], problems.Listed.Select(p => p.Column));
        Assert.All(problems.Listed, p => Assert.Equal(7, p.Line));
        Assert.Equal(new ImportRow(null, null, null, null, null), row);
    }

    [Fact]
    public void A_day_in_another_spelling_is_refused_for_its_spelling()
    {
        var (_, problems) = Check("CRB-0012", "JAHIT", "08/09/2025", "120");

        var problem = Assert.Single(problems.Listed);
        Assert.Equal(("date", "08/09/2025", TrainingCsv.DateFormatProblem), (problem.Column, problem.Value, problem.Reason));
    }

    [Fact]
    public void A_row_that_repeats_an_earlier_person_programme_and_day_names_the_first_line()
    {
        var repeats = new RepeatedRows();
        var day = new LocalDate(2025, 9, 8);
        var date = Encoding.UTF8.GetBytes("2025-09-08");

        Assert.Null(repeats.Check(2, 1, 1, day, date));
        Assert.Null(repeats.Check(3, 1, 2, day, date));
        var repeat = repeats.Check(9, 1, 1, day, date);

        Assert.NotNull(repeat);
        Assert.Equal((9, "date", "2025-09-08", TrainingRules.RepeatsLine(2)), (repeat.Line, repeat.Column, repeat.Value, repeat.Reason));
    }

    [Fact]
    public void Problems_are_all_counted_but_listed_up_to_the_limit_with_long_values_cut()
    {
        var problems = new ImportProblems();
        for (var line = 0; line < TrainingImportStore.MaxListedProblems + 5; line++)
        {
            problems.Add(new ImportProblem(line, "note", new string('x', 150), "too long"));
        }

        Assert.Equal(TrainingImportStore.MaxListedProblems + 5, problems.Count);
        Assert.Equal(TrainingImportStore.MaxListedProblems, problems.Listed.Count);
        Assert.Equal(new string('x', 100) + "…", problems.Listed[0].Value);
    }
}
