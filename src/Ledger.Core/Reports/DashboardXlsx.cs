using Ledger.Core.Text;
using MiniExcelLibs;

namespace Ledger.Core.Reports;

/// <summary>
/// The dashboard as an xlsx workbook: a header block (region, period, the day it was made), then a row per Lapas with
/// every measure as a number (so a spreadsheet can sum it) and the region's total row.
/// </summary>
public static class DashboardXlsx
{
    public static byte[] Write(RegionDashboard dashboard)
    {
        var columns = DashboardRules.Measures;
        var rows = new List<Dictionary<string, object?>>
        {
            Row(Catalogue.Fill(Dashboard.XlsxTitle, dashboard.Region)),
            Row(Dashboard.XlsxPeriod, $"{Format.Date(dashboard.From)} – {Format.Date(dashboard.To)}"),
            Row(Dashboard.XlsxMadeAt, Format.Date(dashboard.AsOf)),
            Row(),
            Row([Dashboard.ColLapas, .. columns.Select(DashboardRules.Name)]),
        };
        rows.AddRange(dashboard.Lapas.Select(line => Row([line.FacilityName, .. columns.Select(m => (object?)DashboardRules.Value(line, m))])));
        rows.Add(Row([Dashboard.TotalRow, .. columns.Select(m => (object?)DashboardRules.Value(dashboard.Total, m))]));
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(rows, printHeader: false, sheetName: Dashboard.Title, excelType: ExcelType.XLSX);
        return xlsx.ToArray();
    }

    /// <summary>The first row fixes the columns MiniExcel writes, so every row names all of them (A.. one per measure).</summary>
    private static Dictionary<string, object?> Row(params object?[] cells)
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i <= DashboardRules.Measures.Count; i++)
        {
            row[((char)('A' + i)).ToString()] = i < cells.Length ? cells[i] : null;
        }
        return row;
    }
}
