using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Input;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>
/// The payout of a released person's premi account: both parts handed over by finance, once, with a receipt
/// (kuitansi). The entry records it: one release-payout entry takes both parts to zero and closes the account (the
/// database allows that kind only at zero).
/// </summary>
public sealed record ReleasePayout(
    InmateId InmateId,
    string RegistrationNumber,
    string FullName,
    string FacilityCode,
    string ReceiptNumber,
    LocalDate ReleasedOn,
    LocalDate PaidOn,
    Rupiah Spendable,
    Rupiah Savings,
    Rupiah Total,
    string PaidBy,
    PremiEntry Entry);

/// <summary>The payout request; when the officer gives the total they counted, it must be what the account holds.</summary>
public sealed record PayOutRelease(long? ExpectedTotal);

/// <summary>A released person whose premi is not paid out yet, with what the payout will hand over.</summary>
public sealed record AwaitingPayout(InmateId InmateId, string RegistrationNumber, string FullName, LocalDate ReleasedOn, Rupiah Spendable, Rupiah Savings)
{
    public Rupiah Total => Spendable + Savings;
}

/// <summary>The payout's rules, pure: who may be paid out, and the receipt's number.</summary>
public static class ReleasePayoutRules
{
    /// <summary>
    /// Paid out only after the release is recorded (admin's step), and only once: a second payout is refused with
    /// the first one's date, amounts and receipt, so the officer sees what was handed over.
    /// </summary>
    public static void CheckPayable(string fullName, LocalDate? releasedOn, ReleasePayout? earlier, PremiBalance balance = default, PayOutRelease? input = null)
    {
        if (earlier is not null)
        {
            throw new RuleViolationException(Catalogue.Fill(Payout.AlreadyPaid, earlier.FullName, Format.Date(earlier.PaidOn), earlier.ReceiptNumber,
                Format.Rupiah(earlier.Spendable), Format.Rupiah(earlier.Savings), Format.Rupiah(earlier.Total)));
        }
        if (releasedOn is null)
        {
            throw new RuleViolationException(Catalogue.Fill(Payout.NotReleased, fullName));
        }
        var total = balance.Spendable + balance.Savings;
        if (input?.ExpectedTotal is { } expected && expected != total.Value)
        {
            throw new RuleViolationException(Catalogue.Fill(Payout.TotalDiffers, Format.Rupiah(total), Format.Rupiah(expected)));
        }
    }

    /// <summary>The officer's total, when given, is checked before anything is read.</summary>
    public static void Validate(PayOutRelease? input)
    {
        if (input?.ExpectedTotal is < 0)
        {
            throw ValidationFailedException.For("expectedTotal", Fields.ExpectedTotal);
        }
    }

    /// <summary>
    /// The kuitansi's number: the payment day and the last eight hex digits of its entry's id (the random part of a
    /// version-7 id). It needs no counter and never changes, so a receipt printed again carries the same number.
    /// </summary>
    public static string ReceiptNumber(PremiEntryId entry, LocalDate paidOn) =>
        $"KW-{paidOn:yyyyMMdd}-{entry.Value.ToString("N")[^8..].ToUpperInvariant()}";
}

public sealed partial class PremiAccountStore
{
    /// <summary>
    /// Finance pays out both parts of a released person's account, closing it at zero, in one transaction with its
    /// audit row. A person without premi gets a closed, empty account (and a receipt of Rp0), so no later run credits them.
    /// </summary>
    public static async Task<ReleasePayout> PayOutReleaseAsync(WriteSession session, Facility facility, InmateId inmateId, PayOutRelease? input, CancellationToken ct)
    {
        ReleasePayoutRules.Validate(input);
        var person = await session.Connection.QuerySingleOrDefaultAsync<PersonRow>(
            session.Command("select full_name as FullName, released_on as ReleasedOn from inmate where id = @id", new { id = inmateId.Value }, ct))
            ?? throw new NotFoundException(Things.Inmate);
        // The account's lock first, then the look for an earlier payout: two officers paying at once find each other.
        var account = (await LockAccountsAsync(session, [inmateId], create: person.ReleasedOn is not null, ct)).GetValueOrDefault(inmateId);
        var earlier = account?.ClosedOn is null ? null : await ReadPayoutAsync(session.Command(PayoutOfPerson, new { id = inmateId.Value }, ct), session);
        ReleasePayoutRules.CheckPayable(person.FullName, person.ReleasedOn, earlier, account?.Balance ?? PremiBalance.Empty, input);
        var paidOn = facility.DateAt(session.Now);
        var entry = await PostAsync(session, facility, account!, PremiEntryKind.ReleasePayout, PremiAccountRules.Payout(account!.Balance),
            new EntryDetails(Note: $"dibayarkan setelah bebas {person.ReleasedOn:yyyy-MM-dd}"), paidOn, ct);
        await session.AuditAsync("premi.release-payout", facility.Code, inmateId.ToString(), ct);
        return await ReadPayoutAsync(session.Command(PayoutOfPerson, new { id = inmateId.Value }, ct), session)
            ?? throw new InvalidOperationException($"The payout {entry.Id} was just written.");
    }

