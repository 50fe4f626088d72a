using System.Globalization;

namespace Ledger.Core.Premi;

/// <summary>
/// Money in whole rupiah. Arithmetic is checked (money must not wrap) and exact: there is no fraction of a
/// rupiah anywhere, so shares of a pool are made whole by <see cref="Allocate"/>.
/// </summary>
public readonly record struct Rupiah(long Value) : IComparable<Rupiah>
{
    public static readonly Rupiah Zero = new(0);

    public static Rupiah operator +(Rupiah left, Rupiah right) => new(checked(left.Value + right.Value));

    public static Rupiah operator -(Rupiah left, Rupiah right) => new(checked(left.Value - right.Value));

    public static Rupiah operator -(Rupiah value) => new(checked(-value.Value));

    public static Rupiah operator *(Rupiah value, long factor) => new(checked(value.Value * factor));

    public static bool operator <(Rupiah left, Rupiah right) => left.Value < right.Value;

    public static bool operator >(Rupiah left, Rupiah right) => left.Value > right.Value;

    public static bool operator <=(Rupiah left, Rupiah right) => left.Value <= right.Value;

    public static bool operator >=(Rupiah left, Rupiah right) => left.Value >= right.Value;

    public static Rupiah Add(Rupiah left, Rupiah right) => left + right;

    public static Rupiah Subtract(Rupiah left, Rupiah right) => left - right;

    public static Rupiah Negate(Rupiah value) => -value;

    public static Rupiah Multiply(Rupiah value, long factor) => value * factor;

    public int CompareTo(Rupiah other) => Value.CompareTo(other.Value);

    public static Rupiah Min(Rupiah left, Rupiah right) => left <= right ? left : right;

    public static Rupiah Max(Rupiah left, Rupiah right) => left >= right ? left : right;

    public static Rupiah Sum(IEnumerable<Rupiah> values) => values.Aggregate(Zero, (a, b) => a + b);

    /// <summary>This amount × <paramref name="percent"/> / 100, rounded down to a whole rupiah (for amounts ≥ 0).</summary>
    public Rupiah PercentRoundedDown(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfNegative(Value);
        return new Rupiah((long)((Int128)Value * percent / 100));
    }

    /// <summary>Indonesian notation, as on a payment list: Rp675.000 (dots group thousands).</summary>
    public override string ToString() =>
        (Value < 0 ? "−Rp" : "Rp") + Grouped(Value < 0 ? -(Int128)Value : Value);

    /// <summary>A count written the Indonesian way: 5.400.</summary>
    public static string Grouped(Int128 number) =>
        number.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>
    /// Shares <paramref name="pool"/> in proportion to <paramref name="weights"/> in whole rupiah: each share is
    /// rounded down, and the rupiah left over go one each to the largest remainders; equal remainders go
    /// to the earlier position, so callers list the shares in the tie order (by registration number).
    /// The result always adds up exactly to the pool and each share is within one rupiah of its exact
    /// value. Rp1.000.000 among three equal weights → 333.334 + 333.333 + 333.333.
    /// </summary>
    /// <exception cref="ArgumentException">The pool is negative, a weight is negative, or a positive pool has no positive weight.</exception>
    public static IReadOnlyList<Rupiah> Allocate(Rupiah pool, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool.Value);
        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must not be negative.", nameof(weights));
        }
        var total = weights.Aggregate(Int128.Zero, (sum, w) => sum + w);
        var shares = new Rupiah[weights.Count];
        if (pool.Value == 0)
        {
            Array.Fill(shares, Zero);
            return shares;
        }
        if (total == 0)
        {
            throw new ArgumentException("A positive pool needs at least one positive weight.", nameof(weights));
        }
        // pool × weight can exceed a long; Int128 keeps the arithmetic exact.
        var remainders = new Int128[weights.Count];
        Int128 given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)pool.Value * weights[i];
            shares[i] = new Rupiah((long)(exact / total));
            remainders[i] = exact % total;
            given += shares[i].Value;
        }
        var leftover = (long)(pool.Value - given);
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)leftover))
        {
            shares[i] = new Rupiah(shares[i].Value + 1);
        }
        return shares;
    }

    /// <summary>
    /// Splits a gross amount into its savings part (gross × percent / 100, rounded down) and its spendable
    /// part (the rest), so the two always add up to the gross: Rp33.633 at 50% → 16.816 tabungan, 16.817 spendable.
    /// </summary>
    public static (Rupiah Spendable, Rupiah Savings) SplitSavings(Rupiah gross, int savingsPercent)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(savingsPercent, 100);
        var savings = gross.PercentRoundedDown(savingsPercent);
        return (gross - savings, savings);
    }
}
