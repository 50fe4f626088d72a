using System.Globalization;
using System.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.ReadinessPages;

/// <summary>
/// The release file for a signed-in officer: <c>/warga-binaan/{id}/berkas-pembebasan?surat={letter}</c> shows a
/// printing recorded by the readiness page's "Cetak" button, with its letter number and signers, again as often as
/// needed; without <c>surat</c> it is a draft (no number). And the stylesheet with the page numbers of every language.
/// </summary>
public static class ReleaseFileEndpoints
{
    public static void MapReleaseFile(this IEndpointRouteBuilder app)
    {
        app.MapGet("/warga-binaan/{id:guid}/berkas-pembebasan", ReleaseFileAsync).ExcludeFromDescription();
        app.MapGet(ReleaseFilePage.PageNumbersPath, () => Results.Text(PageNumbersCss(), "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The address of a recorded printing.</summary>
    public static string Address(Guid inmateId, Guid letterId) => $"/warga-binaan/{inmateId}/berkas-pembebasan?surat={letterId}";

    private static async Task<IResult> ReleaseFileAsync(Guid id, Guid? surat, PageCall call, InmateStore inmates, ReadinessStore readiness, ReleaseLetterStore letters,
        HttpContext http, CancellationToken ct)
    {
        var inmateId = InmateId.From(id);
        var outcome = await call.ReadAsync(async c => (await inmates.FacilityOfAsync(inmateId, c))?.Facility, Area.Readiness,
            new ReadAudit("release-file", inmateId.ToString(), ListsPeople: false), async context =>
            {
                var letter = surat is { } letterId ? await letters.GetAsync(inmateId, letterId, ct) ?? throw new NotFoundException(ReleaseLetters.Letter) : null;
                // A reprint shows the file as it was on the day it was printed, with the names it carried.
                var day = letter?.PrintedOn ?? context.Today;
                var summary = await readiness.SummaryForAsync(context, inmateId, day, ct);
                var signatures = letter?.Signatures ?? await letters.DraftAsync(context.Facility, context.Caller.UserSub, call.UserName, ct);
                return await ReleaseFilePage.RenderAsync(http.RequestServices, summary, day, signatures.OfficerName,
                    context.MayKnow(Detail.DisciplineDescriptions), CultureInfo.CurrentUICulture, signatures);
            }, ct);
        return outcome switch
        {
            Outcome<string>.Ok ok => Results.Content(ok.Value, "text/html; charset=utf-8"),
            Outcome<string>.Forbidden => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    /// <summary>
    /// "halaman X dari Y" in the top margin of every printed page, in the file's language: CSS alone counts pages, so
    /// the words come from the catalogue into one named page per language (the file's &lt;html lang&gt; picks it).
    /// </summary>
    internal static string PageNumbersCss()
    {
        var css = new StringBuilder();
        foreach (var language in Language.All)
        {
            var words = Language.In(language, () => ReleaseLetters.PageXOfY);
            var content = string.Join(" ", Split(words).Select(part => part switch
            {
                "{0}" => "counter(page)",
                "{1}" => "counter(pages)",
                _ => "\"" + part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
            }));
            var name = "berkas-" + language.Name;
            css.Append(CultureInfo.InvariantCulture, $"html:lang({language.Name}) body {{ page: {name}; }}\n");
            css.Append(CultureInfo.InvariantCulture, $"@page {name} {{ @top-right {{ content: {content}; font-size: 7.5pt; color: #555; }} }}\n");
        }
        return css.ToString();
    }

    /// <summary>"halaman {0} dari {1}" → "halaman ", "{0}", " dari ", "{1}" (empty parts dropped).</summary>
    private static IEnumerable<string> Split(string words) =>
        System.Text.RegularExpressions.Regex.Split(words, @"(\{[01]\})").Where(part => part.Length > 0);
}