    /// <summary>A person's payout, or null while it has not been made.</summary>
    public async Task<ReleasePayout?> GetPayoutAsync(InmateId inmateId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition(PayoutOfPerson, new { id = inmateId.Value }, cancellationToken: ct));
        return row?.ToPayout();
    }

    /// <summary>The payouts of the people in <c>@ids</c> (a uuid array), through each account's entries; a caller may send it with its own statements.</summary>
    internal const string PayoutsSql = PayoutSelect + " join unnest(@ids::uuid[]) as person(id) on person.id = e.inmate_id where e.kind = 'release-payout';";

    internal static async Task<IReadOnlyDictionary<InmateId, ReleasePayout>> ReadPayoutsAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<PayoutRow>()).Select(r => r.ToPayout()).ToDictionary(p => p.InmateId);

    /// <summary>The payouts made in a facility, newest first.</summary>
    public async Task<IReadOnlyList<ReleasePayout>> RecentPayoutsAsync(string facilityCode, int count, CancellationToken ct)
    {
        var sql = PayoutSelect + " where e.kind = 'release-payout' and e.facility_code = @facilityCode order by e.recorded_at desc, e.id desc limit @count";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<PayoutRow>(new CommandDefinition(sql, new { facilityCode, count }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToPayout())];
    }

    /// <summary>The facility's people whose release is recorded and whose account is not paid out yet, earliest release first.</summary>
    public async Task<IReadOnlyList<AwaitingPayout>> AwaitingPayoutAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = """
            select i.id as InmateId, i.registration_number as RegistrationNumber, i.full_name as FullName, i.released_on as ReleasedOn,
                   coalesce(a.spendable, 0) as Spendable, coalesce(a.savings, 0) as Savings
            from inmate i left join premi_account a on a.inmate_id = i.id
            where i.facility_code = @facilityCode and i.released_on is not null and a.closed_on is null
            order by i.released_on, i.registration_number
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AwaitingRow>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct));
        return [.. rows.Select(r => new AwaitingPayout(r.InmateId, r.RegistrationNumber, r.FullName, r.ReleasedOn, new Rupiah(r.Spendable), new Rupiah(r.Savings)))];
    }

    private static async Task<ReleasePayout?> ReadPayoutAsync(CommandDefinition command, WriteSession session) =>
        (await session.Connection.QuerySingleOrDefaultAsync<PayoutRow>(command))?.ToPayout();

    /// <summary>A payout is its entry, the person's release date and the day the account closed (the payment day).</summary>
    private const string PayoutSelect = """
        select e.id as Id, e.version as Version, e.spendable_change as SpendableChange, e.savings_change as SavingsChange,
               e.facility_code as FacilityCode, e.note as Note, e.recorded_by as RecordedBy, e.recorded_at as RecordedAt,
               e.inmate_id as InmateId, i.registration_number as RegistrationNumber, i.full_name as FullName,
               coalesce(i.released_on, a.closed_on) as ReleasedOn, a.closed_on as PaidOn
        from premi_entry e join inmate i on i.id = e.inmate_id join premi_account a on a.inmate_id = e.inmate_id
        """;

    private const string PayoutOfPerson = PayoutSelect + " where e.inmate_id = @id and e.kind = 'release-payout'";

    private sealed record PersonRow(string FullName, LocalDate? ReleasedOn);

    private sealed record AwaitingRow(InmateId InmateId, string RegistrationNumber, string FullName, LocalDate ReleasedOn, long Spendable, long Savings);

    internal sealed record PayoutRow(Guid Id, long Version, long SpendableChange, long SavingsChange, string FacilityCode, string? Note, string RecordedBy,
        Instant RecordedAt, InmateId InmateId, string RegistrationNumber, string FullName, LocalDate ReleasedOn, LocalDate PaidOn)
    {
        public ReleasePayout ToPayout()
        {
            // The entry takes each part from its balance to zero, so what was paid is the change negated.
            var spendable = new Rupiah(-SpendableChange);
            var savings = new Rupiah(-SavingsChange);
            var entry = new PremiEntry(new PremiEntryId(Id), Version, PremiEntryKind.ReleasePayout, -spendable, -savings, Rupiah.Zero, Rupiah.Zero, Rupiah.Zero,
                FacilityCode, null, null, Note, null, null, null, RecordedBy, RecordedAt);
            return new ReleasePayout(InmateId, RegistrationNumber, FullName, FacilityCode, ReleasePayoutRules.ReceiptNumber(entry.Id, PaidOn), ReleasedOn, PaidOn,
                spendable, savings, spendable + savings, RecordedBy, entry);
        }
    }
}
