using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Ledger.Core.Text;

namespace Ledger.Core.Input;

/// <summary>
/// The one spelling of a registration number, used wherever a number is stored or compared (registration, CSV
/// imports, search), so look-alikes are the same number or are refused. In order:
/// <list type="number">
/// <item>format characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, soft hyphens, the
/// byte order mark) are removed;</item>
/// <item>Unicode NFKC: fullwidth letters and digits become ASCII (ＣＲＢ００１２ is CRB0012), ligatures and other
/// compatibility forms their letters. The mapping is <see cref="NfkcAscii"/>'s table, so it does not depend on ICU being
/// present (the app runs with InvariantGlobalization, where string.Normalize leaves such characters alone);</item>
/// <item>the Unicode dashes and minus signs (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) become '-';</item>
/// <item>every kind of space becomes one space; runs of spaces collapse to one; the ends are trimmed;</item>
/// <item>what is left must be ASCII letters A–Z (either case), digits 0–9, '.', '-', '/' or spaces, at most
/// <see cref="MaxLength"/> of them; anything else is refused naming the character (so a Cyrillic С is a 400, not a
/// second person);</item>
/// <item>letters are upper-cased (ASCII only, after the check, so no other script's letter becomes an ASCII one).</item>
/// </list>
/// </summary>
public static class RegistrationNumber
{
    public const int MaxLength = 50;

    public static string AllowedCharacters => Fields.RegistrationCharacters;

    /// <summary>The normal form of <paramref name="text"/>, or the reason it is refused.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? problem)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = Fields.IsRequired;
            return false;
        }
        if (IsNormal(text))
        {
            // The common case (a number typed or exported as stored) costs no allocation, which a million-row import notices.
            normalized = text;
            problem = null;
            return true;
        }
        var result = new StringBuilder(text.Length);
        var refused = new List<Rune>();
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                problem = Catalogue.Fill(Fields.HalfSurrogate, (int)text[i]);
                return false;
            }
            i += used - 1;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }
            var folded = Rune.IsWhiteSpace(rune) ? " "
                : IsDash(rune) ? "-"
                : rune.IsAscii ? (IsAllowed((char)rune.Value) ? null : "")
                : NfkcAscii.Map(rune.Value) ?? "";
            if (folded is null)
            {
                Append(result, (char)rune.Value);
            }
            else if (folded.Length == 0)
            {
                if (!refused.Contains(rune))
                {
                    refused.Add(rune);
                }
            }
            else
            {
                foreach (var c in folded)
                {
                    Append(result, c);
                }
            }
        }
        if (refused.Count > 0)
        {
            problem = Catalogue.Fill(refused.Count == 1 ? Fields.MayHoldOnlyOneRefused : Fields.MayHoldOnlyManyRefused, AllowedCharacters, string.Join(", ", refused.Take(3).Select(Describe)));
            return false;
        }
        var value = result.ToString().TrimEnd(' ');
        if (value.Length == 0)
        {
            problem = Fields.RequiredNothingLeft;
            return false;
        }
        if (value.Length > MaxLength)
        {
            problem = Catalogue.Fill(Fields.MustBeAtMostCharacters, MaxLength);
            return false;
        }
        normalized = value;
        problem = null;
        return true;
    }

    /// <summary>Appends one allowed character: letters upper-cased, a space only after something and never twice.</summary>
    private static void Append(StringBuilder result, char c)
    {
        if (c != ' ')
        {
            result.Append(char.ToUpperInvariant(c));
        }
        else if (result.Length > 0 && result[^1] != ' ')
        {
            result.Append(' ');
        }
    }

    /// <summary>Already in normal form: allowed upper-case ASCII only, single spaces inside, at most <see cref="MaxLength"/>.</summary>
    private static bool IsNormal(string text)
    {
        if (text.Length > MaxLength || text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '/' || (c == ' ' && text[i - 1] != ' ')))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The normal form, or null when <paramref name="text"/> cannot be a registration number (for searches).</summary>
    public static string? NormalizeOrNull(string? text) => TryNormalize(text, out var normalized, out _) ? normalized : null;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/';

    private static bool IsDash(Rune rune) => rune.Value is (>= 0x2010 and <= 0x2015) or 0x2212 or 0xFE58 or 0xFE63 or 0xFF0D;

    /// <summary>A refused character as a reader can find it: printable ones quoted with their code point, the others by code point only.</summary>
    internal static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            ? $"U+{rune.Value:X4}"
            : $"'{rune}' (U+{rune.Value:X4})";
}
