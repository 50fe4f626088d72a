using System.Globalization;
using CsvHelper;

namespace Ledger.Core.Premi;

/// <summary>
/// The payment list of a run, to print and sign: one row per person with Bahasa Indonesia headers, a TOTAL
/// row, amounts as plain whole numbers (so a spreadsheet can add them), UTF-8 with a byte-order mark so
/// spreadsheets read the names and the "×" of the explanations correctly.
/// </summary>
public static class PremiCsv
{
    public static readonly string[] Headers =
        ["No.", "No. Registrasi", "Nama", "Dasar", "Bruto (Rp)", "Dapat Dibelanjakan (Rp)", "Tabungan (Rp)", "Keterangan", "Tanda Tangan"];

    public static byte[] Write(PremiRun run)
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
                "", "TOTAL", $"{run.Lines.Count} orang", "", Number(run.Total.Value), Number(run.TotalSpendable.Value), Number(run.TotalSavings.Value),
                $"{run.SchemeName} v{run.SchemeVersion}, {run.From:yyyy-MM-dd} s.d. {run.To:yyyy-MM-dd}, status {Wire.Of(run.Status)}", "",
            ]);
        }
        return stream.ToArray();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The download's file name: facility, period and status, so a signed print can be matched to its run.</summary>
    public static string FileName(PremiRun run) =>
        $"premi-{run.FacilityCode}-{run.From:yyyyMMdd}-{run.To:yyyyMMdd}-{Wire.Of(run.Status)}-{run.Id.Value.ToString()[..8]}.csv";
}
