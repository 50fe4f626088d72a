using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Ledger.Core;
using Ledger.Core.Premi;
using Ledger.Core.Skills;
using Ledger.Core.Text;

namespace Ledger.Core.Tests.Text;

/// <summary>The two languages of the catalogue stay in step: every text has both, with the same placeholders.</summary>
public sealed partial class CatalogueTests
{
    /// <summary>Every area of the catalogue: each neutral .resx in Ledger.Core/Text is embedded as Ledger.Core.Text.X.resources.</summary>
    private static IEnumerable<string> AreaNames() =>
        typeof(Catalogue).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Ledger.Core.Text.", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length]);

    public static TheoryData<string> Areas() => [.. AreaNames()];

    [Fact]
    public void The_catalogue_has_its_areas()
    {
        Assert.Superset(
            new HashSet<string> { "Ledger.Core.Text.Formats", "Ledger.Core.Text.Fields", "Ledger.Core.Text.Rules", "Ledger.Core.Text.Things", "Ledger.Core.Text.ProblemTexts", "Ledger.Core.Text.ReleaseFile", "Ledger.Core.Text.Exports" },
            AreaNames().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Every_text_has_an_Indonesian_version_with_the_same_placeholders(string area)
    {
        var manager = new ResourceManager(area, typeof(Catalogue).Assembly);
        var english = Texts(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var indonesian = Texts(manager.GetResourceSet(Language.Indonesian, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"{area} has no Indonesian file ({area.Split('.')[^1]}.id.resx)."));

        Assert.NotEmpty(english);
        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            if (!indonesian.TryGetValue(key, out var translated) || string.IsNullOrWhiteSpace(translated))
            {
                problems.Add($"{key}: no Indonesian text");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(translated)))
            {
                problems.Add($"{key}: placeholders {string.Join(" ", Placeholders(text))} in English, {string.Join(" ", Placeholders(translated))} in Indonesian");
            }
        }
        problems.AddRange(indonesian.Keys.Except(english.Keys).Select(key => $"{key}: only in Indonesian"));
        Assert.Empty(problems);
    }

    [Fact]
    public void Indonesian_readers_get_Indonesian_rules_with_their_dates_and_rupiah()
    {
        var balance = new PremiBalance(new Rupiah(412_500), Rupiah.Zero, new Rupiah(412_500));

        var english = Language.In(Language.English, () => Assert.Throws<RuleViolationException>(() => PremiAccountRules.Withdrawal(balance, PremiPart.Spendable, new Rupiah(9_000_000))));
        var indonesian = Language.In(Language.Indonesian, () => Assert.Throws<RuleViolationException>(() => PremiAccountRules.Withdrawal(balance, PremiPart.Spendable, new Rupiah(9_000_000))));

        Assert.Equal("The spendable balance is Rp412.500; a withdrawal of Rp9.000.000 is beyond it.", english.Message);
        Assert.Equal("Saldo dapat dibelanjakan Rp412.500, kurang dari penarikan Rp9.000.000.", indonesian.Message);
        Assert.Equal("tidak boleh setelah hari ini (30 November 2026)",
            Language.In(Language.Indonesian, () => TrainingRules.AfterToday(new NodaTime.LocalDate(2026, 11, 30))));
        Assert.Equal("must not be after today (2026-11-30)", Language.In(Language.English, () => TrainingRules.AfterToday(new NodaTime.LocalDate(2026, 11, 30))));
    }

    [Fact]
    public void The_payment_list_is_headed_in_Indonesian_unless_asked_otherwise()
    {
        Assert.Equal("No.,No. Registrasi,Nama,Dasar,Bruto (Rp),Dapat Dibelanjakan (Rp),Tabungan (Rp),Keterangan,Tanda Tangan",
            string.Join(",", Language.In(Language.Indonesian, () => PaymentListCsv.Headers)));
        Assert.Equal("No.,Registration no.,Name,Basis,Gross (Rp),Spendable (Rp),Tabungan (Rp),Explanation,Signature",
            string.Join(",", Language.In(Language.English, () => PaymentListCsv.Headers)));
    }

    private static Dictionary<string, string> Texts(ResourceSet set) =>
        set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
