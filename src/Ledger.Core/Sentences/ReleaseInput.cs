using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>
/// Everything the release calculator needs about one person: when detention started, the sentence, the remisi
/// granted (with their grant days) and the days of their register-F entries, plus the facility's rules.
/// </summary>
public sealed record ReleaseInput(
    LocalDate DetentionDate,
    Sentence Sentence,
    IReadOnlyList<Remission> Remissions,
    IReadOnlyList<LocalDate> DisciplineDates,
    ReleaseRules Rules)
{
    /// <summary>The calculator's input for a person's file under a facility's settings.</summary>
    public static ReleaseInput From(InmateFile file, FacilitySettings settings) => new(
        file.Inmate.DetentionDate,
        file.Inmate.Sentence,
        file.Remissions,
        [.. file.Discipline.Select(d => d.OccurredOn)],
        ReleaseRules.From(settings));
}
