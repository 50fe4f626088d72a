using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Premi;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Work;

/// <summary>Work orders and work records in PostgreSQL.</summary>
public sealed class WorkStore(NpgsqlDataSource dataSource)
{
    private const string OrderColumns = """
        o.id as Id, o.facility_code as FacilityCode, o.programme_code as ProgrammeCode, o.description as Description,
        o.partner as Partner, o.buyer as Buyer, o.quantity as Quantity, o.unit_name as UnitName, o.unit_price as UnitPrice,
        o.starts_on as StartsOn, o.ends_on as EndsOn, o.closed_on as ClosedOn, o.revenue as Revenue, o.costs as Costs,
        o.created_by as CreatedBy, o.created_at as CreatedAt,
        coalesce(p.produced, 0) as UnitsProduced, coalesce(p.passed, 0) as UnitsPassed, coalesce(p.workers, 0) as Workers,
        coalesce(p.days, 0) as Days, coalesce(p.minutes, 0) as Minutes, coalesce(p.records, 0) as Records
        """;

    // Progress counts only records that have not been reversed.
    private const string ProgressJoin = """
        left join lateral (
          select sum(r.units_produced) as produced, sum(r.units_passed) as passed, count(distinct r.inmate_id)::int as workers,
                 count(distinct r.worked_on)::int as days, sum(r.minutes) as minutes, count(*)::int as records
          from work_record r
          where r.work_order_id = o.id and not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
        ) p on true
        """;

    private const string RecordColumns = """
        r.id as Id, r.work_order_id as WorkOrderId, r.inmate_id as InmateId, r.worked_on as Date, r.minutes as Minutes,
        r.units_produced as UnitsProduced, r.units_passed as UnitsPassed, r.batch_id as BatchId, r.recorded_by as RecordedBy,
        r.recorded_at as RecordedAt, v.reason as ReversalReason, v.reversed_by as ReversedBy, v.reversed_at as ReversedAt
        """;

    public static async Task<WorkOrder> CreateOrderAsync(WriteSession session, Facility facility, NewWorkOrder input, CancellationToken ct)
    {
        WorkRules.ValidateOrder(input);
        var programme = await Skills.ProgrammeStore.FindForShareAsync(session, facility.Code, input.ProgrammeCode!, ct);
        if (programme is null || programme.Kind == Skills.ProgrammeKind.Training)
        {
            throw ValidationFailedException.For("programmeCode", programme is null
                ? Catalogue.Fill(Fields.FacilityHasNoProgramme, facility.Code, input.ProgrammeCode)
                : Catalogue.Fill(Fields.TrainingOnlyProgramme, input.ProgrammeCode));
        }
        var id = WorkOrderId.New();
        const string Sql = """
            insert into work_order (id, facility_code, programme_code, description, partner, buyer, quantity, unit_name, unit_price,
                                    starts_on, ends_on, created_by, created_at)
            values (@id, @facility, @programmeCode, @description, @partner, @buyer, @quantity, @unitName, @unitPrice,
                    @startsOn, @endsOn, @by, @now)
            """;
        await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            id,
            facility = facility.Code,
            programmeCode = input.ProgrammeCode,
            description = input.Description!.Trim(),
            partner = input.Partner!.Trim(),
            buyer = FreeText.Clean(input.Buyer),
            quantity = input.Quantity,
            unitName = FreeText.Clean(input.UnitName) ?? WorkRules.DefaultUnitName,
            unitPrice = input.UnitPrice,
            startsOn = input.StartsOn,
            endsOn = input.EndsOn,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
        await session.AuditAsync("work-order.create", facility.Code, id.ToString(), ct);
        return await ReadOrderAsync(session.Connection, session.Transaction, id, forUpdate: false, ct) ?? throw new NotFoundException(Things.WorkOrder);
    }

    public async Task<WorkOrder?> GetOrderAsync(WorkOrderId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadOrderAsync(connection, null, id, forUpdate: false, ct);
    }

