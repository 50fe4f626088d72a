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
public sealed class RegionDashboardStore(NpgsqlDataSource dataSource, FacilityStore facilities)
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
        await using var connection = await dataSource.OpenConnectionAsync(ct);
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
    /// Every measure per Lapas and for the region (the empty grouping set, keyed ""), in one statement. Participants
    /// are counted once per Lapas and once in the region's total (a person moved between Lapas is one person there).
    /// Training and work are reached through their facility's programmes and orders and the day indexes.
    /// </summary>
    private static async Task<Dictionary<string, DashboardLine>> TotalsAsync(NpgsqlConnection connection, string[] codes, LocalDate from, LocalDate to, CancellationToken ct)
    {
        const string Sql = """
            with trained as (
              select p.facility_code, e.inmate_id, sum(e.minutes)::bigint as minutes
              from live_training_entry e join programme p on p.id = e.programme_id
              where p.facility_code = any(@codes) and e.day between @from and @to
              group by p.facility_code, e.inmate_id
              having sum(e.minutes) > 0
            ), work as (
              select o.facility_code, r.inmate_id, r.id, r.units_produced, r.units_passed
              from work_record r join work_order o on o.id = r.work_order_id
              where o.facility_code = any(@codes) and r.worked_on between @from and @to
                and not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
            ), worked as (
              -- One row per person and Lapas before the union: the counting below sorts people, not work records.
              select facility_code, inmate_id, sum(units_produced)::bigint as produced, sum(units_passed)::bigint as passed
              from work group by facility_code, inmate_id
            ), premi as (
              select w.facility_code, sum(pr.amount)::bigint as amount
              from work w
              join premi_run_record pr on pr.work_record_id = w.id
              join premi_run run on run.id = pr.run_id and run.status = @approved
              group by w.facility_code
            ), certificates as (
              select c.facility_code, count(*)::int as issued
              from certificate c
              where c.facility_code = any(@codes) and c.issued_on between @from and @to and c.result = 'competent'
                and not exists (select 1 from certificate_revocation v where v.certificate_id = c.id)
              group by c.facility_code
            ), people as (
              select facility_code, inmate_id, minutes, 0::bigint as produced, 0::bigint as passed from trained
              union all
              select facility_code, inmate_id, 0, produced, passed from worked
            )
            select coalesce(x.facility_code, '') as Facility, '' as FacilityName,
                   count(distinct x.inmate_id)::int as Participants,
                   sum(x.minutes)::bigint as TrainingMinutes, 0::bigint as TrainingHours,
                   coalesce(case when grouping(x.facility_code) = 1 then (select sum(issued) from certificates)
                                 else max(c.issued) end, 0)::int as CertificatesIssued,
                   sum(x.produced)::bigint as UnitsProduced, sum(x.passed)::bigint as UnitsPassed,
                   coalesce(case when grouping(x.facility_code) = 1 then (select sum(amount) from premi)
                                 else max(m.amount) end, 0)::bigint as PremiPosted
            from people x
            left join certificates c on c.facility_code = x.facility_code
            left join premi m on m.facility_code = x.facility_code
            group by grouping sets ((x.facility_code), ())
            union all
            -- A Lapas that issued certificates in the period but had no one training or working in it.
            select c.facility_code, '', 0, 0, 0, c.issued, 0, 0, 0
            from certificates c where not exists (select 1 from people x where x.facility_code = c.facility_code)
            """;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { codes, from, to, approved = PremiRunStatus.Approved }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Facility, r => r.ToLine(), StringComparer.Ordinal);
    }

    /// <summary>The first and last recorded day of the region's largest work order in the year up to its latest work day.</summary>
    private static async Task<(LocalDate From, LocalDate To)?> LargestOrderSpanAsync(NpgsqlConnection connection, string[] codes, CancellationToken ct)
    {
        const string Sql = """
            with live as (
              select r.work_order_id, r.worked_on, r.units_passed
              from work_record r join work_order o on o.id = r.work_order_id
              where o.facility_code = any(@codes)
                and not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
            ), recent as (
              select * from live where worked_on > (select max(worked_on) from live) - 365
            )
            select min(worked_on) as First, max(worked_on) as Last
            from recent
            group by work_order_id
            order by sum(units_passed) desc, work_order_id
            limit 1
            """;
        var span = await connection.QuerySingleOrDefaultAsync<Span>(new CommandDefinition(Sql, new { codes }, cancellationToken: ct));
        return span is null ? null : (span.First, span.Last);
    }

    private sealed record Span(LocalDate First, LocalDate Last);

    private sealed record Row(string Facility, string FacilityName, int Participants, long TrainingMinutes, long TrainingHours,
        int CertificatesIssued, long UnitsProduced, long UnitsPassed, long PremiPosted)
    {
        public DashboardLine ToLine() => new(Facility, FacilityName, Participants, TrainingMinutes, DashboardRules.Hours(TrainingMinutes),
            CertificatesIssued, UnitsProduced, UnitsPassed, new Rupiah(PremiPosted));
    }
}
