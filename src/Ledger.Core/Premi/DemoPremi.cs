using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using Ledger.Core.Work;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Premi;

/// <summary>
/// The demo's premi runs and withdrawals, made inside the seed's transaction by the same code the API runs
/// (drafts computed by <see cref="PremiCalculator"/>, approved by a second finance user), so the demo's figures
/// are the ledger's own.
/// </summary>
internal static class DemoPremi
{
    public static async Task LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IClock clock, CancellationToken ct)
    {
        // PostgreSQL keeps microseconds; the API's sessions truncate the same way.
        var now = WriteSession.AsStored(clock.GetCurrentInstant());
        WriteSession As(string user) => WriteSession.Enlist(connection, tx, new Actor(user, ["finance"], "demo-seed"), now);

        var cirebon = await FacilityAsync(connection, tx, "lapas-cirebon", ct);
        var ciamis = await FacilityAsync(connection, tx, "lapas-ciamis", ct);
        if (cirebon is null || ciamis is null)
        {
            return;
        }

        // Cirebon: October 2025 under the monthly scheme.
        var monthly = await SchemeAsync(connection, tx, cirebon.Code, "monthly", ct);
        if (monthly is { } monthlyId)
        {
            var draft = await PremiRunStore.CreateRunAsync(As("finance-cirebon-1"), cirebon,
                new NewPremiRun(monthlyId, null, new LocalDate(2025, 10, 1), new LocalDate(2025, 10, 31)), ct);
            await PremiRunStore.ApproveAsync(As("finance-cirebon-2"), cirebon, draft.Id, new ApprovePremiRun(draft.Total.Value), ct);
            await WithdrawAsync(As("finance-cirebon-1"), cirebon, connection, tx, "CRB-0001", PremiPart.Spendable, 150_000, WithdrawalPurpose.BasicNeeds, "Sabun, sikat gigi dan makanan ringan di koperasi", ct);
            await WithdrawAsync(As("finance-cirebon-1"), cirebon, connection, tx, "CRB-0002", PremiPart.Spendable, 100_000, WithdrawalPurpose.Family, "Kiriman untuk anak sekolah", ct);
            await WithdrawAsync(As("finance-cirebon-2"), cirebon, connection, tx, "CRB-0003", PremiPart.Savings, 200_000, WithdrawalPurpose.Family, "Biaya berobat ibu", ct);
        }

        // Ciamis: the whole order under the piece-rate scheme.
        var pieceRate = await SchemeAsync(connection, tx, ciamis.Code, "piece-rate", ct);
        var order = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "select id from work_order where facility_code = @code order by starts_on limit 1", new { code = ciamis.Code }, tx, cancellationToken: ct));
        if (pieceRate is { } pieceRateId && order is { } orderId)
        {
            var draft = await PremiRunStore.CreateRunAsync(As("finance-ciamis-1"), ciamis, new NewPremiRun(pieceRateId, new WorkOrderId(orderId), null, null), ct);
            await PremiRunStore.ApproveAsync(As("finance-ciamis-2"), ciamis, draft.Id, new ApprovePremiRun(draft.Total.Value), ct);
            await WithdrawAsync(As("finance-ciamis-1"), ciamis, connection, tx, "CMS-0001", PremiPart.Spendable, 50_000, WithdrawalPurpose.BasicNeeds, null, ct);
        }
    }

    private static async Task WithdrawAsync(WriteSession session, Facility facility, NpgsqlConnection connection, NpgsqlTransaction tx, string registrationNumber,
        PremiPart part, long amount, WithdrawalPurpose purpose, string? note, CancellationToken ct)
    {
        var id = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
            "select id from inmate where facility_code = @code and registration_number = @registrationNumber",
            new { code = facility.Code, registrationNumber }, tx, cancellationToken: ct));
        await PremiAccountStore.WithdrawAsync(session, facility, new InmateId(id), new NewWithdrawal(part, amount, purpose, note), ct);
    }

    private static async Task<PremiSchemeId?> SchemeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string facility, string kind, CancellationToken ct)
    {
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "select scheme_id from premi_scheme where facility_code = @facility and kind = @kind and version = 1 order by created_at limit 1",
            new { facility, kind }, tx, cancellationToken: ct));
        return id is { } g ? new PremiSchemeId(g) : null;
    }

    // The seed sets no facility settings, so the documented defaults apply.
    private static async Task<Facility?> FacilityAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Code, string Name, string Region, string TimeZone, Instant CreatedAt)?>(new CommandDefinition(
            "select code, name, region, time_zone, created_at from facility where code = @code", new { code }, tx, cancellationToken: ct));
        return row is { } r ? new Facility(r.Code, r.Name, r.Region, r.TimeZone, new FacilitySettings(), r.CreatedAt) : null;
    }
}
