using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using Ledger.Core.Work;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Premi;

/// <summary>
/// Premi schemes, runs and accounts in PostgreSQL. Every amount is computed by <see cref="PremiCalculator"/> and
/// <see cref="PremiAccountRules"/>; this class reads their inputs, locks what must not change meanwhile and
/// writes their results.
/// </summary>
public sealed class PremiStore(NpgsqlDataSource dataSource)
{
    private const string SchemeColumns = """
        s.scheme_id as SchemeId, s.facility_code as FacilityCode, s.id as VersionId, s.version as Version, s.name as Name, s.kind as Kind,
        s.rate as Rate, s.percent as Percent, s.min_minutes_per_day as MinMinutesPerDay, s.min_days_per_month as MinDaysPerMonth,
        s.savings_percent as SavingsPercent, s.monthly_cap as MonthlyCap, s.valid_from as ValidFrom, s.valid_to as ValidTo,
        s.created_by as CreatedBy, s.created_at as CreatedAt
        """;

    public static async Task<PremiScheme> CreateSchemeAsync(WriteSession session, Facility facility, PremiSchemeInput input, CancellationToken ct)
    {
        var terms = PremiSchemeRules.Validate(input, facility.Settings);
        var id = PremiSchemeId.New();
        await InsertVersionAsync(session, facility, id, id.Value, 1, terms, ct);
        await session.AuditAsync("premi-scheme.create", facility.Code, id.ToString(), ct);
        return await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi scheme");
    }

    /// <summary>A change of terms: the scheme's next version. Earlier versions stay exactly as runs used them.</summary>
    public static async Task<PremiScheme> AddVersionAsync(WriteSession session, Facility facility, PremiSchemeId id, PremiSchemeInput input, CancellationToken ct)
    {
        // Locking the scheme serializes version numbering (and approvals, which lock it too).
        await LockSchemeAsync(session, id, ct);
        var scheme = await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi scheme");
        var terms = PremiSchemeRules.Validate(input, facility.Settings, scheme.Kind);
        var versionId = Guid.CreateVersion7();
        await InsertVersionAsync(session, facility, id, versionId, scheme.CurrentVersion + 1, terms, ct);
        await session.AuditAsync("premi-scheme.version", facility.Code, id.ToString(), ct);
        return await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi scheme");
    }

    /// <summary>
    /// Serializes the writes of one scheme until the transaction ends. A scheme's rows never change, so the runtime
    /// role has no UPDATE on them that a row lock (FOR UPDATE) would need: the lock is a transaction-level advisory
    /// lock on the scheme's id instead, in the key space of the premi_scheme table.
    /// </summary>
    private static Task<int> LockSchemeAsync(WriteSession session, PremiSchemeId id, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(
            "select pg_advisory_xact_lock('premi_scheme'::regclass::oid::int, hashtext(@id::text))", new { id = id.Value }, ct));

    private static Task<int> InsertVersionAsync(WriteSession session, Facility facility, PremiSchemeId schemeId, Guid versionId, int version, PremiSchemeInput terms, CancellationToken ct)
    {
        const string Sql = """
            insert into premi_scheme (id, scheme_id, version, facility_code, name, kind, rate, percent, min_minutes_per_day, min_days_per_month,
                                      savings_percent, monthly_cap, valid_from, valid_to, created_by, created_at)
            values (@versionId, @schemeId, @version, @facility, @name, @kind, @rate, @percent, @minMinutes, @minDays,
                    @savings, @cap, @validFrom, @validTo, @by, @now)
            """;
        return session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            versionId,
            schemeId = schemeId.Value,
            version,
            facility = facility.Code,
            name = terms.Name,
            kind = Wire.Of(terms.Kind!.Value),
            rate = terms.Rate,
            percent = terms.Percent,
            minMinutes = terms.MinMinutesPerDay,
            minDays = terms.MinDaysPerMonth,
            savings = terms.SavingsPercent,
            cap = terms.MonthlyCap,
            validFrom = terms.ValidFrom,
            validTo = terms.ValidTo,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
    }

