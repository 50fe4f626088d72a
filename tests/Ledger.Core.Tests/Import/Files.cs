using System.Text;
using MiniExcelLibs;

namespace Ledger.Core.Tests.Import;

/// <summary>Uploads made in tests: a CSV from its text, a workbook written by MiniExcel (a DateTime becomes a date cell).</summary>
internal static class Files
{
    public static MemoryStream Csv(string text, bool bom = false) =>
        new(bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text));

    /// <summary>A workbook of these sheets, in order; each sheet's rows as written (the first is its header).</summary>
    public static MemoryStream Workbook(params (string Name, object?[][] Rows)[] sheets)
    {
        var file = new MemoryStream();
        var content = new Dictionary<string, object>();
        foreach (var (name, rows) in sheets)
        {
            content[name] = rows.Select(row => row.Select((value, i) => (Column: Column(i), value)).ToDictionary(c => c.Column, c => c.value)).ToList();
        }
        file.SaveAs(content, printHeader: false, excelType: ExcelType.XLSX);
        file.Position = 0;
        return file;
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}
