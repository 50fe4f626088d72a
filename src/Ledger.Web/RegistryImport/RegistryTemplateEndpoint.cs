using Ledger.Core.Import;
using Ledger.Core.Registry;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.RegistryImport;

/// <summary>
/// The empty registry templates for a signed-in officer (the API's needs a token), in the page's language: the
/// workbook with its three sheets, or one sheet as CSV (<c>warga-binaan</c>, <c>remisi</c>, <c>register-f</c>).
/// </summary>
public static class RegistryTemplateEndpoint
{
    public static void MapRegistryTemplate(this IEndpointRouteBuilder app)
    {
        app.MapGet("/impor/registrasi/templat.xlsx", () => File(TemplateFormat.Xlsx, RegistrySheet.People)).ExcludeFromDescription();
        app.MapGet("/impor/registrasi/templat-{sheet}.csv", (string sheet) => sheet switch
        {
            "warga-binaan" => File(TemplateFormat.Csv, RegistrySheet.People),
            "remisi" => File(TemplateFormat.Csv, RegistrySheet.Remisi),
            "register-f" => File(TemplateFormat.Csv, RegistrySheet.RegisterF),
            _ => Results.NotFound(),
        }).ExcludeFromDescription();
    }

    private static IResult File(TemplateFormat format, RegistrySheet sheet)
    {
        var indonesian = Language.IsIndonesian;
        return Results.File(RegistryTemplate.Template(format, indonesian, sheet), TrainingImport.TemplateMediaType(format),
            RegistryTemplate.FileName(format, indonesian, sheet));
    }
}