    public async Task<PremiScheme?> GetSchemeAsync(PremiSchemeId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadSchemeAsync(connection, null, id, ct);
    }

    public async Task<IReadOnlyList<PremiScheme>> ListSchemesAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = $"select {SchemeColumns} from premi_scheme s where s.facility_code = @facilityCode order by s.scheme_id, s.version";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SchemeRow>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct));
        return rows.GroupBy(r => r.SchemeId).Select(ToScheme).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<string?> FacilityOfSchemeAsync(PremiSchemeId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select facility_code from premi_scheme where id = @id and version = 1", new { id }, cancellationToken: ct));
    }

    private static async Task<PremiScheme?> ReadSchemeAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, PremiSchemeId id, CancellationToken ct)
    {
        const string Sql = $"select {SchemeColumns} from premi_scheme s where s.scheme_id = @id order by s.version";
        var rows = (await connection.QueryAsync<SchemeRow>(new CommandDefinition(Sql, new { id = id.Value }, tx, cancellationToken: ct))).ToList();
        return rows.Count == 0 ? null : ToScheme(rows);
    }

    private static PremiScheme ToScheme(IEnumerable<SchemeRow> rows)
    {
        var versions = rows.OrderBy(r => r.Version).ToList();
        var current = versions[^1];
        return new PremiScheme(new PremiSchemeId(current.SchemeId), current.FacilityCode, current.Name, ParseWire<PremiSchemeKind>(current.Kind), current.Version,
            versions.Select(v => v.ToVersion()).ToList());
    }


    /// <summary>Computes a draft: nothing is posted until another finance user approves it.</summary>
    public static async Task<PremiRun> CreateRunAsync(WriteSession session, Facility facility, NewPremiRun input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(input.SchemeId, "schemeId");
        errors.ThrowIfAny();
        var scheme = await ReadSchemeAsync(session.Connection, session.Transaction, input.SchemeId!.Value, ct);
        if (scheme is null || scheme.FacilityCode != facility.Code)
        {
            throw ValidationFailedException.For("schemeId", $"no premi scheme of {facility.Code} has this id");
        }
        WorkOrder? order = null;
        if (input.WorkOrderId is { } orderId)
        {
            order = await WorkStore.ReadOrderAsync(session.Connection, session.Transaction, orderId, forUpdate: false, ct);
            if (order is null || order.FacilityCode != facility.Code)
            {
                throw ValidationFailedException.For("workOrderId", $"no work order of {facility.Code} has this id");
            }
        }
        var (from, to) = PremiRunRules.Period(input, scheme.Kind, order, facility.DateAt(session.Now));
        var version = scheme.Versions.LastOrDefault(v => v.Covers(from, to))
            ?? throw new RuleViolationException($"No version of the scheme '{scheme.Name}' is valid for the whole of {from:yyyy-MM-dd} to {to:yyyy-MM-dd}; run each validity period separately.");
        ProfitPool? pool = null;
        if (scheme.Kind == PremiSchemeKind.ProfitShare)
        {
            if (order!.Status != WorkOrderStatus.Closed || order.Revenue is null || order.Costs is null)
            {
                throw new RuleViolationException("A profit share is computed from a closed order's revenue and costs: close the work order with both first.");
            }
            pool = new ProfitPool(order.Revenue.Value, order.Costs.Value);
        }

        var records = await PayableRecordsAsync(session, facility.Code, scheme.Id, input.WorkOrderId, from, to, ct);
        if (records.Count == 0)
        {
            throw new RuleViolationException($"There are no work records to pay {(order is null ? "" : "on this work order ")}between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}.");
        }
        var earlier = await EarlierPayAsync(session, scheme.Id, records.Select(r => r.InmateId.Value).Distinct().ToArray(), ct);
        var computed = PremiCalculator.Compute(version, records, earlier, pool);

        var id = PremiRunId.New();
        var total = computed.Total;
        var spendable = Rupiah.Sum(computed.Lines.Select(l => l.Spendable));
        const string Run = """
            insert into premi_run (id, facility_code, scheme_id, scheme_version_id, scheme_version, work_order_id, period_from, period_to, status,
                                   total, total_spendable, total_savings, created_by, created_at)
            values (@id, @facility, @schemeId, @versionId, @version, @orderId, @from, @to, 'draft', @total, @spendable, @savings, @by, @now)
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
            total = total.Value,
            spendable = spendable.Value,
            savings = (total - spendable).Value,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
        const string Lines = """
            insert into premi_run_line (run_id, line_no, inmate_id, registration_number, full_name, basis_quantity, basis_unit, basis,
                                        gross, spendable, savings, explanation)
            values (@runId, @LineNo, @InmateId, @RegistrationNumber, @FullName, @BasisQuantity, @unit, @Basis, @gross, @spendable, @savings, @Explanation)
            """;
        await session.Connection.ExecuteAsync(session.Command(Lines, computed.Lines.Select(l => new
        {
            runId = id.Value,
            l.LineNo,
            l.InmateId,
            l.RegistrationNumber,
            l.FullName,
            l.BasisQuantity,
            unit = Wire.Of(l.BasisUnit),
            l.Basis,
            gross = l.Gross.Value,
            spendable = l.Spendable.Value,
            savings = l.Savings.Value,
            l.Explanation,
        }), ct));
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
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi run");
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
        if (input?.ExpectedTotal is < 0)
        {
            throw ValidationFailedException.For("expectedTotal", "must be the run's total in whole rupiah, 0 or more");
        }
        var run = await LockRunAsync(session, id, ct);
        if (run.Status == PremiRunStatus.Approved)
        {
            throw new RuleViolationException($"The run was already approved by {run.ApprovedBy} at {run.ApprovedAt}; it has been posted once and is not posted again.");
        }
        if (run.Status == PremiRunStatus.Cancelled)
        {
            throw new RuleViolationException($"The run was cancelled by {run.CancelledBy}; compute a new draft.");
        }
        if (run.CreatedBy == session.Actor.UserSub)
        {
            throw new RuleViolationException($"Four-eyes rule: you ({run.CreatedBy}) computed this draft, so another finance user must approve it.");
        }
        if (input?.ExpectedTotal is { } expected && expected != run.Total.Value)
        {
            throw new RuleViolationException($"The run's total is {run.Total}, not {new Rupiah(expected)}: check the draft again before approving.");
        }
        if (run.Lines.Count == 0)
        {
            throw new RuleViolationException("The draft has no lines: there is nothing to pay. Cancel it.");
        }

        // Approvals of one scheme are serialized (first version's row), so the "paid once" and cap checks
        // below see every earlier approval; the orders are share-locked so no paid record is reversed meanwhile.
        await LockSchemeAsync(session, run.SchemeId, ct);
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
            throw new RuleViolationException($"{reversed} work record(s) of this draft were reversed after it was computed; cancel it and compute a new draft.");
        }
        const string Paid = """
            insert into premi_paid_record (scheme_id, work_record_id, run_id)
            select @schemeId, rr.work_record_id, rr.run_id from premi_run_record rr where rr.run_id = @id
            on conflict (scheme_id, work_record_id) do nothing
            """;
        var paid = await session.Connection.ExecuteAsync(session.Command(Paid, new { id = id.Value, schemeId = run.SchemeId.Value }, ct));
        if (paid != run.WorkRecordCount)
        {
            throw new RuleViolationException($"{run.WorkRecordCount - paid} work record(s) of this draft were paid by another run of the scheme approved after it was computed; cancel it and compute a new draft.");
        }
        await CheckCapAsync(session, run, ct);

        var lines = run.Lines.Where(l => l.Gross > Rupiah.Zero).ToList();
        var accounts = await LockAccountsAsync(session, lines.Select(l => l.InmateId), create: true, ct);
        foreach (var line in lines)
        {
            var account = accounts[line.InmateId];
            if (account.ClosedOn is not null)
            {
                throw new RuleViolationException($"{line.RegistrationNumber} {line.FullName} was released and their premi account closed on {account.ClosedOn:yyyy-MM-dd}; cancel this draft and compute a new one.");
            }
            await PostAsync(session, facility, account, PremiEntryKind.RunCredit, PremiAccountRules.Credit(line.Spendable, line.Savings),
                new EntryDetails(RunId: id, LineNo: line.LineNo), null, ct);
        }
        const string Decide = "update premi_run set status = 'approved', decided_by = @by, decided_at = @now where id = @id and status = 'draft'";
        await session.Connection.ExecuteAsync(session.Command(Decide, new { id = id.Value, by = session.Actor.UserSub, now = session.Now }, ct));
        await session.AuditAsync("premi-run.approve", facility.Code, id.ToString(), ct);
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi run");
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
            throw new RuleViolationException("Another run of the scheme was approved after this draft was computed and the monthly cap would be exceeded; cancel it and compute a new draft.");
        }
    }

    public static async Task<PremiRun> CancelAsync(WriteSession session, Facility facility, PremiRunId id, CancelPremiRun input, CancellationToken ct)
    {
        var reason = WorkRules.ValidateReason(input.Reason);
        var run = await LockRunAsync(session, id, ct);
        if (run.Status != PremiRunStatus.Draft)
        {
            throw new RuleViolationException(run.Status == PremiRunStatus.Approved
                ? "The run is approved and posted; it cannot be cancelled. Correct a line by reversing its premi entry."
                : "The run was already cancelled.");
        }
        const string Sql = "update premi_run set status = 'cancelled', decided_by = @by, decided_at = @now, cancel_reason = @reason where id = @id and status = 'draft'";
        await session.Connection.ExecuteAsync(session.Command(Sql, new { id = id.Value, by = session.Actor.UserSub, now = session.Now, reason }, ct));
        await session.AuditAsync("premi-run.cancel", facility.Code, id.ToString(), ct);
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi run");
    }

    private static async Task<PremiRun> LockRunAsync(WriteSession session, PremiRunId id, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(session.Command("select 1 from premi_run where id = @id for update", new { id = id.Value }, ct));
        return await ReadRunAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException("The premi run");
    }

    public async Task<PremiAccount> GetAccountAsync(InmateId id, CancellationToken ct)
    {
        const string Sql = """
            select inmate_id as InmateId, spendable as Spendable, savings as Savings, total_earned as TotalEarned, version as Version, closed_on as ClosedOn
            from premi_account where inmate_id = @id;
            select e.id as Id, e.version as Version, e.kind as Kind, e.spendable_change as SpendableChange, e.savings_change as SavingsChange,
                   e.earned_change as EarnedChange, e.spendable_after as SpendableAfter, e.savings_after as SavingsAfter,
                   e.facility_code as FacilityCode, e.run_id as RunId, e.purpose as Purpose, e.note as Note,
                   e.reverses_entry_id as ReversesEntryId, r.id as ReversedByEntryId, e.reason as Reason,
                   e.recorded_by as RecordedBy, e.recorded_at as RecordedAt
            from premi_entry e left join premi_entry r on r.reverses_entry_id = e.id
            where e.inmate_id = @id order by e.version;
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { id = id.Value }, cancellationToken: ct));
        var account = await grid.ReadSingleOrDefaultAsync<AccountRow>();
        var entries = (await grid.ReadAsync<EntryRow>()).Select(e => e.ToEntry()).ToList();
        return account is null
            ? new PremiAccount(id, Rupiah.Zero, Rupiah.Zero, Rupiah.Zero, 0, null, [])
            : new PremiAccount(id, new Rupiah(account.Spendable), new Rupiah(account.Savings), new Rupiah(account.TotalEarned), account.Version, account.ClosedOn, entries);
    }

    /// <summary>The balances of many accounts at once; a person without an account has zero in both parts.</summary>
    public async Task<IReadOnlyDictionary<InmateId, PremiBalance>> BalancesAsync(IReadOnlyCollection<InmateId> inmateIds, CancellationToken ct)
    {
        const string Sql = """
            select inmate_id as InmateId, spendable as Spendable, savings as Savings, total_earned as TotalEarned
            from premi_account where inmate_id = any(@ids)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<BalanceRow>(new CommandDefinition(Sql, new { ids = inmateIds.Select(i => i.Value).ToArray() }, cancellationToken: ct)))
            .ToDictionary(r => r.InmateId);
        return inmateIds.Distinct().ToDictionary(id => id, id => rows.TryGetValue(id, out var r)
            ? new PremiBalance(new Rupiah(r.Spendable), new Rupiah(r.Savings), new Rupiah(r.TotalEarned))
            : PremiBalance.Empty);
    }

    private sealed record BalanceRow(InmateId InmateId, long Spendable, long Savings, long TotalEarned);

    public async Task<string?> FacilityOfEntryAsync(PremiEntryId id, CancellationToken ct)
    {
        // The account stays with the person, so an entry is handled where the person is now.
        const string Sql = "select i.facility_code from premi_entry e join inmate i on i.id = e.inmate_id where e.id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { id = id.Value }, cancellationToken: ct));
    }

    /// <summary>A withdrawal from one part; beyond its balance it answers 409 and writes nothing.</summary>
    public static async Task<PremiEntry> WithdrawAsync(WriteSession session, Facility facility, InmateId inmateId, NewWithdrawal input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(input.Part, "part");
        if (errors.Required(input.Amount, "amount") && input.Amount < 1)
        {
            errors.Add("amount", "must be a whole number of rupiah, 1 or more");
        }
        errors.Required(input.Purpose, "purpose");
        errors.Text(input.Note, "note", 500, required: false, multiLine: true);
        errors.ThrowIfAny();
        PremiAccountRules.CheckPurpose(input.Part!.Value, input.Purpose!.Value);
        var accounts = await LockAccountsAsync(session, [inmateId], create: false, ct);
        if (!accounts.TryGetValue(inmateId, out var account))
        {
            throw new RuleViolationException($"The person has no premi yet: the {PremiAccountRules.PartName(input.Part.Value)} balance is Rp0; a withdrawal of {new Rupiah(input.Amount!.Value)} is beyond it.");
        }
        if (account.ClosedOn is not null)
        {
            throw new RuleViolationException($"The premi account was paid out and closed at release on {account.ClosedOn:yyyy-MM-dd}.");
        }
        var change = PremiAccountRules.Withdrawal(account.Balance, input.Part.Value, new Rupiah(input.Amount!.Value));
        var entry = await PostAsync(session, facility, account, PremiEntryKind.Withdrawal, change,
            new EntryDetails(Purpose: input.Purpose, Note: WorkRules.Clean(input.Note)), null, ct);
        await session.AuditAsync("premi.withdrawal", facility.Code, inmateId.ToString(), ct);
        return entry;
    }

    /// <summary>Undoes an entry with a new entry that names it and the reason; the original stays as it was.</summary>
    public static async Task<PremiEntry> ReverseEntryAsync(WriteSession session, Facility facility, PremiEntryId id, Reversal input, CancellationToken ct)
    {
        var reason = WorkRules.ValidateReason(input.Reason);
        var inmate = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command("select inmate_id from premi_entry where id = @id", new { id = id.Value }, ct))
            ?? throw new NotFoundException("The premi entry");
        var inmateId = new InmateId(inmate);
        var account = (await LockAccountsAsync(session, [inmateId], create: false, ct))[inmateId];
        const string Sql = """
            select e.kind as Kind, e.spendable_change as SpendableChange, e.savings_change as SavingsChange, e.earned_change as EarnedChange,
                   (select r.id from premi_entry r where r.reverses_entry_id = e.id) as ReversedBy
            from premi_entry e where e.id = @id
            """;
        var original = await session.Connection.QuerySingleAsync<OriginalRow>(session.Command(Sql, new { id = id.Value }, ct));
        var kind = ParseWire<PremiEntryKind>(original.Kind);
        if (kind == PremiEntryKind.Reversal)
        {
            throw new RuleViolationException("A reversal is not reversed again; post the correct entry instead.");
        }
        if (kind == PremiEntryKind.ReleasePayout)
        {
            throw new RuleViolationException("The release payout closed the account; it cannot be reversed.");
        }
        if (original.ReversedBy is { } by)
        {
            throw new RuleViolationException($"The entry was already reversed by entry {by}.");
        }
        if (account.ClosedOn is not null)
        {
            throw new RuleViolationException($"The premi account was paid out and closed at release on {account.ClosedOn:yyyy-MM-dd}.");
        }
        var change = PremiAccountRules.Reversal(account.Balance,
            new PremiChange(new Rupiah(original.SpendableChange), new Rupiah(original.SavingsChange), new Rupiah(original.EarnedChange)));
        var entry = await PostAsync(session, facility, account, PremiEntryKind.Reversal, change,
            new EntryDetails(ReversesEntryId: id, Reason: reason), null, ct);
        await session.AuditAsync("premi.reversal", facility.Code, inmateId.ToString(), ct);
        return entry;
    }

    /// <summary>
    /// At release both parts are paid out and the account closes at zero, in the release's own transaction.
    /// A person without premi gets a closed, empty account, so no later run can credit them.
    /// </summary>
    public static async Task<PremiEntry?> PayOutOnReleaseAsync(WriteSession session, Facility facility, InmateId inmateId, LocalDate releasedOn, CancellationToken ct)
    {
        var account = (await LockAccountsAsync(session, [inmateId], create: true, ct))[inmateId];
        if (account.ClosedOn is not null)
        {
            return null;
        }
        var entry = await PostAsync(session, facility, account, PremiEntryKind.ReleasePayout, PremiAccountRules.Payout(account.Balance),
            new EntryDetails(Note: $"dibayarkan saat bebas {releasedOn:yyyy-MM-dd}"), releasedOn, ct);
        await session.AuditAsync("premi.release-payout", facility.Code, inmateId.ToString(), ct);
        return entry;
    }

    /// <summary>Locks the accounts' balance rows in inmate-id order (so concurrent writers never deadlock), creating missing ones when asked.</summary>
    private static async Task<Dictionary<InmateId, AccountRow>> LockAccountsAsync(WriteSession session, IEnumerable<InmateId> inmates, bool create, CancellationToken ct)
    {
        var ids = inmates.Select(i => i.Value).Distinct().Order().ToArray();
        if (create)
        {
            const string Create = """
                insert into premi_account (inmate_id, spendable, savings, total_earned, version, opened_at)
                select t.id, 0, 0, 0, 0, @now from unnest(@ids) as t(id) order by t.id
                on conflict (inmate_id) do nothing
                """;
            await session.Connection.ExecuteAsync(session.Command(Create, new { ids, now = session.Now }, ct));
        }
        const string Lock = """
            select inmate_id as InmateId, spendable as Spendable, savings as Savings, total_earned as TotalEarned, version as Version, closed_on as ClosedOn
            from premi_account where inmate_id = any(@ids) order by inmate_id for update
            """;
        var rows = await session.Connection.QueryAsync<AccountRow>(session.Command(Lock, new { ids }, ct));
        return rows.ToDictionary(r => r.InmateId);
    }

    private sealed record EntryDetails(PremiRunId? RunId = null, int? LineNo = null, WithdrawalPurpose? Purpose = null, string? Note = null,
        PremiEntryId? ReversesEntryId = null, string? Reason = null);

    /// <summary>Writes one entry and the account's new balance row (next version) together; the caller holds the account's lock.</summary>
    private static async Task<PremiEntry> PostAsync(WriteSession session, Facility facility, AccountRow account, PremiEntryKind kind, PremiChange change,
        EntryDetails details, LocalDate? closeOn, CancellationToken ct)
    {
        var after = PremiAccountRules.Apply(account.Balance, change);
        var entry = new PremiEntry(PremiEntryId.New(), account.Version + 1, kind, change.Spendable, change.Savings, change.Earned, after.Spendable, after.Savings,
            facility.Code, details.RunId, details.Purpose, details.Note, details.ReversesEntryId, null, details.Reason, session.Actor.UserSub, session.Now);
        const string Insert = """
            insert into premi_entry (id, inmate_id, version, kind, spendable_change, savings_change, earned_change, spendable_after, savings_after,
                                     facility_code, run_id, line_no, purpose, note, reverses_entry_id, reason, recorded_by, recorded_at)
            values (@id, @inmateId, @version, @kind, @spendableChange, @savingsChange, @earnedChange, @spendableAfter, @savingsAfter,
                    @facility, @runId, @lineNo, @purpose, @note, @reverses, @reason, @by, @now)
            """;
        await session.Connection.ExecuteAsync(session.Command(Insert, new
        {
            id = entry.Id.Value,
            inmateId = account.InmateId,
            version = entry.Version,
            kind = Wire.Of(kind),
            spendableChange = change.Spendable.Value,
            savingsChange = change.Savings.Value,
            earnedChange = change.Earned.Value,
            spendableAfter = after.Spendable.Value,
            savingsAfter = after.Savings.Value,
            facility = facility.Code,
            runId = details.RunId?.Value,
            lineNo = details.LineNo,
            purpose = details.Purpose is { } p ? Wire.Of(p) : null,
            note = details.Note,
            reverses = details.ReversesEntryId?.Value,
            reason = details.Reason,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
        const string Update = """
            update premi_account set spendable = @spendable, savings = @savings, total_earned = @earned, version = @version, closed_on = @closeOn
            where inmate_id = @inmateId and version = @previous
            """;
        var updated = await session.Connection.ExecuteAsync(session.Command(Update, new
        {
            inmateId = account.InmateId,
            spendable = after.Spendable.Value,
            savings = after.Savings.Value,
            earned = after.TotalEarned.Value,
            version = entry.Version,
            previous = account.Version,
            closeOn,
        }, ct));
        if (updated != 1)
        {
            throw new InvalidOperationException($"The premi account of {account.InmateId} changed while it was locked.");
        }
        return entry;
    }

    /// <summary>Reads a kebab-case column back into its enum (the spelling <see cref="Wire.Of"/> wrote).</summary>
    private static T ParseWire<T>(string text) where T : struct, Enum => Enum.Parse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    private sealed record SchemeRow(Guid SchemeId, string FacilityCode, Guid VersionId, int Version, string Name, string Kind, long? Rate, int? Percent,
        int MinMinutesPerDay, int? MinDaysPerMonth, int SavingsPercent, long? MonthlyCap, LocalDate ValidFrom, LocalDate? ValidTo, string CreatedBy, Instant CreatedAt)
    {
        public PremiSchemeVersion ToVersion() => new(VersionId, Version, Name, ParseWire<PremiSchemeKind>(Kind), Rate is { } r ? new Rupiah(r) : null, Percent,
            MinMinutesPerDay, MinDaysPerMonth, SavingsPercent, MonthlyCap is { } c ? new Rupiah(c) : null, ValidFrom, ValidTo, CreatedBy, CreatedAt);
    }

    private sealed record PayableRow(WorkRecordId Id, InmateId InmateId, string RegistrationNumber, string FullName, LocalDate Date, int Minutes,
        int UnitsPassed, string UnitName, Guid? PaidBy, bool AccountClosed);

    private sealed record PaidRow(InmateId InmateId, LocalDate Date, Guid RunId, long Amount);

    private sealed record RunRow(Guid Id, string FacilityCode, Guid SchemeId, Guid SchemeVersionId, int SchemeVersion, string SchemeName, string Kind,
        Guid? WorkOrderId, LocalDate PeriodFrom, LocalDate PeriodTo, string Status, long Total, long TotalSpendable, long TotalSavings, int WorkRecordCount,
        string CreatedBy, Instant CreatedAt, string? DecidedBy, Instant? DecidedAt, string? CancelReason)
    {
        public PremiRun ToRun(IReadOnlyList<PremiRunLine> lines, IReadOnlyList<PremiExclusion> excluded)
        {
            var status = ParseWire<PremiRunStatus>(Status);
            return new PremiRun(new PremiRunId(Id), FacilityCode, new PremiSchemeId(SchemeId), SchemeVersionId, SchemeVersion, SchemeName, ParseWire<PremiSchemeKind>(Kind),
                WorkOrderId is { } o ? new WorkOrderId(o) : null, PeriodFrom, PeriodTo, status, new Rupiah(Total), new Rupiah(TotalSpendable),
                new Rupiah(TotalSavings), WorkRecordCount, lines, excluded, CreatedBy, CreatedAt,
                status == PremiRunStatus.Approved ? DecidedBy : null, status == PremiRunStatus.Approved ? DecidedAt : null,
                status == PremiRunStatus.Cancelled ? DecidedBy : null, status == PremiRunStatus.Cancelled ? DecidedAt : null, CancelReason);
        }
    }

    private sealed record LineRow(int LineNo, InmateId InmateId, string RegistrationNumber, string FullName, long BasisQuantity, string BasisUnit,
        string Basis, long Gross, long Spendable, long Savings, string Explanation)
    {
        public PremiRunLine ToLine() => new(LineNo, InmateId, RegistrationNumber, FullName, BasisQuantity, ParseWire<PremiBasisUnit>(BasisUnit), Basis,
            new Rupiah(Gross), new Rupiah(Spendable), new Rupiah(Savings), Explanation);
    }

    private sealed record AccountRow(InmateId InmateId, long Spendable, long Savings, long TotalEarned, long Version, LocalDate? ClosedOn)
    {
        public PremiBalance Balance => new(new Rupiah(Spendable), new Rupiah(Savings), new Rupiah(TotalEarned));
    }

    private sealed record OriginalRow(string Kind, long SpendableChange, long SavingsChange, long EarnedChange, Guid? ReversedBy);

    private sealed record EntryRow(Guid Id, long Version, string Kind, long SpendableChange, long SavingsChange, long EarnedChange, long SpendableAfter,
        long SavingsAfter, string FacilityCode, Guid? RunId, string? Purpose, string? Note, Guid? ReversesEntryId, Guid? ReversedByEntryId, string? Reason,
        string RecordedBy, Instant RecordedAt)
    {
        public PremiEntry ToEntry() => new(new PremiEntryId(Id), Version, ParseWire<PremiEntryKind>(Kind), new Rupiah(SpendableChange), new Rupiah(SavingsChange),
            new Rupiah(EarnedChange), new Rupiah(SpendableAfter), new Rupiah(SavingsAfter), FacilityCode, RunId is { } r ? new PremiRunId(r) : null,
            Purpose is null ? null : ParseWire<WithdrawalPurpose>(Purpose), Note, ReversesEntryId is { } v ? new PremiEntryId(v) : null,
            ReversedByEntryId is { } b ? new PremiEntryId(b) : null, Reason, RecordedBy, RecordedAt);
    }
}
