using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>
/// Gathers what the readiness rules read, with each feature's own statements: the file, training, certificates, work
/// and premi (<see cref="ReadinessBatch"/>). One person or a whole facility takes the same number of queries.
/// </summary>
public sealed class ReadinessStore(UsulanStore usulan, NpgsqlDataSource dataSource, WorklistStore worklist)
{
    /// <summary>
    /// The facility's release worklist on <paramref name="today"/> (<see cref="ReleaseWorklist"/>), with each person's usulan:
    /// the readiness of the candidates the kept release dates name, not of everyone held.
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> WorklistAsync(Facility facility, LocalDate today, int withinDays, CancellationToken ct)
    {
        var candidates = await worklist.CandidateFilesAsync(facility.Code, today.PlusDays(withinDays), ct);
        var summaries = (await LoadAsync(facility, candidates, ct)).Select(input => ReleaseReadiness.Evaluate(input, today)).ToList();
        var steps = await usulan.CurrentAsync([.. summaries.Select(s => s.Person.Id)], ct);
        return ReleaseWorklist.Build(summaries, today, withinDays, steps);
    }

    /// <summary>One person's input on one connection in one round trip (<see cref="ReadinessBatch"/>); null when there is no such person.</summary>
    public async Task<ReadinessInput?> LoadAsync(Facility facility, InmateId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadinessBatch.LoadAsync(connection, facility, id, ct);
    }

    /// <summary>
    /// The summary of one person of the operation's facility on <paramref name="day"/>, as its reader may see it:
    /// register-F descriptions are criminal-record detail, kept only for the roles that prepare a release.
    /// </summary>
    public async Task<ReadinessSummary> SummaryForAsync(Pipeline.OperationContext operation, InmateId id, NodaTime.LocalDate day, CancellationToken ct)
    {
        var input = await LoadAsync(operation.Facility, id, ct) ?? throw new NotFoundException(Text.Things.Inmate);
        var summary = ReleaseReadiness.Evaluate(input, day);
        return operation.MayKnow(Authorization.Detail.DisciplineDescriptions) ? summary : summary.WithoutDisciplineDescriptions();
    }

    private async Task<IReadOnlyList<ReadinessInput>> LoadAsync(Facility facility, IReadOnlyList<InmateFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return [];
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadinessBatch.LoadAsync(connection, facility, files, ct);
    }
}
