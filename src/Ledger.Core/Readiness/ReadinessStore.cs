using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Skills;
using Ledger.Core.Work;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>
/// Gathers what the readiness rules read, from each feature's own store: the file, training, certificates, work
/// and premi. One person or a whole facility takes the same number of queries.
/// </summary>
public sealed class ReadinessStore(InmateStore inmates, TrainingStore training, CertificateStore certificates, WorkStore work, PremiAccountStore premi,
    UsulanStore usulan, WorklistStore worklist)
{
    /// <summary>
    /// The facility's release worklist on <paramref name="today"/> (<see cref="ReleaseWorklist"/>), with each person's usulan:
    /// the readiness of the candidates the kept release dates name, not of everyone held.
    /// </summary>
    public async Task<IReadOnlyList<WorklistItem>> WorklistAsync(Facility facility, LocalDate today, int withinDays, CancellationToken ct)
    {
        var candidates = await worklist.CandidateFilesAsync(facility.Code, today.PlusDays(withinDays), ct);
        var summaries = (await LoadWorklistInputsAsync(facility, candidates, ct)).Select(input => ReleaseReadiness.Evaluate(input, today)).ToList();
        var steps = await usulan.CurrentAsync([.. summaries.Select(s => s.Person.Id)], ct);
        return ReleaseWorklist.Build(summaries, today, withinDays, steps);
    }

    public async Task<ReadinessInput?> LoadAsync(Facility facility, InmateId id, CancellationToken ct)
    {
        var file = await inmates.GetFileAsync(id, ct);
        return file is null ? null : (await LoadAsync(facility, [file], ct))[0];
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

    /// <summary>Everyone held in the facility now (not released).</summary>
    public async Task<IReadOnlyList<ReadinessInput>> LoadCurrentAsync(Facility facility, CancellationToken ct) =>
        await LoadAsync(facility, await inmates.ListCurrentFilesAsync(facility.Code, ct), ct);

    private async Task<IReadOnlyList<ReadinessInput>> LoadAsync(Facility facility, IReadOnlyList<InmateFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return [];
        }
        var ids = files.Select(f => f.Inmate.Id).ToList();
        var trainingOf = await training.SummariesAsync(ids, ct);
        var certificatesOf = await certificates.ListForAsync(ids, ct);
        var workOf = await work.SharesAsync(ids, ct);
        var balanceOf = await premi.BalancesAsync(ids, ct);
        var payoutOf = await premi.PayoutsAsync(ids, ct);
        return [.. files.Select(f => new ReadinessInput(facility, f, trainingOf[f.Inmate.Id], [.. certificatesOf[f.Inmate.Id]], [.. workOf[f.Inmate.Id]], balanceOf[f.Inmate.Id],
            payoutOf.GetValueOrDefault(f.Inmate.Id)))];
    }

    /// <summary>The readiness inputs of the worklist's candidates: five queries whatever their number.</summary>
    internal async Task<IReadOnlyList<ReadinessInput>> LoadWorklistInputsAsync(Facility facility, IReadOnlyList<InmateFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return [];
        }
        var ids = files.Select(f => f.Inmate.Id).ToList();
        var trainingOf = await training.SummariesAsync(ids, ct);
        var certificatesOf = await certificates.ListForAsync(ids, ct);
        var workOf = await work.SharesAsync(ids, ct);
        var balanceOf = await premi.BalancesAsync(ids, ct);
        var payoutOf = await premi.PayoutsAsync(ids, ct);
        return [.. files.Select(f => new ReadinessInput(facility, f, trainingOf[f.Inmate.Id], [.. certificatesOf[f.Inmate.Id]], [.. workOf[f.Inmate.Id]], balanceOf[f.Inmate.Id],
            payoutOf.GetValueOrDefault(f.Inmate.Id)))];
    }
}
