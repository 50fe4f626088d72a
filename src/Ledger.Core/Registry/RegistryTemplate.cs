using System.Text;
using Ledger.Core.Import;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using MiniExcelLibs;

namespace Ledger.Core.Registry;

/// <summary>
/// The empty registry file to fill in, header rows only: an xlsx workbook with the three sheets (Warga Binaan, Remisi,
/// Register F), or one sheet as a CSV file (separated by semicolons, as spreadsheets with a decimal comma read and write
/// them, with a byte order mark so they read it as UTF-8). Headers in Indonesian as SDP writes them, or in English.
/// </summary>
public static class RegistryTemplate
{
    /// <summary>The template: for <see cref="TemplateFormat.Xlsx"/> the whole workbook (<paramref name="sheet"/> is not used), for CSV that sheet.</summary>
    public static byte[] Template(TemplateFormat format, bool indonesian, RegistrySheet sheet)
    {
        if (format == TemplateFormat.Csv)
        {
            return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(';', RegistrySheets.Columns(sheet).TemplateHeader(indonesian)) + "\r\n")];
        }
        var sheets = new Dictionary<string, object>();
        foreach (var each in Enum.GetValues<RegistrySheet>())
        {
            var names = RegistrySheets.Columns(each).TemplateHeader(indonesian);
            var header = names.Select((name, i) => (Column: ((char)('A' + i)).ToString(), name)).ToDictionary(c => c.Column, c => (object?)c.name);
            sheets[RegistrySheets.Name(each, indonesian)] = new[] { header };
        }
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return xlsx.ToArray();
    }

    /// <summary>
    /// The template named by a request: <paramref name="format"/> <c>csv</c> (default) or <c>xlsx</c>,
    /// <paramref name="language"/> <c>id</c> (default) or <c>en</c>, <paramref name="sheet"/> (CSV only) <c>people</c>
    /// (default), <c>remisi</c> or <c>register-f</c>, also by a sheet's own names (<c>warga-binaan</c>); anything else is
    /// refused naming the field.
    /// </summary>
    public static (byte[] Content, string FileName, string MediaType) Template(string? format, string? language, string? sheet)
    {
        var errors = new FieldErrors();
        var (chosen, indonesian) = TemplateChoice.Read(format, language, errors);
        var part = SheetNamed(sheet ?? "people");
        if (part is null)
        {
            errors.Add("sheet", Text.Registry.TemplateSheetRefused);
        }
        errors.ThrowIfAny();
        return (Template(chosen!.Value, indonesian, part!.Value), FileName(chosen.Value, indonesian, part.Value), TrainingImport.TemplateMediaType(chosen.Value));
    }

    /// <summary>registrasi-warga-binaan.xlsx, registrasi-remisi.csv, registry-register-f.csv, ...</summary>
    public static string FileName(TemplateFormat format, bool indonesian, RegistrySheet sheet)
    {
        var part = format == TemplateFormat.Xlsx ? RegistrySheet.People : sheet;
        var name = part switch
        {
            RegistrySheet.People => indonesian ? "warga-binaan" : "people",
            RegistrySheet.Remisi => "remisi",
            _ => "register-f",
        };
        return (indonesian ? "registrasi-" : "registry-") + name + (format == TemplateFormat.Csv ? ".csv" : ".xlsx");
    }

    /// <summary>The sheet a request names: people, remisi, register-f, or any of a sheet's names.</summary>
    private static RegistrySheet? SheetNamed(string name)
    {
        var key = SheetColumns.Key(name);
        foreach (var sheet in Enum.GetValues<RegistrySheet>())
        {
            if (SheetColumns.Key(sheet.ToString()) == key || RegistrySheets.Names(sheet).Any(n => SheetColumns.Key(n) == key))
            {
                return sheet;
            }
        }
        return null;
    }
}
