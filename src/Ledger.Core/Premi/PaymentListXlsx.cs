using Ledger.Core.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Ledger.Core.Premi;

/// <summary>
/// The payment list as the workbook the Bendahara prints and has signed: a header block (the Lapas, the period, the
/// scheme and its version, the run's number and day of approval), one row per person with the amounts as NUMBER cells
/// (so Excel sums them), a TOTAL row, then the signature lines "Mengetahui, Kepala Lapas" and "Bendahara" with the
/// names from the facility's settings or blank lines to sign on. Always in Bahasa Indonesia: it is filed in the Lapas.
/// </summary>
public static class PaymentListXlsx
{
    /// <summary>The sheet's columns, A to I: No., No. Registrasi, Nama, Dasar, Bruto, Dapat dibelanjakan, Tabungan, Keterangan, Tanda tangan.</summary>
    private static readonly string[] Columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];

    private static readonly int[] Widths = [5, 14, 28, 18, 14, 20, 14, 60, 18];

    /// <summary>Where the signature block's two columns stand: under the names on the left, under the amounts on the right.</summary>
    private const int Left = 2;

    private const int Right = 5;

    public static byte[] Write(PaymentList list) => Language.In(Language.Indonesian, () => WriteIn(list));

    private static byte[] WriteIn(PaymentList list)
    {
        var rows = new List<Dictionary<string, object?>>
        {
            Row((0, Exports.PaymentListTitle)),
            Row((0, Exports.PaymentFacility), (2, list.FacilityName)),
            Row((0, Exports.PaymentPeriod), (2, list.PeriodText)),
            Row((0, Exports.PaymentScheme), (2, Catalogue.Fill(Exports.PaymentSchemeValue, list.SchemeName, list.SchemeVersion))),
            Row((0, Exports.PaymentRunNumber), (2, list.RunNumber)),
            Row((0, Exports.PaymentApprovedOn), (2, list.ApprovedOn is { } day ? Format.LongDate(day) : Formats.None)),
            Row(),
            Row([.. PaymentListCsv.Headers.Select((text, i) => (i, (object?)text))]),
        };
        foreach (var line in list.Lines)
        {
            // Amounts and the line number are long, so MiniExcel writes number cells; everything else is text.
            rows.Add(Row((0, (long)line.LineNo), (1, line.RegistrationNumber), (2, line.FullName), (3, line.Basis), (4, line.Gross.Value),
                (5, line.Spendable.Value), (6, line.Savings.Value), (7, line.Explanation)));
        }
        rows.Add(Row((1, Exports.PaymentTotal), (2, Catalogue.Fill(Exports.PaymentPeople, list.Lines.Count)), (4, list.Total.Value),
            (5, list.TotalSpendable.Value), (6, list.TotalSavings.Value)));
        rows.Add(Row());
        rows.Add(Row((Right, Catalogue.Fill(Exports.PaymentPlaceAndDate, list.FacilityName, list.ApprovedOn is { } on ? Format.LongDate(on) : ""))));
        rows.Add(Row((Left, Exports.PaymentHead), (Right, Exports.PaymentTreasurer)));
        rows.Add(Row());
        rows.Add(Row());
        rows.Add(Row());
        rows.Add(Row((Left, list.HeadName ?? Exports.PaymentBlankName), (Right, list.TreasurerName ?? Exports.PaymentBlankName)));
        rows.Add(Row((Left, Exports.PaymentNip), (Right, Exports.PaymentNip)));

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = false,
            DynamicColumns = [.. Columns.Select((key, i) => new DynamicExcelColumn(key) { Width = Widths[i] })],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader: false, sheetName: Exports.PaymentSheet, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>One sheet row: every column present (MiniExcel takes the columns from the first row), the given cells filled.</summary>
    private static Dictionary<string, object?> Row(params (int Column, object? Value)[] cells)
    {
        var row = Columns.ToDictionary(c => c, _ => (object?)null);
        foreach (var (column, value) in cells)
        {
            row[Columns[column]] = value;
        }
        return row;
    }
}
