using Ledger.Core.Facilities;

namespace Ledger.Core.Sentences;

/// <summary>
/// The settings the release calculator reads, taken from a facility's <see cref="FacilitySettings"/> so that
/// every [default] of domain.md keeps living in one place.
/// </summary>
public sealed record ReleaseRules
{
    /// <summary>A right whose date is at most this many days after asOf is "almost" eligible.</summary>
    public int AlmostWithinDays { get; init; }

    /// <summary>Cuti bersyarat only for a sentence (as given by the court) of at most this many months.</summary>
    public int CutiBersyaratMaxSentenceMonths { get; init; }

    /// <summary>Cuti bersyarat starts this many months before the adjusted expiry.</summary>
    public int CutiBersyaratMonths { get; init; }

    /// <summary>Parole only when 2/3 of the sentence span is at least this many days.</summary>
    public int ParoleMinimumDays { get; init; }

    /// <summary>Discipline window of asimilasi, in months.</summary>
    public int AsimilasiDisciplineMonths { get; init; }

    /// <summary>Discipline window of parole, in months.</summary>
    public int ParoleDisciplineMonths { get; init; }

    /// <summary>Cuti menjelang bebas starts at most this many months before the adjusted expiry.</summary>
    public int CmbMaxMonths { get; init; }

    /// <summary>The rules with domain.md's defaults, which live in <see cref="FacilitySettings"/> only.</summary>
    public static ReleaseRules Default { get; } = From(new FacilitySettings());

    public static ReleaseRules From(FacilitySettings settings) => new()
    {
        AlmostWithinDays = settings.AlmostWithinDays,
        CutiBersyaratMaxSentenceMonths = settings.CutiBersyaratMaxSentenceMonths,
        CutiBersyaratMonths = settings.CutiBersyaratMonths,
        ParoleMinimumDays = settings.ParoleMinimumDays,
        AsimilasiDisciplineMonths = settings.AsimilasiDisciplineMonths,
        ParoleDisciplineMonths = settings.ParoleDisciplineMonths,
        CmbMaxMonths = settings.CmbMaxMonths,
    };
}
