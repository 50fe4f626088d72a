using Ledger.Core.Skills;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.ImportPages;

/// <summary>The empty import template for a signed-in officer (the API's needs a token): in the page's language.</summary>
public static class TemplateEndpoint
{
    public static void MapImportTemplate(this IEndpointRouteBuilder app) =>
        app.MapGet("/impor/templat", (string? format) =>
        {
            var (content, fileName, mediaType) = TrainingImport.Template(format is "xlsx" ? "xlsx" : "csv", Language.IsIndonesian ? "id" : "en");
            return Results.File(content, mediaType, fileName);
        }).ExcludeFromDescription();
}
