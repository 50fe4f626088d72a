using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using NodaTime;
using ReleasesText = Ledger.Core.Text.Releases;

namespace Ledger.Web.Releases;

/// <summary>
/// The worklist as an xlsx workbook (<c>/pembebasan/daftar.xlsx</c> with the page's filters): the same rows as the
/// page, overdue first, in the reader's language; days and dates as numbers and dates a spreadsheet can sort.
/// </summary>
public static class WorklistExport
{
    public static void MapWorklistExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/pembebasan/daftar.xlsx", async (string? lapas, string? hari, string? hak, string? kurang, PageCall call, ReadinessStore readiness) =>
        {
            var (filter, problem) = WorklistFilter.Parse(hari, hak, kurang);
            if (problem is not null)
            {
                return Results.BadRequest(problem);
            }
            return await WorklistView.LoadAsync(call, readiness, lapas, filter) switch
            {
                Outcome<WorklistView>.Ok { Value: var view } => Results.File(Workbook(view),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Catalogue.Fill(ReleasesText.FileName, view.Facility.Code, view.Today.ToString("yyyy-MM-dd", null))),
                Outcome<WorklistView>.Forbidden => Results.StatusCode(StatusCodes.Status403Forbidden),
                _ => Results.NotFound(),
            };
        }).ExcludeFromDescription();

    /// <summary>One sheet: a header row and a row per person, the section first.</summary>
    public static byte[] Workbook(WorklistView view)
    {
        var rows = view.Overdue.Select(i => Row(ReleasesText.SectionOverdue, i, view.Today))
            .Concat(view.Upcoming.Select(i => Row(ReleasesText.SectionUpcoming, i, view.Today)))
            .ToList();
        if (rows.Count == 0)
        {
            rows.Add(Row(ReleasesText.SectionUpcoming, null, view.Today));
        }
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(rows, sheetName: ReleasesText.Title, excelType: ExcelType.XLSX);
        return xlsx.ToArray();
    }

    /// <summary>A person's row keyed by the column headers (all empty for the header of an empty list).</summary>
    private static Dictionary<string, object?> Row(string section, WorklistItem? item, LocalDate today) => new()
    {
        [ReleasesText.ColSection] = item is null ? null : section,
        [Pages.ColRegistrationNumber] = item?.RegistrationNumber,
        [Pages.ColName] = item?.FullName,
        [ReleasesText.ColNext] = item is null ? null : WorklistText.Kind(item.Next.Kind),
        [ReleasesText.ColDate] = item?.Next.Date.ToDateTimeUnspecified(),
        [ReleasesText.ColOverdue] = item?.OverdueDays,
        [ReleasesText.ColRights] = item is null ? null : string.Join("; ", WorklistText.RightLines(item, today)),
        [ReleasesText.ColExpected] = item?.ExpectedRelease.Date?.ToDateTimeUnspecified(),
        [ReleasesText.ColGaps] = item is null ? null : WorklistText.Gaps(item),
    };
}
