using Ledger.Core.Facilities;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>
/// The payment list of a run: what the Bendahara pays and has signed. One model, built here once, that both writers
/// (<see cref="PaymentListXlsx"/> to print and sign, <see cref="PaymentListCsv"/> for a spreadsheet) lay out, so the
/// two files can never disagree on a figure.
/// </summary>
/// <remarks>
/// RunNumber is the run's short number (the first eight characters of its id, as the run pages show it); ApprovedOn
/// the day of approval in the Lapas's own time zone (null for a draft or a cancelled run); TreasurerName and HeadName
/// the Bendahara's and the Kepala Lapas's names from the facility's settings, null leaving a blank line to sign on.
/// </remarks>
public sealed record PaymentList(
    PremiRunId RunId,
    string RunNumber,
    PremiRunStatus Status,
    string FacilityCode,
    string FacilityName,
    LocalDate From,
    LocalDate To,
    string SchemeName,
    int SchemeVersion,
    LocalDate? ApprovedOn,
    string? ApprovedBy,
    IReadOnlyList<PremiRunLine> Lines,
    Rupiah Total,
    Rupiah TotalSpendable,
    Rupiah TotalSavings,
    string? TreasurerName,
    string? HeadName)
{
    /// <summary>The xlsx media type (the API's <c>Accept</c> and the download's Content-Type).</summary>
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvMediaType = "text/csv";

    /// <summary>The list of any run, whatever its status (the old <c>lines.csv</c> also lists drafts to review).</summary>
    public static PaymentList Of(PremiRun run, Facility facility) => new(
        run.Id,
        RunNumberOf(run.Id),
        run.Status,
        facility.Code,
        facility.Name,
        run.From,
        run.To,
        run.SchemeName,
        run.SchemeVersion,
        run.Status == PremiRunStatus.Approved && run.ApprovedAt is { } at ? facility.DateAt(at) : null,
        run.Status == PremiRunStatus.Approved ? run.ApprovedBy : null,
        run.Lines,
        run.Total,
        run.TotalSpendable,
        run.TotalSavings,
        // The facility settings name no Bendahara or Kepala Lapas yet: the list leaves lines to sign on.
        TreasurerName: null,
        HeadName: null);

    /// <summary>
    /// Why a run has nothing to pay, or null when it has: only an approved run has a payment list. A draft is not yet
    /// posted and a cancelled run never will be (the API answers 409 with this reason, a page shows it).
    /// </summary>
    public static string? NothingToPay(PremiRun run) => run.Status switch
    {
        PremiRunStatus.Draft => Exports.PaymentListOfDraft,
        PremiRunStatus.Cancelled => Exports.PaymentListOfCancelled,
        _ => null,
    };

    /// <summary>
    /// Whether a request for the list wants CSV: <paramref name="format"/> (<c>xlsx</c> or <c>csv</c>; anything else is
    /// refused, field <c>format</c>) decides; without it the <c>Accept</c> header does: xlsx when it names the xlsx
    /// type or nothing it knows, CSV when it names text/csv and not xlsx. (Quality values are not weighed.)
    /// </summary>
    public static bool WantsCsv(string? format, IEnumerable<string?> accept)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "csv" => true,
                "xlsx" => false,
                _ => throw ValidationFailedException.For("format", Exports.PaymentFormatRefused),
            };
        }
        var types = accept.SelectMany(header => (header ?? "").Split(',')).Select(t => t.Split(';')[0].Trim().ToLowerInvariant()).ToList();
        return !types.Contains(XlsxMediaType) && types.Contains(CsvMediaType);
    }

    /// <summary>A run's short number, as people read it out: the first eight characters of its id.</summary>
    public static string RunNumberOf(PremiRunId id) => id.Value.ToString()[..8];

    /// <summary>
    /// The download's name: the Lapas and the period, e.g. <c>daftar-pembayaran-lapas-cirebon-2025-10.xlsx</c> for a
    /// calendar month, <c>daftar-pembayaran-lapas-cirebon-2025-09-29-2025-10-16.csv</c> for any other span.
    /// </summary>
    public string FileName(string extension)
    {
        var wholeMonth = From.Day == 1 && To == From.With(DateAdjusters.EndOfMonth);
        var period = wholeMonth ? Iso(From, "yyyy-MM") : $"{Iso(From, "yyyy-MM-dd")}-{Iso(To, "yyyy-MM-dd")}";
        return $"daftar-pembayaran-{FacilityCode}-{period}.{extension}";
    }

    private static string Iso(LocalDate day, string pattern) => day.ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The period in words: "1 Oktober 2025 s.d. 31 Oktober 2025".</summary>
    public string PeriodText => Catalogue.Fill(Exports.PaymentPeriodValue, Format.LongDate(From), Format.LongDate(To));
}
