using System.Globalization;
using System.Text;
using Ledger.Core.Text;

namespace Ledger.Core.Input;

/// <summary>
/// The rule of every free-text field (names, titles, issuers, partners, decree and certificate numbers, notes,
/// descriptions, reasons) and of the text cells of a CSV import:
/// <list type="bullet">
/// <item>no control characters (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F), except tab, line feed and
/// carriage return in a multi-line field (descriptions, notes and reasons);</item>
/// <item>something visible: text that is empty once whitespace and format characters (Unicode category Cf:
/// zero-width spaces and joiners, bidi controls, the byte order mark) are removed is refused;</item>
/// <item>well-formed UTF-16 (no half of a surrogate pair).</item>
/// </list>
/// Format characters between visible ones are kept (a zero-width joiner is part of some scripts' spelling).
/// </summary>
public static class FreeText
{
    public static string NothingVisible => Fields.MustContainVisibleText;

    /// <summary>An optional text as stored: trimmed, and absent (null) when blank.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine: the rule, then at most <paramref name="maxLength"/> characters once trimmed.</summary>
    public static string? Problem(string text, int maxLength, bool multiLine) =>
        Problem(text, multiLine) ?? (text.Trim().Length > maxLength ? Catalogue.Fill(Fields.MustBeAtMostCharacters, maxLength) : null);

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine. Length is the caller's rule.</summary>
    public static string? Problem(string text, bool multiLine)
    {
        var visible = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return Catalogue.Fill(Fields.HalfSurrogate, (int)text[i]);
            }
            i += used - 1;
            if (Rune.IsControl(rune))
            {
                if (multiLine && rune.Value is '\t' or '\n' or '\r')
                {
                    continue;
                }
                return multiLine
                    ? Catalogue.Fill(Fields.NoControlCharactersButTabAndBreaks, rune.Value)
                    : Catalogue.Fill(Fields.NoControlCharactersOrBreaks, rune.Value);
            }
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                visible = true;
            }
        }
        return visible ? null : NothingVisible;
    }
}
