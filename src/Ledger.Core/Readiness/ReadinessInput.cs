using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>Training minutes of one person in one programme, with what the programme requires before certification.</summary>
public sealed record ProgrammeHours(string ProgrammeCode, string ProgrammeName, int Minutes, int? RequiredMinutes);

/// <summary>Training minutes of one person in one calendar month (for the release file's chart).</summary>
public sealed record MonthlyMinutes(int Year, int Month, int Minutes);

/// <summary>A certificate as the readiness rules read it.</summary>
public sealed record CertificateFact(Guid Id, string Title, string Issuer, string Number, bool Competent, LocalDate IssuedOn, LocalDate? ValidUntil, LocalDate? RevokedOn);

/// <summary>One work order a person worked on, with their share of the output.</summary>
public sealed record WorkOrderShare(Guid WorkOrderId, string Description, string? Buyer, string? Partner, int DaysWorked, long UnitsProduced, long UnitsPassed);

/// <summary>Everything the readiness rules read about one person, loaded by the readiness store.</summary>
public sealed record ReadinessInput(
    Facility Facility,
    InmateFile File,
    IReadOnlyList<ProgrammeHours> Programmes,
    IReadOnlyList<MonthlyMinutes> TrainingByMonth,
    IReadOnlyList<CertificateFact> Certificates,
    IReadOnlyList<WorkOrderShare> Work,
    PremiBalance Premi);
