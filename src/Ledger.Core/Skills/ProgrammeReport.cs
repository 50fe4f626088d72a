using Ledger.Core.Inmates;
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

/// <summary>Units one person made and passed QC in work orders of one programme within the report's period.</summary>
public sealed record ParticipantUnits(string ProgrammeCode, InmateId InmateId, long UnitsProduced, long UnitsPassed);

/// <summary>Premi of approved runs paid for work of one programme within the report's period.</summary>
public sealed record ProgrammePremi(string ProgrammeCode, long Amount);

/// <summary>Live minutes of one person in one programme within the report's period.</summary>
public sealed record ParticipantMinutes(ProgrammeId ProgrammeId, InmateId InmateId, long Minutes);

/// <summary>A certificate linked to a programme and issued within the report's period.</summary>
public sealed record CertificateIssued(ProgrammeId ProgrammeId, CertificateResult Result, bool Revoked);

/// <summary>The pure aggregation of the per-programme, per-period report.</summary>
public static class ProgrammeReport
{
    /// <summary>
    /// Per programme: participants are the people with live training minutes or live work records in the period;
    /// JP are whole lesson hours of the programme's total (not a sum of per-person roundings); certificates
    /// issued counts competent certificates that have not been revoked, not-yet-competent results are counted
    /// apart; units and premi come from the programme's work orders (premi as approved runs posted it).
    /// </summary>
    public static IReadOnlyList<ProgrammeReportLine> Build(IReadOnlyList<Programme> programmes, IEnumerable<ParticipantMinutes> minutes,
        IEnumerable<CertificateIssued> certificates, int minutesPerJp, IEnumerable<ParticipantUnits>? units = null, IEnumerable<ProgrammePremi>? premi = null)
    {
        var minutesByProgramme = minutes.Where(m => m.Minutes > 0).ToLookup(m => m.ProgrammeId);
        var certificatesByProgramme = certificates.ToLookup(c => c.ProgrammeId);
        var unitsByProgramme = (units ?? []).ToLookup(u => u.ProgrammeCode, StringComparer.Ordinal);
        var premiByProgramme = (premi ?? []).ToDictionary(p => p.ProgrammeCode, p => p.Amount, StringComparer.Ordinal);
        return programmes
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p =>
            {
                var people = minutesByProgramme[p.Id].ToList();
                var workers = unitsByProgramme[p.Code].ToList();
                var total = people.Sum(m => m.Minutes);
                var issued = certificatesByProgramme[p.Id].ToList();
                return new ProgrammeReportLine(p.FacilityCode, p.Code, p.Name, p.Kind,
                    people.Select(m => m.InmateId).Concat(workers.Select(w => w.InmateId)).Distinct().Count(),
                    total,
                    SkillRules.Jp(total, minutesPerJp),
                    issued.Count(c => c.Result == CertificateResult.Competent && !c.Revoked),
                    issued.Count(c => c.Result == CertificateResult.NotYetCompetent),
                    workers.Sum(w => w.UnitsProduced),
                    workers.Sum(w => w.UnitsPassed),
                    new Rupiah(premiByProgramme.GetValueOrDefault(p.Code)));
            })
            .ToList();
    }
}
