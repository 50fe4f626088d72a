using System.Globalization;
using CsvHelper;
using Ledger.Core.Text;

namespace Ledger.Core.Premi;

/// <summary>
/// The payment list of a run, to print and sign: one row per person with Bahasa Indonesia headers (the catalogue's
/// Text/Exports), a TOTAL row, amounts as plain whole numbers and dates as yyyy-MM-dd (so a spreadsheet can read
/// them), UTF-8 with a byte-order mark so spreadsheets read the names and the "×" of the explanations correctly.
/// </summary>
public static class PremiCsv
{
    /// <summary>The header row, in the current language.</summary>
    public static string[] Headers =>
    [
        Exports.PaymentNo, Exports.PaymentRegistrationNumber, Exports.PaymentName, Exports.PaymentBasis, Exports.PaymentGross,
        Exports.PaymentSpendable, Exports.PaymentSavings, Exports.PaymentExplanation, Exports.PaymentSignature,
    ];

    /// <summary>
    /// The list in <paramref name="language"/>: Indonesian unless given, whatever the request asked for, since it is
    /// signed and filed in the Lapas. (The explanations and bases are the run's own, stored in Indonesian.)
    /// </summary>
    public static byte[] Write(PremiRun run, CultureInfo? language = null) => Language.In(language ?? Language.Indonesian, () => WriteIn(run));

    private static byte[] WriteIn(PremiRun run)
    {
        // Escape guards against formula injection: a name or note starting with "=" stays text in a spreadsheet.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n", Injection = CsvInjection.Escape };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteRecord(Headers);
            foreach (var line in run.Lines)
            {
                csv.WriteRecord([
                    Number(line.LineNo), line.RegistrationNumber, line.FullName, line.Basis, Number(line.Gross.Value), Number(line.Spendable.Value),
                    Number(line.Savings.Value), line.Explanation, "",
                ]);
            }
            csv.WriteRecord([
                "", Exports.PaymentTotal, Catalogue.Fill(Exports.PaymentPeople, run.Lines.Count), "", Number(run.Total.Value), Number(run.TotalSpendable.Value),
                Number(run.TotalSavings.Value), Catalogue.Fill(Exports.PaymentRun, run.SchemeName, run.SchemeVersion, Iso(run.From), Iso(run.To), Wire.Of(run.Status)), "",
            ]);
        }
        return stream.ToArray();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(NodaTime.LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The download's file name: facility, period and status, so a signed print can be matched to its run.</summary>
    public static string FileName(PremiRun run) =>
        $"premi-{run.FacilityCode}-{run.From:yyyyMMdd}-{run.To:yyyyMMdd}-{Wire.Of(run.Status)}-{run.Id.Value.ToString()[..8]}.csv";
}
