using Ledger.Core.Premi;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Reports;

/// <summary>
/// One Lapas's line of the Kanwil dashboard for a period (or the region's total line): the people who trained or
/// worked, the training time, the certificates issued, the units made and passed QC, and the premi approved runs posted.
/// </summary>
/// <remarks>api.md, "Readiness and reports"; the same definitions as a facility's programme report, summed per Lapas.</remarks>
public sealed record DashboardLine(
    string Facility,
    string FacilityName,
    int Participants,
    long TrainingMinutes,
    long TrainingHours,
    int CertificatesIssued,
    long UnitsProduced,
    long UnitsPassed,
    Rupiah PremiPosted);

/// <summary>
/// The region dashboard: a line per Lapas the caller may read (in code order) and the region's total, read on
/// <paramref name="AsOf"/> (today in the region's first Lapas's time zone).
/// </summary>
public sealed record RegionDashboard(string Region, LocalDate From, LocalDate To, LocalDate AsOf, IReadOnlyList<DashboardLine> Lapas, DashboardLine Total);

/// <summary>The measures the dashboard charts, one bar chart each, in the order they are shown.</summary>
public enum DashboardMeasure
{
    Participants,
    TrainingHours,
    CertificatesIssued,
    UnitsProduced,
    UnitsPassed,
    PremiPosted,
}

/// <summary>The pure rules of the dashboard: a measure's value on a line, the hours of a training time.</summary>
public static class DashboardRules
{
    public static readonly IReadOnlyList<DashboardMeasure> Measures = Enum.GetValues<DashboardMeasure>();

    /// <summary>Whole clock hours (rounded down): the same for every Lapas, whatever its length of a lesson hour (JP).</summary>
    public static long Hours(long minutes) => minutes / 60;

    public static long Value(DashboardLine line, DashboardMeasure measure) => measure switch
    {
        DashboardMeasure.Participants => line.Participants,
        DashboardMeasure.TrainingHours => line.TrainingHours,
        DashboardMeasure.CertificatesIssued => line.CertificatesIssued,
        DashboardMeasure.UnitsProduced => line.UnitsProduced,
        DashboardMeasure.UnitsPassed => line.UnitsPassed,
        DashboardMeasure.PremiPosted => line.PremiPosted.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    /// <summary>The measure's name in the reader's language (chart titles, table and xlsx headers).</summary>
    public static string Name(DashboardMeasure measure) => measure switch
    {
        DashboardMeasure.Participants => Dashboard.MeasureParticipants,
        DashboardMeasure.TrainingHours => Dashboard.MeasureTrainingHours,
        DashboardMeasure.CertificatesIssued => Dashboard.MeasureCertificatesIssued,
        DashboardMeasure.UnitsProduced => Dashboard.MeasureUnitsProduced,
        DashboardMeasure.UnitsPassed => Dashboard.MeasureUnitsPassed,
        _ => Dashboard.MeasurePremiPosted,
    };

    /// <summary>
    /// The period shown when none is asked for: the working span (first to last recorded day) of the region's largest
    /// work order (most units passed QC) in the year up to its latest recorded work day, so the dashboard opens on the
    /// region's main production rather than on an empty month; with no work at all, the 30 days up to today.
    /// </summary>
    public static (LocalDate From, LocalDate To) DefaultPeriod((LocalDate From, LocalDate To)? largestOrderSpan, LocalDate today) =>
        largestOrderSpan ?? (today.PlusDays(-29), today);
}

/// <summary>How the caller stands to a region's dashboard.</summary>
public enum RegionStanding
{
    /// <summary>The caller reaches no Lapas of the region: 404, as if it did not exist.</summary>
    NotReached,

    /// <summary>The caller reaches some Lapas of it but does not cover the region (no region claim naming it): 403.</summary>
    Forbidden,

    Allowed,
}

/// <summary>The dashboard, or why the caller does not get it.</summary>
public sealed record DashboardAnswer(RegionStanding Standing, RegionDashboard? Dashboard);
