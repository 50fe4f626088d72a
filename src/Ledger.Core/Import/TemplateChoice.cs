using Ledger.Core.Text;

namespace Ledger.Core.Import;

/// <summary>The two files of a downloadable template.</summary>
public enum TemplateFormat
{
    Csv,
    Xlsx,
}

/// <summary>What a request for an import's template asks for: the file's format and its headers' language.</summary>
public static class TemplateChoice
{
    /// <summary>
    /// <paramref name="format"/> <c>csv</c> (default) or <c>xlsx</c>, <paramref name="language"/> <c>id</c> (default)
    /// or <c>en</c>; anything else is added to <paramref name="errors"/> naming the field (and the format is null).
    /// </summary>
    public static (TemplateFormat? Format, bool Indonesian) Read(string? format, string? language, FieldErrors errors)
    {
        TemplateFormat? chosen = (format?.Trim().ToLowerInvariant() ?? "csv") switch
        {
            "csv" => TemplateFormat.Csv,
            "xlsx" => TemplateFormat.Xlsx,
            _ => null,
        };
        if (chosen is null)
        {
            errors.Add("format", Text.Import.TemplateFormatRefused);
        }
        var tag = language?.Trim() ?? "id";
        var indonesian = Language.Find(tag) == Language.Indonesian;
        if (!indonesian && Language.Find(tag) != Language.English)
        {
            errors.Add("language", Text.Import.TemplateLanguageRefused);
        }
        return (chosen, indonesian);
    }
}
