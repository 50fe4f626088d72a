using Ledger.Core.Text;
using Ledger.Core.Work;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.WorkPages;

/// <summary>The empty work-records template for a signed-in officer (the API's needs a token): in the page's language.</summary>
public static class WorkTemplateEndpoint
{
    public static void MapWorkImportTemplate(this IEndpointRouteBuilder app) =>
        app.MapGet("/pekerjaan/impor/templat", (string? format) =>
        {
            var (content, fileName, mediaType) = WorkRecordImport.Template(format is "xlsx" ? "xlsx" : "csv", Language.IsIndonesian ? "id" : "en");
            return Results.File(content, mediaType, fileName);
        }).ExcludeFromDescription();
}
