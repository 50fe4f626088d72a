using Dapper;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Npgsql;
using NodaTime;

namespace Ledger.Core.Reports;

/// <summary>
/// The Kanwil dashboard's reads: a few set-based statements for the whole region (grouped per Lapas, with the region's
/// total from the same grouping), never a query per person or per Lapas.
/// </summary>
public sealed class RegionDashboardStore(FacilityStore facilities)
{
    /// <summary>
    /// The dashboard of <paramref name="region"/> for the caller of <paramref name="operation"/>, from
    /// <paramref name="from"/> to <paramref name="to"/> (both included; either null: <see cref="DashboardRules.DefaultPeriod"/>).
    /// A region's totals are for those who cover the region (a region claim naming it, as Kanwil and the region's
    /// admin have): an officer of one Lapas of the region is refused rather than shown a partial "region". No region
    /// named (the page): the caller's own, their region claim or else the region of their Lapas.
    /// </summary>
    public async Task<DashboardAnswer> ReadAsync(OperationContext operation, string? region, LocalDate? from, LocalDate? to, CancellationToken ct)
    {
        var scope = await facilities.ListAsync(operation.Scope, ct);
        region ??= operation.Caller.Regions.Order(StringComparer.Ordinal).FirstOrDefault() ?? scope.Select(f => f.Region).FirstOrDefault();
        var reached = scope.Where(f => f.Region == region).ToList();
        if (reached.Count == 0)
        {
            return new DashboardAnswer(RegionStanding.NotReached, null);
        }
        var readable = reached.Where(f => operation.Allows(f, Area.Reports, Access.Read)).ToList();
        if (region is null || !operation.Caller.Regions.Contains(region) || readable.Count == 0)
        {
            return new DashboardAnswer(RegionStanding.Forbidden, null);
        }
        var codes = readable.Select(f => f.Code).ToArray();
        await using var connection = await operation.Reads.OpenConnectionAsync(ct);
        var today = readable[0].DateAt(operation.Now);
        var (first, last) = from is { } f0 && to is { } t0 ? (f0, t0)
            : DashboardRules.DefaultPeriod(await LargestOrderSpanAsync(connection, codes, ct), today);
        first = from ?? first;
        last = to ?? last;
        var totals = await TotalsAsync(connection, codes, first, last, ct);
        var lines = readable.OrderBy(f => f.Code, StringComparer.Ordinal)
            .Select(f => totals.GetValueOrDefault(f.Code, Empty) with { Facility = f.Code, FacilityName = f.Name })
            .ToList();
        var total = totals.GetValueOrDefault("", Empty) with { Facility = region, FacilityName = region };
        return new DashboardAnswer(RegionStanding.Allowed, new RegionDashboard(region, first, last, today, lines, total));
    }

    private static readonly DashboardLine Empty = new("", "", 0, 0, 0, 0, 0, 0, Rupiah.Zero);

    /// <summary>
    /// Every measure per Lapas and for the region (keyed ""), in one round trip over the kept values (docs/kept-values.md,
    /// "Lapas × programme × day"): the sums from the daily totals, the participants from the people's active days,
    /// counted once per Lapas and once in the region's total (a person moved between Lapas is one person there), and the
    /// certificates by Lapas and day. A Lapas with nothing in the period is left out (the caller shows it empty).
    /// </summary>
    private static async Task<Dictionary<string, DashboardLine>> TotalsAsync(NpgsqlConnection connection, string[] codes, LocalDate from, LocalDate to, CancellationToken ct)
    {
        const string Sql = $"""
            {DailyTotals.PeriodYears}, people as (
              -- Each person once per Lapas first (hashed), then counted: about twice as fast as count(distinct) by sorting.
              select distinct d.facility_code, d.inmate_id
              from y join daily_person_days d on d.year = y.year
              where d.facility_code = any(@codes) and bit_count(d.days & y.mask) > 0
            )
            select facility_code as Facility, count(*)::int as Participants from people group by facility_code
            union all
            select '', count(distinct inmate_id)::int from people;
            select t.facility_code as Facility, sum(t.minutes)::bigint as TrainingMinutes, sum(t.units_produced)::bigint as UnitsProduced,
                   sum(t.units_passed)::bigint as UnitsPassed, sum(t.premi_posted - t.premi_reversed)::bigint as PremiPosted
            from daily_programme_total t
            where t.facility_code = any(@codes) and t.day between @from and @to
            group by t.facility_code;
            select c.facility_code as Facility, count(*)::int as Issued
            from certificate c
            where c.facility_code = any(@codes) and c.issued_on between @from and @to and c.result = 'competent'
              and not exists (select 1 from certificate_revocation v where v.certificate_id = c.id)
            group by c.facility_code;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { codes, from, to }, cancellationToken: ct));
        var participants = (await grid.ReadAsync<(string Facility, int Participants)>()).ToDictionary(p => p.Facility, p => p.Participants, StringComparer.Ordinal);
        var sums = (await grid.ReadAsync<Sums>()).ToDictionary(s => s.Facility, StringComparer.Ordinal);
        var certificates = (await grid.ReadAsync<(string Facility, int Issued)>()).ToDictionary(c => c.Facility, c => c.Issued, StringComparer.Ordinal);
        var lines = participants.Keys.Concat(sums.Keys).Concat(certificates.Keys).Where(code => code.Length > 0).Distinct(StringComparer.Ordinal)
            .ToDictionary(code => code, code =>
            {
                var sum = sums.GetValueOrDefault(code) ?? new Sums(code, 0, 0, 0, 0);
                return new DashboardLine(code, "", participants.GetValueOrDefault(code), sum.TrainingMinutes, DashboardRules.Hours(sum.TrainingMinutes),
                    certificates.GetValueOrDefault(code), sum.UnitsProduced, sum.UnitsPassed, new Rupiah(sum.PremiPosted));
            }, StringComparer.Ordinal);
        var minutes = lines.Values.Sum(l => l.TrainingMinutes);
        lines[""] = new DashboardLine("", "", participants.GetValueOrDefault(""), minutes, DashboardRules.Hours(minutes),
            lines.Values.Sum(l => l.CertificatesIssued), lines.Values.Sum(l => l.UnitsProduced), lines.Values.Sum(l => l.UnitsPassed),
            new Rupiah(lines.Values.Sum(l => l.PremiPosted.Value)));
        return lines;
    }

    /// <summary>
    /// The first and last recorded day of the region's largest work order in the year up to its latest work day, from
    /// the kept days of each work order (live records and units passed QC per order and day).
    /// </summary>
    private static async Task<(LocalDate From, LocalDate To)?> LargestOrderSpanAsync(NpgsqlConnection connection, string[] codes, CancellationToken ct)
    {
        const string Sql = """
            with live as (
              select w.work_order_id, w.day, w.units_passed
              from daily_work_order_day w
              where w.facility_code = any(@codes) and w.live_records > 0
            ), recent as (
              select * from live where day > (select max(day) from live) - 365
            )
            select min(day) as First, max(day) as Last
            from recent
            group by work_order_id
            order by sum(units_passed) desc, work_order_id
            limit 1
            """;
        var span = await connection.QuerySingleOrDefaultAsync<Span>(new CommandDefinition(Sql, new { codes }, cancellationToken: ct));
        return span is null ? null : (span.First, span.Last);
    }

    private sealed record Sums(string Facility, long TrainingMinutes, long UnitsProduced, long UnitsPassed, long PremiPosted);

    private sealed record Span(LocalDate First, LocalDate Last);
}
