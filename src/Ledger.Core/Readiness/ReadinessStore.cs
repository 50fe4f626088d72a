using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>
/// Gathers what the readiness rules read, with each feature's own statements: the file, training, certificates, work
/// and premi (<see cref="ReadinessBatch"/>). One person or a whole facility takes the same number of queries.
/// The worklist and the summaries read from the operation's <see cref="OperationContext.Reads"/> (a fresh standby when
/// there is one); the pages that edit a person read their file from the primary.
/// </summary>
public sealed class ReadinessStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The facility's release worklist on <paramref name="today"/> (<see cref="ReleaseWorklist"/>), with each person's usulan:
    /// the readiness of the candidates the kept release dates name, not of everyone held. All on one connection.
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> WorklistAsync(OperationContext operation, LocalDate today, int withinDays, CancellationToken ct)
    {
        await using var connection = await operation.Reads.OpenConnectionAsync(ct);
        var candidates = await WorklistStore.CandidateFilesAsync(connection, operation.Facility.Code, today.PlusDays(withinDays), ct);
        var inputs = candidates.Count == 0 ? [] : await ReadinessBatch.LoadAsync(connection, operation.Facility, candidates, ct);
        var summaries = inputs.Select(input => ReleaseReadiness.Evaluate(input, today)).ToList();
        var steps = await UsulanStore.CurrentAsync(connection, [.. summaries.Select(s => s.Person.Id)], ct);
        return ReleaseWorklist.Build(summaries, today, withinDays, steps);
    }

    /// <summary>One person's input from the primary in one round trip (<see cref="ReadinessBatch"/>); null when there is no such person.</summary>
    public Task<ReadinessInput?> LoadAsync(Facility facility, InmateId id, CancellationToken ct) => LoadAsync(dataSource, facility, id, ct);

    private static async Task<ReadinessInput?> LoadAsync(NpgsqlDataSource source, Facility facility, InmateId id, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        return await ReadinessBatch.LoadAsync(connection, facility, id, ct);
    }

    /// <summary>
    /// The summary of one person of the operation's facility on <paramref name="day"/>, as its reader may see it:
    /// register-F descriptions are criminal-record detail, kept only for the roles that prepare a release.
    /// </summary>
    public async Task<ReadinessSummary> SummaryForAsync(OperationContext operation, InmateId id, LocalDate day, CancellationToken ct)
    {
        var input = await LoadAsync(operation.Reads, operation.Facility, id, ct) ?? throw new NotFoundException(Text.Things.Inmate);
        var summary = ReleaseReadiness.Evaluate(input, day);
        return operation.MayKnow(Authorization.Detail.DisciplineDescriptions) ? summary : summary.WithoutDisciplineDescriptions();
    }
}
