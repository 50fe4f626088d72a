using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using Ledger.Core.Work;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Premi;

/// <summary>
/// Premi runs in PostgreSQL: a draft computed by <see cref="PremiCalculator"/>, then approved by a second finance
/// user (which posts every line to its account, once) or cancelled. The checks are <see cref="PremiRunRules"/>.
/// </summary>
public sealed class PremiRunStore(NpgsqlDataSource dataSource)
{
    /// <summary>Computes a draft: nothing is posted until another finance user approves it.</summary>
    public static async Task<PremiRun> CreateRunAsync(WriteSession session, Facility facility, NewPremiRun input, CancellationToken ct)
    {
        PremiRunRules.ValidateDraft(input);
        var scheme = await PremiSchemeStore.ReadSchemeAsync(session.Connection, session.Transaction, input.SchemeId!.Value, ct);
        if (scheme is null || scheme.FacilityCode != facility.Code)
        {
            throw ValidationFailedException.For("schemeId", Catalogue.Fill(Fields.NoSchemeWithId, facility.Code));
        }
        WorkOrder? order = null;
        if (input.WorkOrderId is { } orderId)
        {
            order = await WorkStore.ReadOrderAsync(session.Connection, session.Transaction, orderId, forUpdate: false, ct);
            if (order is null || order.FacilityCode != facility.Code)
            {
                throw ValidationFailedException.For("workOrderId", Catalogue.Fill(Fields.NoWorkOrderWithId, facility.Code));
            }
        }
        var (from, to) = PremiRunRules.Period(input, scheme.Kind, order, facility.DateAt(session.Now));
        var version = PremiRunRules.VersionFor(scheme, from, to);
        var pool = PremiRunRules.ProfitPoolOf(scheme.Kind, order);

        var records = await PayableRecordsAsync(session, facility.Code, scheme.Id, input.WorkOrderId, from, to, ct);
        if (records.Count == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(order is null ? Rules.NoRecordsToPay : Rules.NoRecordsToPayOnOrder, Format.Date(from), Format.Date(to)));
        }
        var earlier = await EarlierPayAsync(session, scheme.Id, records.Select(r => r.InmateId.Value).Distinct().ToArray(), ct);
        var computed = PremiCalculator.Compute(version, records, earlier, pool);

