using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Skills;
using Ledger.Core.Work;

namespace Ledger.Core.Readiness;

/// <summary>Everything the readiness rules read about one person, loaded by <see cref="ReadinessStore"/>; the payout once finance made it.</summary>
public sealed record ReadinessInput(
    Facility Facility,
    InmateFile File,
    TrainingSummary Training,
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<WorkShare> Work,
    PremiBalance Premi,
    ReleasePayout? Payout = null);
