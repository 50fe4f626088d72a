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
/// Premi accounts in PostgreSQL: credits (from an approved run), withdrawals, reversals and the payout after release (ReleasePayout.cs).
/// Every change is computed by <see cref="PremiAccountRules"/>; this class locks the account, writes the entry and
/// then the balance that the entry explains (the database's triggers check that order, migration 0005).
/// </summary>
public sealed partial class PremiAccountStore(NpgsqlDataSource dataSource)
{
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
            """ + PayoutSelect + " where e.inmate_id = @id and e.kind = 'release-payout';";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { id = id.Value }, cancellationToken: ct));
        var account = await grid.ReadSingleOrDefaultAsync<AccountRow>();
        var entries = (await grid.ReadAsync<EntryRow>()).Select(e => e.ToEntry()).ToList();
        var payout = (await grid.ReadSingleOrDefaultAsync<PayoutRow>())?.ToPayout();
        return account is null
            ? new PremiAccount(id, Rupiah.Zero, Rupiah.Zero, Rupiah.Zero, 0, null, [], null)
            : new PremiAccount(id, new Rupiah(account.Spendable), new Rupiah(account.Savings), new Rupiah(account.TotalEarned), account.Version, account.ClosedOn, entries, payout);
    }

    /// <summary>The balances of many accounts at once; a person without an account has zero in both parts.</summary>
    public async Task<IReadOnlyDictionary<InmateId, PremiBalance>> BalancesAsync(IReadOnlyCollection<InmateId> inmateIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(BalancesSql, new { ids = inmateIds.Select(i => i.Value).ToArray() }, cancellationToken: ct));
        return await ReadBalancesAsync(grid, inmateIds);
    }

    /// <summary>The balances of the people in <c>@ids</c> (a uuid array), by the account's key; a caller may send it with its own statements.</summary>
    internal const string BalancesSql = """
        select a.inmate_id as InmateId, a.spendable as Spendable, a.savings as Savings, a.total_earned as TotalEarned
        from unnest(@ids::uuid[]) as person(id) join premi_account a on a.inmate_id = person.id;
        """;

    /// <summary>Every person asked for has a balance: an empty one before their first premi.</summary>
    internal static async Task<IReadOnlyDictionary<InmateId, PremiBalance>> ReadBalancesAsync(SqlMapper.GridReader grid, IReadOnlyCollection<InmateId> inmateIds)
    {
        var rows = (await grid.ReadAsync<BalanceRow>()).ToDictionary(r => r.InmateId);
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
        var withdrawal = PremiAccountRules.ValidateWithdrawal(input);
        var accounts = await LockAccountsAsync(session, [inmateId], create: false, ct);
        if (!accounts.TryGetValue(inmateId, out var account))
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.NoPremiYet, PremiAccountRules.PartName(withdrawal.Part), Format.Rupiah(withdrawal.Amount)));
        }
        PremiAccountRules.CheckOpen(account.ClosedOn);
        var change = PremiAccountRules.Withdrawal(account.Balance, withdrawal.Part, withdrawal.Amount);
        var entry = await PostAsync(session, facility, account, PremiEntryKind.Withdrawal, change,
            new EntryDetails(Purpose: withdrawal.Purpose, Note: withdrawal.Note), null, ct);
        await session.AuditAsync("premi.withdrawal", facility.Code, inmateId.ToString(), ct);
        return entry;
    }

    /// <summary>Undoes an entry with a new entry that names it and the reason; the original stays as it was.</summary>
    public static async Task<PremiEntry> ReverseEntryAsync(WriteSession session, Facility facility, PremiEntryId id, Reversal input, CancellationToken ct)
    {
        var reason = ReasonRule.Validate(input.Reason);
        var inmate = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command("select inmate_id from premi_entry where id = @id", new { id = id.Value }, ct))
            ?? throw new NotFoundException(Things.PremiEntry);
        var inmateId = new InmateId(inmate);
        var account = (await LockAccountsAsync(session, [inmateId], create: false, ct))[inmateId];
        const string Sql = """
            select e.kind as Kind, e.spendable_change as SpendableChange, e.savings_change as SavingsChange, e.earned_change as EarnedChange,
                   (select r.id from premi_entry r where r.reverses_entry_id = e.id) as ReversedBy
            from premi_entry e where e.id = @id
            """;
        var original = await session.Connection.QuerySingleAsync<OriginalRow>(session.Command(Sql, new { id = id.Value }, ct));
        PremiAccountRules.CheckReversible(original.Kind, original.ReversedBy);
        PremiAccountRules.CheckOpen(account.ClosedOn);
        var change = PremiAccountRules.Reversal(account.Balance,
            new PremiChange(new Rupiah(original.SpendableChange), new Rupiah(original.SavingsChange), new Rupiah(original.EarnedChange)));
        var entry = await PostAsync(session, facility, account, PremiEntryKind.Reversal, change,
            new EntryDetails(ReversesEntryId: id, Reason: reason), null, ct);
        await session.AuditAsync("premi.reversal", facility.Code, inmateId.ToString(), ct);
        return entry;
    }

    /// <summary>Locks the accounts' balance rows in inmate-id order (so concurrent writers never deadlock), creating missing ones when asked.</summary>
    internal static async Task<Dictionary<InmateId, AccountRow>> LockAccountsAsync(WriteSession session, IEnumerable<InmateId> inmates, bool create, CancellationToken ct)
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

    internal sealed record EntryDetails(PremiRunId? RunId = null, int? LineNo = null, WithdrawalPurpose? Purpose = null, string? Note = null,
        PremiEntryId? ReversesEntryId = null, string? Reason = null);

    /// <summary>One change of one account: the entry to write and the balance it moves the account to.</summary>
    internal sealed record Posting(AccountRow Account, PremiEntryKind Kind, PremiChange Change, EntryDetails Details, LocalDate? CloseOn = null);

    /// <summary>Writes one entry and the account's new balance row (next version) together; the caller holds the account's lock.</summary>
    internal static async Task<PremiEntry> PostAsync(WriteSession session, Facility facility, AccountRow account, PremiEntryKind kind, PremiChange change,
        EntryDetails details, LocalDate? closeOn, CancellationToken ct) =>
        (await PostEachAsync(session, facility, [new Posting(account, kind, change, details, closeOn)], ct))[0];

    /// <summary>
    /// Writes the entries and then the accounts' new balance rows (each the next version), in one round trip whatever
    /// the number: two statements over arrays, entries first (the balance's trigger checks that its entry exists).
    /// Each account at most once; the caller holds the accounts' locks.
    /// </summary>
    internal static async Task<IReadOnlyList<PremiEntry>> PostEachAsync(WriteSession session, Facility facility, IReadOnlyList<Posting> postings, CancellationToken ct)
    {
        if (postings.DistinctBy(p => p.Account.InmateId).Count() != postings.Count)
        {
            throw new InvalidOperationException("An account moves at most once in one posting.");
        }
        var entries = new List<PremiEntry>(postings.Count);
        var balances = new List<PremiBalance>(postings.Count);
        foreach (var (account, kind, change, details, _) in postings)
        {
            var after = PremiAccountRules.Apply(account.Balance, change);
            balances.Add(after);
            entries.Add(new PremiEntry(PremiEntryId.New(), account.Version + 1, kind, change.Spendable, change.Savings, change.Earned, after.Spendable, after.Savings,
                facility.Code, details.RunId, details.Purpose, details.Note, details.ReversesEntryId, null, details.Reason, session.Actor.UserSub, session.Now));
        }
        const string Sql = """
            insert into premi_entry (id, inmate_id, version, kind, spendable_change, savings_change, earned_change, spendable_after, savings_after,
                                     facility_code, run_id, line_no, purpose, note, reverses_entry_id, reason, recorded_by, recorded_at)
            select t.id, t.inmate_id, t.version, t.kind, t.spendable_change, t.savings_change, t.earned_change, t.spendable_after, t.savings_after,
                   @facility, t.run_id, t.line_no, t.purpose, t.note, t.reverses, t.reason, @by, @now
            from unnest(@ids, @inmates, @versions, @kinds, @spendableChanges, @savingsChanges, @earnedChanges, @spendableAfter, @savingsAfter,
                        @runIds, @lineNos, @purposes, @notes, @reverses, @reasons)
                 as t(id, inmate_id, version, kind, spendable_change, savings_change, earned_change, spendable_after, savings_after,
                      run_id, line_no, purpose, note, reverses, reason)
            order by t.inmate_id;
            update premi_account a
            set spendable = t.spendable, savings = t.savings, total_earned = t.earned, version = t.version, closed_on = t.close_on
            from unnest(@inmates, @spendableAfter, @savingsAfter, @earnedAfter, @versions, @previous, @closeOn)
                 as t(inmate_id, spendable, savings, earned, version, previous, close_on)
            where a.inmate_id = t.inmate_id and a.version = t.previous;
            """;
        var changed = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            facility = facility.Code,
            by = session.Actor.UserSub,
            now = session.Now,
            ids = entries.Select(e => e.Id.Value).ToArray(),
            inmates = postings.Select(p => p.Account.InmateId.Value).ToArray(),
            versions = entries.Select(e => e.Version).ToArray(),
            kinds = entries.Select(e => Wire.Of(e.Kind)).ToArray(),
            spendableChanges = entries.Select(e => e.SpendableChange.Value).ToArray(),
            savingsChanges = entries.Select(e => e.SavingsChange.Value).ToArray(),
            earnedChanges = entries.Select(e => e.EarnedChange.Value).ToArray(),
            spendableAfter = balances.Select(b => b.Spendable.Value).ToArray(),
            savingsAfter = balances.Select(b => b.Savings.Value).ToArray(),
            earnedAfter = balances.Select(b => b.TotalEarned.Value).ToArray(),
            runIds = postings.Select(p => p.Details.RunId?.Value).ToArray(),
            lineNos = postings.Select(p => p.Details.LineNo).ToArray(),
            purposes = postings.Select(p => p.Details.Purpose is { } purpose ? Wire.Of(purpose) : null).ToArray(),
            notes = postings.Select(p => p.Details.Note).ToArray(),
            reverses = postings.Select(p => p.Details.ReversesEntryId?.Value).ToArray(),
            reasons = postings.Select(p => p.Details.Reason).ToArray(),
            previous = postings.Select(p => p.Account.Version).ToArray(),
            closeOn = postings.Select(p => p.CloseOn).ToArray(),
        }, ct));
        // Every entry written and every balance moved from the version that was locked, or the caller's lock was not held.
        if (changed != 2 * postings.Count)
        {
            throw new InvalidOperationException("A premi account changed while it was locked.");
        }
        return entries;
    }

    internal sealed record AccountRow(InmateId InmateId, long Spendable, long Savings, long TotalEarned, long Version, LocalDate? ClosedOn)
    {
        public PremiBalance Balance => new(new Rupiah(Spendable), new Rupiah(Savings), new Rupiah(TotalEarned));
    }

    private sealed record OriginalRow(PremiEntryKind Kind, long SpendableChange, long SavingsChange, long EarnedChange, Guid? ReversedBy);

    private sealed record EntryRow(Guid Id, long Version, PremiEntryKind Kind, long SpendableChange, long SavingsChange, long EarnedChange, long SpendableAfter,
        long SavingsAfter, string FacilityCode, Guid? RunId, WithdrawalPurpose? Purpose, string? Note, Guid? ReversesEntryId, Guid? ReversedByEntryId, string? Reason,
        string RecordedBy, Instant RecordedAt)
    {
        public PremiEntry ToEntry() => new(new PremiEntryId(Id), Version, Kind, new Rupiah(SpendableChange), new Rupiah(SavingsChange),
            new Rupiah(EarnedChange), new Rupiah(SpendableAfter), new Rupiah(SavingsAfter), FacilityCode, RunId is { } r ? new PremiRunId(r) : null,
            Purpose, Note, ReversesEntryId is { } v ? new PremiEntryId(v) : null,
            ReversedByEntryId is { } b ? new PremiEntryId(b) : null, Reason, RecordedBy, RecordedAt);
    }
}
