using System.Globalization;
using CsvHelper;
using Ledger.Core.Text;

namespace Ledger.Core.Premi;

/// <summary>
/// The payment list as CSV: one row per person under Bahasa Indonesia headers (the catalogue's Text/Exports), a TOTAL
/// row, amounts as plain whole numbers and dates as yyyy-MM-dd (so a spreadsheet reads them), UTF-8 with a byte-order
/// mark (so names and the "×" of the explanations read right), CRLF line ends, and RFC 4180 quoting: a field holding
/// the separator, a quote or a line break is quoted, its quotes doubled. Only the table: the header block and the
/// signature lines are the xlsx's, which is the copy to print and sign.
/// </summary>
public static class PaymentListCsv
{
    /// <summary>What Indonesian Excel splits on: its list separator is ";" since "," is the decimal comma.</summary>
    public const char Semicolon = ';';

    /// <summary>The separator of the old <c>lines.csv</c>, kept for the clients that read it.</summary>
    public const char Comma = ',';

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
    public static byte[] Write(PaymentList list, char separator = Semicolon, CultureInfo? language = null) =>
        Language.In(language ?? Language.Indonesian, () => WriteIn(list, separator));

    private static byte[] WriteIn(PaymentList list, char separator)
    {
        // Escape guards against formula injection: a name or note starting with "=" stays text in a spreadsheet.
        var options = new CsvWriterOptions { Separator = separator, WriteByteOrderMark = true, NewLine = "\r\n", Injection = CsvInjection.Escape };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteRecord(Headers);
            foreach (var line in list.Lines)
            {
                csv.WriteRecord([
                    Number(line.LineNo), line.RegistrationNumber, line.FullName, line.Basis, Number(line.Gross.Value), Number(line.Spendable.Value),
                    Number(line.Savings.Value), line.Explanation, "",
                ]);
            }
            csv.WriteRecord([
                "", Exports.PaymentTotal, Catalogue.Fill(Exports.PaymentPeople, list.Lines.Count), "", Number(list.Total.Value), Number(list.TotalSpendable.Value),
                Number(list.TotalSavings.Value), Catalogue.Fill(Exports.PaymentRun, list.SchemeName, list.SchemeVersion, Iso(list.From), Iso(list.To), Wire.Of(list.Status)), "",
            ]);
        }
        return stream.ToArray();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(NodaTime.LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The old <c>lines.csv</c> download's name: facility, period and status, so a signed print can be matched to its run.</summary>
    public static string LinesFileName(PaymentList list) =>
        $"premi-{list.FacilityCode}-{list.From:yyyyMMdd}-{list.To:yyyyMMdd}-{Wire.Of(list.Status)}-{list.RunNumber}.csv";
}
