using Ledger.Core.Premi;

namespace Ledger.Core.Skills;

/// <summary>One programme's line of the period report.</summary>
/// <remarks>api.md, "Readiness and reports".</remarks>
public sealed record ProgrammeReportLine(
    string Facility,
    string ProgrammeCode,
    string ProgrammeName,
    ProgrammeKind Kind,
    int Participants,
    long Minutes,
    long Jp,
    int CertificatesIssued,
    int NotYetCompetent,
    long UnitsProduced,
    long UnitsPassed,
    Rupiah PremiPosted);

/// <summary>
/// One programme's kept totals over the report's period (docs/kept-values.md, "Lapas × programme × day"): the people
/// with live training or live work records in it, live training minutes, units of live work records, and the premi
/// approved runs posted for work of the period.
/// </summary>
public sealed record ProgrammeTotals(ProgrammeId ProgrammeId, int Participants, long Minutes, long UnitsProduced, long UnitsPassed, long PremiPosted);

/// <summary>A certificate linked to a programme and issued within the report's period.</summary>
public sealed record CertificateIssued(ProgrammeId ProgrammeId, CertificateResult Result, bool Revoked);

/// <summary>The pure aggregation of the per-programme, per-period report.</summary>
public static class ProgrammeReport
{
    /// <summary>
    /// Per programme (in code order, every programme given, with zeros where nothing was kept): participants are the
    /// people with live training minutes or live work records in the period (counted once, by the kept day bits);
    /// JP are whole lesson hours of the programme's total (not a sum of per-person roundings); certificates issued
    /// counts competent certificates that have not been revoked, not-yet-competent results are counted apart; units
    /// and premi come from the programme's work orders (premi as approved runs posted it).
    /// </summary>
    public static IReadOnlyList<ProgrammeReportLine> Build(IReadOnlyList<Programme> programmes, IEnumerable<ProgrammeTotals> totals,
        IEnumerable<CertificateIssued> certificates, int minutesPerJp)
    {
        var totalsByProgramme = totals.ToDictionary(t => t.ProgrammeId);
        var certificatesByProgramme = certificates.ToLookup(c => c.ProgrammeId);
        return programmes
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p =>
            {
                var kept = totalsByProgramme.GetValueOrDefault(p.Id) ?? new ProgrammeTotals(p.Id, 0, 0, 0, 0, 0);
                var issued = certificatesByProgramme[p.Id].ToList();
                return new ProgrammeReportLine(p.FacilityCode, p.Code, p.Name, p.Kind,
                    kept.Participants,
                    kept.Minutes,
                    SkillRules.Jp(kept.Minutes, minutesPerJp),
                    issued.Count(c => c.Result == CertificateResult.Competent && !c.Revoked),
                    issued.Count(c => c.Result == CertificateResult.NotYetCompetent),
                    kept.UnitsProduced,
                    kept.UnitsPassed,
                    new Rupiah(kept.PremiPosted));
            })
            .ToList();
    }
}
