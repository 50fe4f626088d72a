using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Skills;
using Ledger.Core.Work;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>
/// Reads what the readiness rules need on one connection in one round trip: each feature's own statements (the
/// person's file, training and work totals kept on write, certificates, premi balance and payout) sent together as
/// one batch and read back in order. Every statement reaches its rows through the people's keys (<c>unnest(@ids)</c>),
/// so one person costs a few index lookups and a Lapas of 3,000 the same statements.
/// </summary>
internal static class ReadinessBatch
{
    private const string OfPeople = TrainingStore.SummariesSql + CertificateStore.OfPeople + WorkStore.SharesSql + PremiAccountStore.BalancesSql
        + PremiAccountStore.PayoutsSql;

    /// <summary>One person's input, their file included; null when there is no such person.</summary>
    public static async Task<ReadinessInput?> LoadAsync(NpgsqlConnection connection, Facility facility, InmateId id, CancellationToken ct)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(InmateStore.FileSql + OfPeople, new { id, ids = new[] { id.Value } },
            cancellationToken: ct));
        var file = await InmateStore.ReadFileAsync(grid);
        return file is null ? null : (await ReadAsync(grid, facility, [file]))[0];
    }

    /// <summary>The inputs of the people whose files are given, in their order.</summary>
    public static async Task<IReadOnlyList<ReadinessInput>> LoadAsync(NpgsqlConnection connection, Facility facility, IReadOnlyList<InmateFile> files, CancellationToken ct)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(OfPeople, new { ids = files.Select(f => f.Inmate.Id.Value).ToArray() },
            cancellationToken: ct));
        return await ReadAsync(grid, facility, files);
    }

    private static async Task<IReadOnlyList<ReadinessInput>> ReadAsync(SqlMapper.GridReader grid, Facility facility, IReadOnlyList<InmateFile> files)
    {
        var ids = files.Select(f => f.Inmate.Id).ToList();
        var trainingOf = await TrainingStore.ReadSummariesAsync(grid, ids);
        var certificatesOf = await CertificateStore.ReadOfPeopleAsync(grid);
        var workOf = await WorkStore.ReadSharesAsync(grid);
        var balanceOf = await PremiAccountStore.ReadBalancesAsync(grid, ids);
        var payoutOf = await PremiAccountStore.ReadPayoutsAsync(grid);
        return [.. files.Select(f => new ReadinessInput(facility, f, trainingOf[f.Inmate.Id], [.. certificatesOf[f.Inmate.Id]], [.. workOf[f.Inmate.Id]],
            balanceOf[f.Inmate.Id], payoutOf.GetValueOrDefault(f.Inmate.Id)))];
    }
}
