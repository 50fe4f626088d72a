using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PaymentListModel = Ledger.Core.Premi.PaymentList;

namespace Ledger.Web.PaymentList;

/// <summary>
/// The payment list of an approved run for a signed-in officer (the API's needs a token), as the run page links it:
/// <c>/premi/perhitungan/{id}/daftar-pembayaran.xlsx</c> to print and sign, <c>.csv</c> for Indonesian Excel. The same
/// read as the API's (facility reach, role, read audit), the same Core writers. A draft or cancelled run: 409 with why.
/// </summary>
public static class PaymentListEndpoint
{
    public static void MapPaymentList(this IEndpointRouteBuilder app)
    {
        app.MapGet("/premi/perhitungan/{id:guid}/daftar-pembayaran.xlsx", (Guid id, PageCall call, PremiRunStore runs, CancellationToken ct) =>
            DownloadAsync(id, csv: false, call, runs, ct)).ExcludeFromDescription();
        app.MapGet("/premi/perhitungan/{id:guid}/daftar-pembayaran.csv", (Guid id, PageCall call, PremiRunStore runs, CancellationToken ct) =>
            DownloadAsync(id, csv: true, call, runs, ct)).ExcludeFromDescription();
    }

    private static async Task<IResult> DownloadAsync(Guid id, bool csv, PageCall call, PremiRunStore runs, CancellationToken ct)
    {
        var runId = new PremiRunId(id);
        var outcome = await call.ReadAsync(token => new ValueTask<string?>(runs.FacilityOfRunAsync(runId, token)), Area.Premi,
            new ReadAudit("premi-payment-list", id.ToString(), ListsPeople: true), async context =>
            {
                var run = await runs.GetRunAsync(runId, ct) ?? throw new NotFoundException(Things.PremiRun);
                if (PaymentListModel.NothingToPay(run) is { } reason)
                {
                    throw new RuleViolationException(reason);
                }
                context.Returns(run.Lines.Select(l => l.InmateId.Value));
                return PaymentListModel.Of(run, context.Facility);
            }, ct);
        return outcome switch
        {
            Outcome<PaymentListModel>.Ok { Value: var list } when csv =>
                Results.File(PaymentListCsv.Write(list), PaymentListModel.CsvMediaType + "; charset=utf-8", list.FileName("csv")),
            Outcome<PaymentListModel>.Ok { Value: var list } =>
                Results.File(PaymentListXlsx.Write(list), PaymentListModel.XlsxMediaType, list.FileName("xlsx")),
            // Not a page but a file: the refusal as plain text, in the officer's language (the host's status pages render a 404).
            Outcome<PaymentListModel>.Conflict conflict => Results.Text(conflict.Reason, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict),
            Outcome<PaymentListModel>.Forbidden => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }
}
