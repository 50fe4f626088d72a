using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Input;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Skills;

/// <summary>Programmes of a facility and the per-programme period report, in PostgreSQL.</summary>
public sealed class ProgrammeStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = """
        p.id as Id, p.facility_code as FacilityCode, p.code as Code, p.name as Name, p.kind as Kind, p.partner as Partner,
        p.required_minutes as RequiredMinutes, p.certification_scheme as CertificationScheme, p.starts_on as StartsOn,
        p.retired_on as RetiredOn, p.created_by as CreatedBy, p.created_at as CreatedAt
        """;

    public static async Task<Programme> CreateAsync(WriteSession session, Facility facility, NewProgramme input, CancellationToken ct)
    {
        ProgrammeRules.Validate(input, facility.DateAt(session.Now));
        var programme = new Programme(ProgrammeId.New(), facility.Code, input.Code!, input.Name!.Trim(), input.Kind!.Value, FreeText.Clean(input.Partner),
            input.RequiredMinutes, FreeText.Clean(input.CertificationScheme), input.StartsOn, null, session.Actor.UserSub, session.Now);
        const string Sql = """
            insert into programme (id, facility_code, code, name, kind, partner, required_minutes, certification_scheme, starts_on, created_by, created_at)
            values (@Id, @FacilityCode, @Code, @Name, @kind, @Partner, @RequiredMinutes, @CertificationScheme, @StartsOn, @CreatedBy, @CreatedAt)
            on conflict on constraint programme_code_unique do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            programme.Id,
            programme.FacilityCode,
            programme.Code,
            programme.Name,
            programme.Kind,
            programme.Partner,
            programme.RequiredMinutes,
            programme.CertificationScheme,
            programme.StartsOn,
            programme.CreatedBy,
            programme.CreatedAt,
        }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.ProgrammeCodeTaken, programme.Code, facility.Code));
        }
        await session.AuditAsync("programme.create", facility.Code, programme.Id.ToString(), ct);
        return programme;
    }

    public async Task<IReadOnlyList<Programme>> ListAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from programme p where p.facility_code = @facilityCode order by p.code";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Programme>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Retires a programme from a day on. Refused while live training is recorded on or after that day, so
    /// retiring never turns recorded training into training on an inactive programme.
    /// </summary>
    public static async Task<Programme> RetireAsync(WriteSession session, Facility facility, string code, RetireProgramme input, CancellationToken ct)
    {
        const string Lock = $"select {Columns} from programme p where p.facility_code = @facility and p.code = @code for update";
        var programme = await session.Connection.QuerySingleOrDefaultAsync<Programme>(session.Command(Lock, new { facility = facility.Code, code }, ct))
            ?? throw new NotFoundException(Catalogue.Fill(Things.ProgrammeCoded, code));
        // Through the people placed in the facility and the person-and-day index: training is only ever recorded for
        // people held in the programme's facility, so none is missed.
        const string LastEntry = """
            select max(e.day) from live_training_entry e
            where e.programme_id = @id and e.inmate_id in (select inmate_id from inmate_placement where facility_code = @facility)
            """;
        var last = await session.Connection.ExecuteScalarAsync<LocalDate?>(session.Command(LastEntry, new { id = programme.Id, facility = facility.Code }, ct));
        ProgrammeRules.ValidateRetirement(input, programme, last);
        await session.Connection.ExecuteAsync(session.Command("update programme set retired_on = @on where id = @id", new { id = programme.Id, on = input.RetiredOn }, ct));
        await session.AuditAsync("programme.retire", facility.Code, programme.Id.ToString(), ct);
        return programme with { RetiredOn = input.RetiredOn };
    }

    /// <summary>
    /// Corrects a programme's name or required minutes. The revision (before → after, who, when, why) is written first,
    /// in the same transaction: the database refuses a change of those columns that no revision of its transaction explains.
    /// </summary>
    public static async Task<RevisedProgramme> ReviseAsync(WriteSession session, Facility facility, string code, ReviseProgramme input, CancellationToken ct)
    {
        const string Lock = $"select {Columns} from programme p where p.facility_code = @facility and p.code = @code for update";
        var programme = await session.Connection.QuerySingleOrDefaultAsync<Programme>(session.Command(Lock, new { facility = facility.Code, code }, ct))
            ?? throw new NotFoundException($"Programme '{code}'");
        ProgrammeRevisionRules.Validate(input, programme);
        var (name, minutes) = ProgrammeRevisionRules.After(input, programme);
        var revision = new ProgrammeRevision(Guid.CreateVersion7(), programme.Id, session.Actor.UserSub, session.Now, input.Reason!.Trim(),
            programme.Name, name, programme.RequiredMinutes, minutes);
        const string Insert = """
            insert into programme_revision (id, programme_id, revised_by, revised_at, reason, name_before, name_after, required_minutes_before, required_minutes_after)
            values (@Id, @ProgrammeId, @RevisedBy, @RevisedAt, @Reason, @NameBefore, @NameAfter, @RequiredMinutesBefore, @RequiredMinutesAfter)
            """;
        await session.Connection.ExecuteAsync(session.Command(Insert, revision, ct));
        await session.Connection.ExecuteAsync(session.Command("update programme set name = @name, required_minutes = @minutes where id = @id",
            new { id = programme.Id, name, minutes }, ct));
        await session.AuditAsync("programme.revise", facility.Code, programme.Id.ToString(), ct);
        return new RevisedProgramme(programme with { Name = name, RequiredMinutes = minutes }, revision);
    }

    /// <summary>The revisions of the facility's programmes, newest first.</summary>
    public async Task<IReadOnlyList<ProgrammeRevision>> RevisionsAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = """
            select r.id as Id, r.programme_id as ProgrammeId, r.revised_by as RevisedBy, r.revised_at as RevisedAt, r.reason as Reason,
                   r.name_before as NameBefore, r.name_after as NameAfter,
                   r.required_minutes_before as RequiredMinutesBefore, r.required_minutes_after as RequiredMinutesAfter
            from programme_revision r join programme p on p.id = r.programme_id
            where p.facility_code = @facilityCode
            order by r.revised_at desc, r.id desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ProgrammeRevision>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// A programme of the facility by code, share-locked for the rest of the write so it cannot be retired
    /// under training being recorded on it; null when there is none.
    /// </summary>
    internal static Task<Programme?> FindForShareAsync(WriteSession session, string facilityCode, string code, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from programme p where p.facility_code = @facilityCode and p.code = @code for share";
        return session.Connection.QuerySingleOrDefaultAsync<Programme>(session.Command(Sql, new { facilityCode, code }, ct));
    }

    internal static async Task<IReadOnlyList<Programme>> ByIdsAsync(NpgsqlConnection connection, IEnumerable<ProgrammeId> ids, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from programme p where p.id = any(@ids)";
        var array = ids.Select(i => i.Value).Distinct().ToArray();
        return array.Length == 0 ? [] : (await connection.QueryAsync<Programme>(new CommandDefinition(Sql, new { ids = array }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The per-programme report of a facility (training, certificates, work and premi) for the days <paramref name="from"/> to <paramref name="to"/>, both
    /// included, for the operation's facility.
    /// </summary>
    public Task<IReadOnlyList<ProgrammeReportLine>> ReportAsync(OperationContext operation, LocalDate from, LocalDate to, CancellationToken ct) =>
        ReportAsync(operation, [operation.Facility], from, to, ct);

    /// <summary>
    /// The per-programme report of several facilities (a region's), facility after facility in the order given, in one
    /// round trip. It reads the kept totals per Lapas × programme × day and the kept active days of each person and
    /// programme (docs/kept-values.md), so it costs days × programmes and people × programmes rows of those facilities,
    /// never their ledger entries; certificates are read by programme and day. From the operation's
    /// <see cref="OperationContext.Reads"/>: a fresh standby when there is one.
    /// </summary>
    public async Task<IReadOnlyList<ProgrammeReportLine>> ReportAsync(OperationContext operation, IReadOnlyList<Facility> facilities, LocalDate from, LocalDate to,
        CancellationToken ct)
    {
        // A person has one row per programme and year: within one calendar year the rows active in the period are the
        // participants; a period across a new year counts each person once (distinct), which costs twice the rows and a
        // hash of them (0.7 s against 0.3 s for a region of 100,000 people).
        var people = from.Year == to.Year
            ? """
              select d.programme_id, count(*)::int as participants
              from y join daily_person_days d on d.year = y.year
              where d.facility_code = any(@codes) and bit_count(d.days & y.mask) > 0
              group by d.programme_id
              """
            : """
              select active.programme_id, count(*)::int as participants
              from (select distinct d.programme_id, d.inmate_id
                    from y join daily_person_days d on d.year = y.year
                    where d.facility_code = any(@codes) and bit_count(d.days & y.mask) > 0) active
              group by active.programme_id
              """;
        var sql = $"""
            select {Columns} from programme p
            where p.facility_code = any(@codes) and (p.retired_on is null or p.retired_on > @from) and (p.starts_on is null or p.starts_on <= @to);
            {Reports.DailyTotals.PeriodYears}, people as (
              {people}
            ), sums as (
              select t.programme_id, sum(t.minutes)::bigint as minutes, sum(t.units_produced)::bigint as units_produced,
                     sum(t.units_passed)::bigint as units_passed, sum(t.premi_posted)::bigint as premi_posted
              from daily_programme_total t
              where t.facility_code = any(@codes) and t.day between @from and @to
              group by t.programme_id
            )
            select coalesce(s.programme_id, x.programme_id) as ProgrammeId, coalesce(x.participants, 0) as Participants,
                   coalesce(s.minutes, 0) as Minutes, coalesce(s.units_produced, 0) as UnitsProduced, coalesce(s.units_passed, 0) as UnitsPassed,
                   coalesce(s.premi_posted, 0) as PremiPosted
            from sums s full join people x on x.programme_id = s.programme_id;
            select c.programme_id as ProgrammeId, c.result as Result, (r.certificate_id is not null) as Revoked
            from certificate c join programme p on p.id = c.programme_id
            left join certificate_revocation r on r.certificate_id = c.id
            where p.facility_code = any(@codes) and c.issued_on between @from and @to;
            """;
        var codes = facilities.Select(f => f.Code).ToArray();
        await using var connection = await operation.Reads.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { codes, from, to }, cancellationToken: ct));
        var programmes = (await grid.ReadAsync<Programme>()).ToLookup(p => p.FacilityCode, StringComparer.Ordinal);
        var totals = (await grid.ReadAsync<ProgrammeTotals>()).AsList();
        var certificates = (await grid.ReadAsync<CertificateRow>()).Select(c => new CertificateIssued(c.ProgrammeId, c.Result, c.Revoked)).ToList();
        return facilities
            .SelectMany(f => ProgrammeReport.Build(programmes[f.Code].ToList(), totals, certificates, f.Settings.MinutesPerJp))
            .ToList();
    }

    private sealed record CertificateRow(ProgrammeId ProgrammeId, CertificateResult Result, bool Revoked);
}
