using System.Globalization;
using System.Text;
using NodaTime;

namespace Ledger.Bench;

/// <summary>
/// Writes a valid training import: every (person, programme, day) once, two programmes of 120 minutes a day each
/// (well inside the daily limit), days counted forward from <see cref="FirstDay"/>, people BEN-00001 onwards.
/// </summary>
public static class TrainingCsvGenerator
{
    public static readonly LocalDate FirstDay = new(2023, 1, 2);
    public static readonly string[] Programmes = ["anyaman", "sabut-kelapa"];

    public static string RegistrationNumber(int person) => $"BEN-{person + 1:D5}";

    public static byte[] Generate(int rows, int people)
    {
        var text = new StringBuilder(rows * 40);
        text.Append("registrationNumber;programmeCode;date;minutes\r\n");
        var perDay = people * Programmes.Length;
        for (var i = 0; i < rows; i++)
        {
            var day = FirstDay.PlusDays(i / perDay);
            var person = i % perDay / Programmes.Length;
            var programme = Programmes[i % Programmes.Length];
            text.Append(RegistrationNumber(person)).Append(';').Append(programme).Append(';')
                .Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(";120\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
