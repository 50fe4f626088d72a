using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Reports;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Components;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Kanwil;

// The folder is Dashboard/, the namespace Kanwil: a namespace named Dashboard would hide the catalogue's Dashboard texts.
public sealed partial class DashboardPage
{
    [SupplyParameterFromQuery(Name = "dari")] private string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "sampai")] private string? ToText { get; set; }

    /// <summary>The region; without it the officer's own (<see cref="RegionDashboardStore.ReadAsync"/>).</summary>
    [SupplyParameterFromQuery(Name = "wilayah")] private string? Region { get; set; }

    private Outcome<DashboardAnswer>? outcome;
    private readonly Dictionary<string, List<string>> errors = [];

    protected override async Task OnInitializedAsync()
    {
        var (from, to) = PeriodInput.Parse(FromText, ToText, errors);
        // Asked even when the dates are refused, so a caller who may not see the region is refused first.
        outcome = await Call.ReadAcrossAsync(Area.Reports, operation => Store.ReadAsync(operation, Region, from, to, default));
    }

    private string[] ErrorsOf(string field) => errors.TryGetValue(field, out var list) ? [.. list] : [];

    private static string MeasureName(DashboardMeasure measure) => DashboardRules.Name(measure);

    /// <summary>A value as the reader writes it: counts with thousands separated, premi in rupiah.</summary>
    private static string ValueText(DashboardLine line, DashboardMeasure measure) =>
        measure == DashboardMeasure.PremiPosted ? Format.Rupiah(line.PremiPosted) : Format.Count(DashboardRules.Value(line, measure));

    private string ExportAddress(RegionDashboard shown) =>
        $"/kanwil/dasbor.xlsx?from={Format.InputDate(shown.From)}&to={Format.InputDate(shown.To)}"
        + (string.IsNullOrEmpty(Region) ? "" : $"&region={Uri.EscapeDataString(Region)}");

    private static string ReportAddress(string facility, RegionDashboard shown) =>
        $"/laporan/program?lapas={Uri.EscapeDataString(facility)}&dari={Format.InputDate(shown.From)}&sampai={Format.InputDate(shown.To)}";
}

/// <summary>A period typed into a page's two date fields: each refusal at its field, in the reader's language.</summary>
internal static class PeriodInput
{
    public static (LocalDate? From, LocalDate? To) Parse(string? fromText, string? toText, Dictionary<string, List<string>> errors)
    {
        var from = Day(fromText, "dari", errors);
        var to = Day(toText, "sampai", errors);
        if (from > to)
        {
            Add(errors, "dari", Catalogue.Fill(Fields.MustNotBeAfter, Format.Date(to)));
            return (null, null);
        }
        return errors.Count == 0 ? (from, to) : (null, null);
    }

    private static LocalDate? Day(string? text, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            Add(errors, field, Catalogue.Fill(Fields.NotAnIsoDay, text));
            return null;
        }
        return parsed.Value;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string reason)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(reason);
    }
}