        var id = PremiRunId.New();
        var total = computed.Total;
        var spendable = Rupiah.Sum(computed.Lines.Select(l => l.Spendable));
        const string Run = """
            insert into premi_run (id, facility_code, scheme_id, scheme_version_id, scheme_version, work_order_id, period_from, period_to, status,
                                   total, total_spendable, total_savings, created_by, created_at)
            values (@id, @facility, @schemeId, @versionId, @version, @orderId, @from, @to, @draft, @total, @spendable, @savings, @by, @now)
            """;
        await session.Connection.ExecuteAsync(session.Command(Run, new
        {
            id,
            facility = facility.Code,
            schemeId = scheme.Id.Value,
            versionId = version.VersionId,
            version = version.Version,
            orderId = input.WorkOrderId?.Value,
            from,
            to,
            draft = PremiRunStatus.Draft,
            total = total.Value,
            spendable = spendable.Value,
            savings = (total - spendable).Value,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
        // Every line in one statement (arrays, one element per line), not a round trip per line.
        const string Lines = """
            insert into premi_run_line (run_id, line_no, inmate_id, registration_number, full_name, basis_quantity, basis_unit, basis,
                                        gross, spendable, savings, explanation)
            select @runId, t.line_no, t.inmate_id, t.registration_number, t.full_name, t.basis_quantity, t.basis_unit, t.basis,
                   t.gross, t.spendable, t.savings, t.explanation
            from unnest(@lineNos, @inmates, @numbers, @names, @quantities, @units, @bases, @gross, @spendable, @savings, @explanations)
                 as t(line_no, inmate_id, registration_number, full_name, basis_quantity, basis_unit, basis, gross, spendable, savings, explanation)
            """;
        var lines = computed.Lines;
        await session.Connection.ExecuteAsync(session.Command(Lines, new
        {
            runId = id.Value,
            lineNos = lines.Select(l => l.LineNo).ToArray(),
            inmates = lines.Select(l => l.InmateId.Value).ToArray(),
            numbers = lines.Select(l => l.RegistrationNumber).ToArray(),
            names = lines.Select(l => l.FullName).ToArray(),
            quantities = lines.Select(l => l.BasisQuantity).ToArray(),
            units = lines.Select(l => Wire.Of(l.BasisUnit)).ToArray(),
            bases = lines.Select(l => l.Basis).ToArray(),
            gross = lines.Select(l => l.Gross.Value).ToArray(),
            spendable = lines.Select(l => l.Spendable.Value).ToArray(),
            savings = lines.Select(l => l.Savings.Value).ToArray(),
            explanations = lines.Select(l => l.Explanation).ToArray(),
        }, ct));
        const string Records = """
            insert into premi_run_record (run_id, work_record_id, inmate_id, amount)
            select @runId, t.w, t.i, t.a from unnest(@works, @inmates, @amounts) as t(w, i, a)
            """;
        await session.Connection.ExecuteAsync(session.Command(Records, new
        {
            runId = id.Value,
            works = computed.Paid.Select(p => p.WorkRecordId.Value).ToArray(),
            inmates = computed.Paid.Select(p => p.InmateId.Value).ToArray(),
            amounts = computed.Paid.Select(p => p.Amount.Value).ToArray(),
        }, ct));
        const string Excluded = """
            insert into premi_run_exclusion (run_id, work_record_id, reason)
            select @runId, t.w, t.r from unnest(@works, @reasons) as t(w, r)
            """;
        await session.Connection.ExecuteAsync(session.Command(Excluded, new
        {
            runId = id.Value,
            works = computed.Excluded.Select(e => e.WorkRecordId.Value).ToArray(),
            reasons = computed.Excluded.Select(e => e.Reason).ToArray(),
        }, ct));
        await session.AuditAsync("premi-run.draft", facility.Code, id.ToString(), ct);
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiRun);
    }

    private static async Task<List<PayableRecord>> PayableRecordsAsync(WriteSession session, string facility, PremiSchemeId schemeId, WorkOrderId? orderId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        const string Sql = """
            select r.id as Id, r.inmate_id as InmateId, i.registration_number as RegistrationNumber, i.full_name as FullName,
                   r.worked_on as Date, r.minutes as Minutes, r.units_passed as UnitsPassed, o.unit_name as UnitName,
                   p.run_id as PaidBy, (i.released_on is not null or a.closed_on is not null) as AccountClosed
            from work_record r
            join work_order o on o.id = r.work_order_id
            join inmate i on i.id = r.inmate_id
            left join premi_paid_record p on p.work_record_id = r.id and p.scheme_id = @schemeId
            left join premi_account a on a.inmate_id = r.inmate_id
            where o.facility_code = @facility and r.worked_on between @from and @to
              and (@orderId::uuid is null or r.work_order_id = @orderId::uuid)
              and not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
            """;
        var rows = await session.Connection.QueryAsync<PayableRow>(session.Command(Sql, new { facility, schemeId = schemeId.Value, orderId = orderId?.Value, from, to }, ct));
        return rows.Select(r => new PayableRecord(r.Id, r.InmateId, r.RegistrationNumber, r.FullName, r.Date, r.Minutes, r.UnitsPassed, r.UnitName,
            r.PaidBy is { } run ? new PremiRunId(run) : null, r.AccountClosed)).ToList();
    }

    private static async Task<List<PaidWork>> EarlierPayAsync(WriteSession session, PremiSchemeId schemeId, Guid[] inmates, CancellationToken ct)
    {
        const string Sql = """
            select w.inmate_id as InmateId, w.worked_on as Date, p.run_id as RunId, rr.amount as Amount
            from premi_paid_record p
            join premi_run_record rr on rr.run_id = p.run_id and rr.work_record_id = p.work_record_id
            join work_record w on w.id = p.work_record_id
            where p.scheme_id = @schemeId and w.inmate_id = any(@inmates)
            """;
        var rows = await session.Connection.QueryAsync<PaidRow>(session.Command(Sql, new { schemeId = schemeId.Value, inmates }, ct));
        return rows.Select(r => new PaidWork(r.InmateId, r.Date, new PremiRunId(r.RunId), new Rupiah(r.Amount))).ToList();
    }

    public async Task<PremiRun?> GetRunAsync(PremiRunId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadRunAsync(connection, null, id, ct);
    }

    /// <summary>The runs of a facility, newest first, without their lines.</summary>
    public async Task<IReadOnlyList<PremiRun>> ListRunsAsync(string facilityCode, CancellationToken ct)
    {
        var sql = $"{RunSelect} where r.facility_code = @facilityCode order by r.created_at desc, r.id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(sql, new { facilityCode }, cancellationToken: ct));
        return rows.Select(r => r.ToRun([], [])).ToList();
    }

    public async Task<string?> FacilityOfRunAsync(PremiRunId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select facility_code from premi_run where id = @id", new { id }, cancellationToken: ct));
    }

    private const string RunSelect = """
        select r.id as Id, r.facility_code as FacilityCode, r.scheme_id as SchemeId, r.scheme_version_id as SchemeVersionId,
               r.scheme_version as SchemeVersion, s.name as SchemeName, s.kind as Kind, r.work_order_id as WorkOrderId,
               r.period_from as PeriodFrom, r.period_to as PeriodTo, r.status as Status, r.total as Total,
               r.total_spendable as TotalSpendable, r.total_savings as TotalSavings,
               (select count(*) from premi_run_record x where x.run_id = r.id)::int as WorkRecordCount,
               r.created_by as CreatedBy, r.created_at as CreatedAt, r.decided_by as DecidedBy, r.decided_at as DecidedAt,
               r.cancel_reason as CancelReason
        from premi_run r join premi_scheme s on s.id = r.scheme_version_id
        """;

    private static async Task<PremiRun?> ReadRunAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, PremiRunId id, CancellationToken ct)
    {
        var sql = $"""
            {RunSelect} where r.id = @id;
            select line_no as LineNo, inmate_id as InmateId, registration_number as RegistrationNumber, full_name as FullName,
                   basis_quantity as BasisQuantity, basis_unit as BasisUnit, basis as Basis, gross as Gross, spendable as Spendable,
                   savings as Savings, explanation as Explanation
            from premi_run_line where run_id = @id order by line_no;
            select e.work_record_id as WorkRecordId, w.inmate_id as InmateId, i.registration_number as RegistrationNumber,
                   w.worked_on as Date, e.reason as Reason
            from premi_run_exclusion e join work_record w on w.id = e.work_record_id join inmate i on i.id = w.inmate_id
            where e.run_id = @id order by i.registration_number, w.worked_on, e.work_record_id;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { id = id.Value }, tx, cancellationToken: ct));
        var run = await grid.ReadSingleOrDefaultAsync<RunRow>();
        if (run is null)
        {
            return null;
        }
        var lines = (await grid.ReadAsync<LineRow>()).Select(l => l.ToLine()).ToList();
        var excluded = (await grid.ReadAsync<PremiExclusion>()).ToList();
        return run.ToRun(lines, excluded);
    }

    /// <summary>
    /// Approves a draft and posts every line to its account, in this one transaction, exactly once: the run row
    /// is locked and its status checked, so a second approval (even at the same moment) finds it approved.
    /// </summary>
    public static async Task<PremiRun> ApproveAsync(WriteSession session, Facility facility, PremiRunId id, ApprovePremiRun? input, CancellationToken ct)
    {
        PremiRunRules.ValidateApproval(input);
        var run = await LockRunAsync(session, id, ct);
        PremiRunRules.CheckApproval(run, session.Actor.UserSub, input);

        // Approvals of one scheme are serialized (first version's row), so the "paid once" and cap checks
        // below see every earlier approval; the orders are share-locked so no paid record is reversed meanwhile.
        await PremiSchemeStore.LockSchemeAsync(session, run.SchemeId, ct);
        const string LockOrders = """
            select o.id from work_order o
            where o.id in (select w.work_order_id from premi_run_record rr join work_record w on w.id = rr.work_record_id where rr.run_id = @id)
            order by o.id for share
            """;
        await session.Connection.ExecuteAsync(session.Command(LockOrders, new { id = id.Value }, ct));
        const string Reversed = """
            select count(*) from premi_run_record rr join work_record_reversal v on v.work_record_id = rr.work_record_id where rr.run_id = @id
            """;
        var reversed = await session.Connection.ExecuteScalarAsync<long>(session.Command(Reversed, new { id = id.Value }, ct));
        if (reversed > 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RecordsReversedSinceDraft, reversed));
        }
        const string Paid = """
            insert into premi_paid_record (scheme_id, work_record_id, run_id)
            select @schemeId, rr.work_record_id, rr.run_id from premi_run_record rr where rr.run_id = @id
            on conflict (scheme_id, work_record_id) do nothing
            """;
        var paid = await session.Connection.ExecuteAsync(session.Command(Paid, new { id = id.Value, schemeId = run.SchemeId.Value }, ct));
        if (paid != run.WorkRecordCount)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RecordsPaidSinceDraft, run.WorkRecordCount - paid));
        }
        await CheckCapAsync(session, run, ct);

        var lines = run.Lines.Where(l => l.Gross > Rupiah.Zero).ToList();
        var accounts = await PremiAccountStore.LockAccountsAsync(session, lines.Select(l => l.InmateId), create: true, ct);
        var postings = new List<PremiAccountStore.Posting>(lines.Count);
        foreach (var line in lines)
        {
            var account = accounts[line.InmateId];
            if (account.ClosedOn is not null)
            {
                throw new RuleViolationException(Catalogue.Fill(Rules.ReleasedSinceDraft, line.RegistrationNumber, line.FullName, Format.Date(account.ClosedOn)));
            }
            postings.Add(new(account, PremiEntryKind.RunCredit, PremiAccountRules.Credit(line.Spendable, line.Savings),
                new PremiAccountStore.EntryDetails(RunId: id, LineNo: line.LineNo)));
        }
        // A run has one line per person, so each account moves once: all entries, then all balances, in two statements.
        await PremiAccountStore.PostEachAsync(session, facility, postings, ct);
        const string Decide = "update premi_run set status = @approved, decided_by = @by, decided_at = @now where id = @id and status = @draft";
        var decision = new { id = id.Value, approved = PremiRunStatus.Approved, draft = PremiRunStatus.Draft, by = session.Actor.UserSub, now = session.Now };
        await session.Connection.ExecuteAsync(session.Command(Decide, decision, ct));
        await session.AuditAsync("premi-run.approve", facility.Code, id.ToString(), ct);
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiRun);
    }

    private static async Task CheckCapAsync(WriteSession session, PremiRun run, CancellationToken ct)
    {
        var cap = await session.Connection.ExecuteScalarAsync<long?>(session.Command("select monthly_cap from premi_scheme where id = @id", new { id = run.SchemeVersionId }, ct));
        if (cap is null)
        {
            return;
        }
        const string Sql = """
            select count(*) from (
              select w.inmate_id, date_trunc('month', w.worked_on)
              from premi_paid_record p
              join premi_run_record rr on rr.run_id = p.run_id and rr.work_record_id = p.work_record_id
              join work_record w on w.id = p.work_record_id
              where p.scheme_id = @schemeId and w.inmate_id in (select inmate_id from premi_run_line where run_id = @runId)
              group by 1, 2
              having sum(rr.amount) > @cap) over_cap
            """;
        var over = await session.Connection.ExecuteScalarAsync<long>(session.Command(Sql, new { schemeId = run.SchemeId.Value, runId = run.Id.Value, cap }, ct));
        if (over > 0)
        {
            throw new RuleViolationException(Rules.CapExceededSinceDraft);
        }
    }

    public static async Task<PremiRun> CancelAsync(WriteSession session, Facility facility, PremiRunId id, CancelPremiRun input, CancellationToken ct)
    {
        var reason = ReasonRule.Validate(input.Reason);
        var run = await LockRunAsync(session, id, ct);
        PremiRunRules.CheckCancellable(run);
        const string Sql = "update premi_run set status = @cancelled, decided_by = @by, decided_at = @now, cancel_reason = @reason where id = @id and status = @draft";
        var decision = new { id = id.Value, cancelled = PremiRunStatus.Cancelled, draft = PremiRunStatus.Draft, by = session.Actor.UserSub, now = session.Now, reason };
        await session.Connection.ExecuteAsync(session.Command(Sql, decision, ct));
        await session.AuditAsync("premi-run.cancel", facility.Code, id.ToString(), ct);
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiRun);
    }

    private static async Task<PremiRun> LockRunAsync(WriteSession session, PremiRunId id, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(session.Command("select 1 from premi_run where id = @id for update", new { id = id.Value }, ct));
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiRun);
    }

    private sealed record PayableRow(WorkRecordId Id, InmateId InmateId, string RegistrationNumber, string FullName, LocalDate Date, int Minutes,
        int UnitsPassed, string UnitName, Guid? PaidBy, bool AccountClosed);

    private sealed record PaidRow(InmateId InmateId, LocalDate Date, Guid RunId, long Amount);

    private sealed record RunRow(Guid Id, string FacilityCode, Guid SchemeId, Guid SchemeVersionId, int SchemeVersion, string SchemeName, PremiSchemeKind Kind,
        Guid? WorkOrderId, LocalDate PeriodFrom, LocalDate PeriodTo, PremiRunStatus Status, long Total, long TotalSpendable, long TotalSavings, int WorkRecordCount,
        string CreatedBy, Instant CreatedAt, string? DecidedBy, Instant? DecidedAt, string? CancelReason)
    {
        public PremiRun ToRun(IReadOnlyList<PremiRunLine> lines, IReadOnlyList<PremiExclusion> excluded) =>
            new(new PremiRunId(Id), FacilityCode, new PremiSchemeId(SchemeId), SchemeVersionId, SchemeVersion, SchemeName, Kind,
                WorkOrderId is { } o ? new WorkOrderId(o) : null, PeriodFrom, PeriodTo, Status, new Rupiah(Total), new Rupiah(TotalSpendable),
                new Rupiah(TotalSavings), WorkRecordCount, lines, excluded, CreatedBy, CreatedAt,
                Status == PremiRunStatus.Approved ? DecidedBy : null, Status == PremiRunStatus.Approved ? DecidedAt : null,
                Status == PremiRunStatus.Cancelled ? DecidedBy : null, Status == PremiRunStatus.Cancelled ? DecidedAt : null, CancelReason);
    }

    private sealed record LineRow(int LineNo, InmateId InmateId, string RegistrationNumber, string FullName, long BasisQuantity, PremiBasisUnit BasisUnit,
        string Basis, long Gross, long Spendable, long Savings, string Explanation)
    {
        public PremiRunLine ToLine() => new(LineNo, InmateId, RegistrationNumber, FullName, BasisQuantity, BasisUnit, Basis,
            new Rupiah(Gross), new Rupiah(Spendable), new Rupiah(Savings), Explanation);
    }
}
