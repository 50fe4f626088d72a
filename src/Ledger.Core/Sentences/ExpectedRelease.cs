using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>Why a person is expected to leave on the day given: a release right, the adjusted expiry, or none of them.</summary>
public enum ReleaseBasis
{
    PembebasanBersyarat,
    CutiBersyarat,
    CutiMenjelangBebas,
    Ekspirasi,

    /// <summary>The person has been released: the day is the release day.</summary>
    Released,

    /// <summary>A life or death sentence without a release right: no day.</summary>
    NoExpiry,
}

/// <summary>The day a person is expected to leave and why: the earliest release right that can apply, else the adjusted expiry.</summary>
public sealed record ExpectedRelease(LocalDate? Date, ReleaseBasis Basis)
{
    /// <summary>
    /// A person leaves on the earliest release right that can still apply (parole, cuti bersyarat, cuti menjelang
    /// bebas), else at the adjusted expiry. Asimilasi is work outside the walls, not release, so it does not count.
    /// A right reached before <paramref name="asOf"/> means the person can leave from asOf, not in the past.
    /// </summary>
    public static ExpectedRelease Of(ReleaseDates dates, LocalDate? releasedOn, LocalDate asOf)
    {
        if (releasedOn is { } released)
        {
            return new ExpectedRelease(released, ReleaseBasis.Released);
        }
        var rights = new (ReleaseBasis Basis, RightAssessment Right)[]
        {
            (ReleaseBasis.PembebasanBersyarat, dates.Rights.PembebasanBersyarat),
            (ReleaseBasis.CutiBersyarat, dates.Rights.CutiBersyarat),
            (ReleaseBasis.CutiMenjelangBebas, dates.Rights.CutiMenjelangBebas),
        };
        var earliest = rights.Where(r => r.Right.Status != RightStatus.None && r.Right.Date is not null).OrderBy(r => r.Right.Date).FirstOrDefault();
        if (earliest.Right is not null)
        {
            return new ExpectedRelease(LocalDate.Max(earliest.Right.Date!.Value, asOf), earliest.Basis);
        }
        return dates.AdjustedExpiry is { } expiry ? new ExpectedRelease(LocalDate.Max(expiry, asOf), ReleaseBasis.Ekspirasi) : new ExpectedRelease(null, ReleaseBasis.NoExpiry);
    }
}