    public async Task<IReadOnlyList<WorkOrder>> ListOrdersAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = $"select {OrderColumns} from work_order o {ProgressJoin} where o.facility_code = @facilityCode order by o.starts_on desc, o.id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OrderRow>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct));
        return rows.Select(r => r.ToOrder()).ToList();
    }

    /// <summary>The facility of a work order, for scope checks; null when unknown.</summary>
    public async Task<string?> FacilityOfOrderAsync(WorkOrderId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select facility_code from work_order where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The facility of a work record (its order's), for scope checks; null when unknown.</summary>
    public async Task<string?> FacilityOfRecordAsync(WorkRecordId id, CancellationToken ct)
    {
        const string Sql = "select o.facility_code from work_record r join work_order o on o.id = r.work_order_id where r.id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
    }

    internal static async Task<WorkOrder?> ReadOrderAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, WorkOrderId id, bool forUpdate, CancellationToken ct)
    {
        if (forUpdate)
        {
            // Lock first: a batch and a close of the same order are serialized, so no record lands on a closed order.
            await connection.ExecuteAsync(new CommandDefinition("select 1 from work_order where id = @id for update", new { id }, tx, cancellationToken: ct));
        }
        const string Sql = $"select {OrderColumns} from work_order o {ProgressJoin} where o.id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(Sql, new { id }, tx, cancellationToken: ct));
        return row?.ToOrder();
    }

    /// <summary>Posts a batch of work records: every row is checked first, then all are written, or none.</summary>
    public static async Task<IReadOnlyList<WorkRecord>> RecordAsync(WriteSession session, Facility facility, WorkOrderId orderId, IReadOnlyList<NewWorkRecord?> input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var rows = await CheckBatchAsync(session, facility, orderId, input, WorkRules.MaxBatchRows, errors, ct);
        errors.ThrowIfAny();
        return await InsertBatchAsync(session, facility, orderId, rows, "work-record.batch", ct);
    }

    /// <summary>
    /// Every check of a batch (<see cref="WorkRules"/>), with a fixed number of queries whatever its length: the
    /// problems are added to <paramref name="errors"/> under <c>[i].field</c>, so the file import can name them by
    /// line instead. Returns the rows that passed, each with its person's id. A closed order is refused (409).
    /// </summary>
    internal static async Task<IReadOnlyList<NewWorkRecord>> CheckBatchAsync(WriteSession session, Facility facility, WorkOrderId orderId, IReadOnlyList<NewWorkRecord?> input,
        int maxRows, FieldErrors errors, CancellationToken ct)
    {
        var wellFormed = WorkRules.ValidateBatchShape(input, facility.Settings.MaxWorkMinutesPerDay, errors, maxRows);
        var order = await ReadOrderAsync(session.Connection, session.Transaction, orderId, forUpdate: true, ct) ?? throw new NotFoundException(Things.WorkOrder);
        if (order.Status == WorkOrderStatus.Closed)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.WorkOrderClosedNoMoreWork, Format.Date(order.ClosedOn)));
        }
        var numbers = wellFormed.Select(i => RegistrationNumber.NormalizeOrNull(input[i]!.RegistrationNumber)).OfType<string>();
        var byNumber = await InmateStore.IdsByNumberAsync(session, order.FacilityCode, numbers, ct);
        (input, wellFormed) = WorkRules.ResolvePeople(input, wellFormed, byNumber, order.FacilityCode, errors);
        var rows = wellFormed.Select(i => input[i]!).ToList();
        // Each person is locked (in a fixed order, so two batches cannot deadlock) before their minutes are
        // counted: two batches at once cannot both squeeze under the daily limit.
        // Only people ever held in the order's facility are looked at: anyone else is reported by ValidateBatch exactly
        // like an unknown id, so a batch cannot learn who a person of another facility is or where they were held.
        const string HeldHere = "select distinct inmate_id from inmate_placement where facility_code = @facility and inmate_id = any(@ids)";
        var heldHere = await session.Connection.QueryAsync<InmateId>(session.Command(HeldHere, new
        {
            facility = order.FacilityCode,
            ids = rows.Select(r => r.InmateId!.Value.Value).Distinct().ToArray(),
        }, ct));
        var files = await InmateStore.LockFilesAsync(session, heldHere, ct);
        // One range of the person-and-day index per person (OFFSET 0 keeps the planner from turning the LATERAL into
        // a join it may answer with a scan of every record), so the cost follows the batch, not the table.
        const string Existing = """
            select r.inmate_id as InmateId, r.worked_on as Date, sum(r.minutes)::int as Minutes
            from unnest(@ids) as p(inmate_id)
            cross join lateral (
              select r.id, r.inmate_id, r.worked_on, r.minutes
              from work_record r
              where r.inmate_id = p.inmate_id and r.worked_on between @first and @last
              offset 0
            ) as r
            where not exists (select 1 from work_record_reversal v where v.work_record_id = r.id)
            group by r.inmate_id, r.worked_on
            """;
        var existing = (await session.Connection.QueryAsync<DayMinutes>(session.Command(Existing, new
        {
            ids = files.Keys.Select(k => k.Value).ToArray(),
            first = rows.Select(r => r.Date!.Value).DefaultIfEmpty(order.StartsOn).Min(),
            last = rows.Select(r => r.Date!.Value).DefaultIfEmpty(order.StartsOn).Max(),
        }, ct))).ToDictionary(d => (d.InmateId, d.Date), d => d.Minutes);
        WorkRules.ValidateBatch(input, wellFormed, new WorkBatchContext(order, files, existing, facility.DateAt(session.Now), facility.Settings.MaxWorkMinutesPerDay), errors);
        return rows;
    }

    /// <summary>Writes checked rows as one batch in one statement, and one audit row naming the order.</summary>
    internal static async Task<IReadOnlyList<WorkRecord>> InsertBatchAsync(WriteSession session, Facility facility, WorkOrderId orderId, IReadOnlyList<NewWorkRecord> rows,
        string auditAction, CancellationToken ct)
    {
        var batchId = Guid.CreateVersion7();
        var records = rows.Select(r => new WorkRecord(WorkRecordId.New(), orderId, r.InmateId!.Value, r.Date!.Value, r.Minutes!.Value,
            r.UnitsProduced!.Value, r.UnitsPassed!.Value, batchId, session.Actor.UserSub, session.Now, null)).ToList();
        const string Insert = """
            insert into work_record (id, work_order_id, inmate_id, worked_on, minutes, units_produced, units_passed, batch_id, recorded_by, recorded_at)
            select t.id, @orderId, t.inmate_id, t.worked_on, t.minutes, t.units_produced, t.units_passed, @batchId, @by, @at
            from unnest(@ids, @inmateIds, @days, @minutes, @produced, @passed) as t(id, inmate_id, worked_on, minutes, units_produced, units_passed)
            """;
        await session.Connection.ExecuteAsync(session.Command(Insert, new
        {
            orderId,
            batchId,
            by = session.Actor.UserSub,
            at = session.Now,
            ids = records.Select(r => r.Id.Value).ToArray(),
            inmateIds = records.Select(r => r.InmateId.Value).ToArray(),
            days = records.Select(r => r.Date).ToArray(),
            minutes = records.Select(r => r.Minutes).ToArray(),
            produced = records.Select(r => r.UnitsProduced).ToArray(),
            passed = records.Select(r => r.UnitsPassed).ToArray(),
        }, ct));
        await session.AuditAsync(auditAction, facility.Code, orderId.ToString(), ct);
        return records;
    }

    /// <summary>
    /// What each of the people in <c>@ids</c> (a uuid array) worked, per order (live records only), for a caller that sends
    /// it with its own statements; it reaches the kept rows (docs/kept-values.md) through <c>unnest(@ids)</c> and their primary key.
    /// </summary>
    internal const string SharesSql = """
        select k.inmate_id as InmateId, o.id as WorkOrderId, o.facility_code as FacilityCode, o.programme_code as ProgrammeCode,
               o.description as Description, o.partner as Partner, o.buyer as Buyer, o.unit_name as UnitName,
               k.days_worked as DaysWorked, k.minutes::int as Minutes, k.units_produced as UnitsProduced, k.units_passed as UnitsPassed,
               k.first_day as FirstDay, k.last_day as LastDay
        from unnest(@ids::uuid[]) as person(id)
        join person_order_work k on k.inmate_id = person.id
        join work_order o on o.id = k.work_order_id
        where k.records > 0
        order by k.first_day, o.id;
        """;

    internal static async Task<ILookup<InmateId, WorkShare>> ReadSharesAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<WorkShare>()).ToLookup(r => r.InmateId);

    public async Task<IReadOnlyList<WorkRecord>> ListRecordsAsync(WorkOrderId orderId, CancellationToken ct)
    {
        const string Sql = $"""
            select {RecordColumns}
            from work_record r join inmate i on i.id = r.inmate_id
            left join work_record_reversal v on v.work_record_id = r.id
            where r.work_order_id = @orderId
            order by r.worked_on, i.registration_number, r.recorded_at, r.id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(Sql, new { orderId }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public static async Task<WorkOrder> CloseAsync(WriteSession session, Facility facility, WorkOrderId id, CloseWorkOrder input, CancellationToken ct)
    {
        var order = await ReadOrderAsync(session.Connection, session.Transaction, id, forUpdate: true, ct) ?? throw new NotFoundException(Things.WorkOrder);
        WorkRules.ValidateClose(input, order);
        const string Sql = """
            update work_order set closed_on = @on, revenue = @revenue, costs = @costs, closed_by = @by, closed_at = @now
            where id = @id and closed_at is null
            """;
        await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            id,
            on = facility.DateAt(session.Now),
            revenue = input.Revenue,
            costs = input.Costs,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
        await session.AuditAsync("work-order.close", facility.Code, id.ToString(), ct);
        return await ReadOrderAsync(session.Connection, session.Transaction, id, forUpdate: false, ct) ?? throw new NotFoundException(Things.WorkOrder);
    }

    /// <summary>
    /// Reverses a work record (it stops counting). A record that an approved premi run has paid stays: it is the
    /// evidence of a payment, which is corrected by reversing the premi entry instead.
    /// </summary>
    public static async Task<WorkRecord> ReverseRecordAsync(WriteSession session, Facility facility, WorkRecordId id, Reversal input, CancellationToken ct)
    {
        var reason = ReasonRule.Validate(input.Reason);
        const string Lock = "select work_order_id from work_record where id = @id";
        var orderId = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command(Lock, new { id }, ct)) ?? throw new NotFoundException(Things.WorkRecord);
        // The order's lock serializes this reversal with a premi approval that might pay the record.
        await ReadOrderAsync(session.Connection, session.Transaction, new WorkOrderId(orderId), forUpdate: true, ct);
        const string Paid = """
            select p.run_id from premi_paid_record p where p.work_record_id = @id limit 1
            """;
        var paidBy = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command(Paid, new { id }, ct));
        if (paidBy is { } run)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.WorkRecordPaid, run));
        }
        const string Insert = """
            insert into work_record_reversal (work_record_id, reason, reversed_by, reversed_at)
            values (@id, @reason, @by, @now)
            on conflict (work_record_id) do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Insert, new { id, reason, by = session.Actor.UserSub, now = session.Now }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Rules.WorkRecordAlreadyReversed);
        }
        await session.AuditAsync("work-record.reverse", facility.Code, id.ToString(), ct);
        const string Sql = $"select {RecordColumns} from work_record r left join work_record_reversal v on v.work_record_id = r.id where r.id = @id";
        return (await session.Connection.QuerySingleAsync<RecordRow>(session.Command(Sql, new { id }, ct))).ToRecord();
    }

    private sealed record DayMinutes(InmateId InmateId, LocalDate Date, int Minutes);

    private sealed record OrderRow(WorkOrderId Id, string FacilityCode, string ProgrammeCode, string Description, string Partner, string? Buyer,
        int Quantity, string UnitName, long? UnitPrice, LocalDate StartsOn, LocalDate EndsOn, LocalDate? ClosedOn, long? Revenue, long? Costs,
        string CreatedBy, Instant CreatedAt, long UnitsProduced, long UnitsPassed, int Workers, int Days, long Minutes, int Records)
    {
        public WorkOrder ToOrder() => new(Id, FacilityCode, ProgrammeCode, Description, Partner, Buyer, Quantity, UnitName,
            UnitPrice is { } p ? new Rupiah(p) : null, StartsOn, EndsOn, ClosedOn is null ? WorkOrderStatus.Open : WorkOrderStatus.Closed, ClosedOn,
            Revenue is { } r ? new Rupiah(r) : null, Costs is { } c ? new Rupiah(c) : null, CreatedBy, CreatedAt,
            WorkProgress.Of(Quantity, UnitsProduced, UnitsPassed, Workers, Days, Minutes, Records));
    }

    private sealed record RecordRow(WorkRecordId Id, WorkOrderId WorkOrderId, InmateId InmateId, LocalDate Date, int Minutes, int UnitsProduced,
        int UnitsPassed, Guid BatchId, string RecordedBy, Instant RecordedAt, string? ReversalReason, string? ReversedBy, Instant? ReversedAt)
    {
        public WorkRecord ToRecord() => new(Id, WorkOrderId, InmateId, Date, Minutes, UnitsProduced, UnitsPassed, BatchId, RecordedBy, RecordedAt,
            ReversalReason is null ? null : new WorkRecordReversal(ReversalReason, ReversedBy!, ReversedAt!.Value));
    }
}
