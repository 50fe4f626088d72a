using Dapper;
using Ledger.Core.Inmates;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>
/// Who may be on a Lapas's release worklist, found from the kept release dates (<see cref="Sentences.KeptReleaseDates"/>)
/// with one index range, so the worklist costs what its answer costs rather than what the Lapas holds.
/// </summary>
public static class WorklistStore
{
    /// <summary>
    /// The files of the people held in the facility whose first possible worklist event (the earlier of the 2/3 date
    /// and the adjusted expiry, see <see cref="Sentences.SentenceMilestones"/>) is on or before
    /// <paramref name="horizon"/>: everyone the worklist can list up to then, the overdue ones included, and few others.
    /// <see cref="ReleaseWorklist.Build"/> still decides from each person's readiness.
    /// </summary>
    public static async Task<IReadOnlyList<InmateFile>> CandidateFilesAsync(NpgsqlConnection connection, string facilityCode, LocalDate horizon, CancellationToken ct)
    {
        const string Sql = """
            select inmate_id from inmate_release_dates
            where facility_code = @facilityCode and released_on is null and listed_from <= @horizon
            """;
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(Sql, new { facilityCode, horizon }, cancellationToken: ct))).AsList();
        if (ids.Count == 0)
        {
            return [];
        }
        // The kept row only narrows the search; the file itself says where the person is held and whether released.
        var files = await InmateStore.ReadFilesAsync(connection, null, ids.Select(InmateId.From), forUpdate: false, ct);
        return [.. files.Values.Where(f => f.Inmate.FacilityCode == facilityCode && f.Inmate.ReleasedOn is null)];
    }
}
