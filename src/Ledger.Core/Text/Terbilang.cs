namespace Ledger.Core.Text;

/// <summary>
/// An amount in Indonesian words, as a kuitansi writes it beside the figures ("terbilang"), so the sum cannot be
/// altered by adding a digit: 412.500 → "empat ratus dua belas ribu lima ratus rupiah". Always Indonesian: the
/// receipt is a document of the Indonesian administration, whatever language the page is shown in.
/// </summary>
public static class Terbilang
{
    private static readonly string[] Ones = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    private static readonly (long Size, string Name)[] Groups = [(1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta"), (1_000, "ribu")];

    /// <summary>The rupiah amount in words, e.g. "seribu lima ratus rupiah"; zero is "nol rupiah".</summary>
    public static string Rupiah(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        return (amount == 0 ? "nol" : Words(amount)) + " rupiah";
    }

    /// <summary>A whole number from 1 in words.</summary>
    public static string Words(long number)
    {
        var parts = new List<string>();
        foreach (var (size, name) in Groups)
        {
            var count = number / size;
            number %= size;
            if (count == 0)
            {
                continue;
            }
            // One thousand is "seribu", not "satu ribu"; one million is "satu juta".
            parts.Add(size == 1_000 && count == 1 ? "seribu" : $"{Words(count)} {name}");
        }
        if (number > 0)
        {
            parts.Add(BelowThousand((int)number));
        }
        return string.Join(' ', parts);
    }

    private static string BelowThousand(int n)
    {
        var hundreds = n / 100;
        var rest = n % 100;
        var head = hundreds switch { 0 => "", 1 => "seratus", _ => Ones[hundreds] + " ratus" };
        var tail = rest switch
        {
            0 => "",
            < 12 => Ones[rest],
            < 20 => Ones[rest - 10] + " belas",
            _ => Ones[rest / 10] + " puluh" + (rest % 10 == 0 ? "" : " " + Ones[rest % 10]),
        };
        return string.Join(' ', new[] { head, tail }.Where(p => p.Length > 0));
    }
}
