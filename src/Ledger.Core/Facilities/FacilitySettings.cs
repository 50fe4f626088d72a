using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Facilities;

/// <summary>A facility's configurable choices; each has a default and limits.</summary>
/// <remarks>
/// The [default]s of domain.md. Stored as JSON; a missing key takes the default written here, so every default
/// lives in exactly one place.
/// </remarks>
public sealed record FacilitySettings
{
    /// <summary>Minutes in one JP (jam pelajaran); some BLK use 40.</summary>
    public int MinutesPerJp { get; init; } = 45;

    /// <summary>The most training minutes one person may have on one day.</summary>
    public int MaxTrainingMinutesPerDay { get; init; } = 600;

    /// <summary>The most work minutes one person may have on one day.</summary>
    public int MaxWorkMinutesPerDay { get; init; } = 600;

    /// <summary>Premi: a day counts as worked (day rate, monthly) from this many minutes, unless the scheme says otherwise.</summary>
    public int PremiMinMinutesPerDay { get; init; } = 240;

    /// <summary>Premi: the share of an order's net profit paid as profit-share premi when a scheme gives none (reported splits 50/15/35, 15/25/60, 35/50/15).</summary>
    public int ProfitSharePremiPercent { get; init; } = 50;

    /// <summary>Validity of an LSP/BNSP certificate when none is given (issued + 3 years − 1 day).</summary>
    public int BnspValidityYears { get; init; } = 3;

    /// <summary>A right within this many days is "almost" eligible.</summary>
    public int AlmostWithinDays { get; init; } = 90;

    /// <summary>Cuti bersyarat only for sentences up to this length (sources say 1y3m or 1y6m).</summary>
    public int CutiBersyaratMaxSentenceMonths { get; init; } = 18;

    /// <summary>Length of cuti bersyarat before the adjusted expiry (sources say 4 or 6 months).</summary>
    public int CutiBersyaratMonths { get; init; } = 6;

    /// <summary>Parole (PB) only when 2/3 of the sentence span is at least this many days (9 months, art. 82).</summary>
    public int ParoleMinimumDays { get; init; } = 270;

    /// <summary>Asimilasi needs no register-F entry in this many months before its date.</summary>
    public int AsimilasiDisciplineMonths { get; init; } = 6;

    /// <summary>Parole needs no register-F entry in this many months before its date.</summary>
    public int ParoleDisciplineMonths { get; init; } = 9;

    /// <summary>Cuti menjelang bebas starts before the adjusted expiry by the last remisi, at most this many months.</summary>
    public int CmbMaxMonths { get; init; } = 6;

    /// <summary>The tabungan a person should leave with to travel home (checklist item), whole rupiah.</summary>
    public long TravelHomeAmount { get; init; } = 300_000;

    /// <summary>Checklist: no discipline entry in this many months before release.</summary>
    public int ChecklistDisciplineMonths { get; init; } = 6;

    /// <summary>The head of the Lapas (Kepala Lapas), named in the "Mengetahui" block of the release file; null: a blank line to fill in.</summary>
    public string? HeadName { get; init; }

    /// <summary>The head's NIP, printed under the name.</summary>
    public string? HeadNip { get; init; }

    /// <summary>
    /// The release letter's number: the Lapas's own pattern, <c>{n}</c> the running number of the year and
    /// <c>{yyyy}</c> the year (an invented default; each Lapas sets its own classification code).
    /// </summary>
    public string ReleaseLetterPattern { get; init; } = "W11.PAS.PAS.3-PK.01.05.xx-{n}/{yyyy}";

    public Period CutiBersyaratMaxSentence => Period.FromMonths(CutiBersyaratMaxSentenceMonths);
}

/// <summary>Changing some of a facility's settings: only the keys sent change, each checked against its limits.</summary>
public static class FacilitySettingsRules
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The lowest and highest value each setting may take (the defaults live on <see cref="FacilitySettings"/>).</summary>
    private static readonly Dictionary<string, (long Min, long Max)> Limits = new(StringComparer.Ordinal)
    {
        ["minutesPerJp"] = (1, 240),
        ["maxTrainingMinutesPerDay"] = (1, 1440),
        ["maxWorkMinutesPerDay"] = (1, 1440),
        ["premiMinMinutesPerDay"] = (1, 1440),
        ["profitSharePremiPercent"] = (0, 100),
        ["bnspValidityYears"] = (1, 10),
        ["almostWithinDays"] = (0, 365),
        ["cutiBersyaratMaxSentenceMonths"] = (1, 120),
        ["cutiBersyaratMonths"] = (1, 24),
        ["paroleMinimumDays"] = (0, 3650),
        ["asimilasiDisciplineMonths"] = (0, 60),
        ["paroleDisciplineMonths"] = (0, 60),
        ["cmbMaxMonths"] = (0, 24),
        ["travelHomeAmount"] = (0, 100_000_000),
        ["checklistDisciplineMonths"] = (0, 60),
    };

    /// <summary>The settings that are text, with their longest length (a null or empty value clears a name).</summary>
    private static readonly Dictionary<string, int> TextLimits = new(StringComparer.Ordinal)
    {
        ["headName"] = 200,
        ["headNip"] = 18,
        ["releaseLetterPattern"] = 100,
    };

    public static FacilitySettings Merge(FacilitySettings current, System.Text.Json.Nodes.JsonObject changes)
    {
        var errors = new FieldErrors();
        if (changes.Count == 0)
        {
            errors.Add("body", Catalogue.Fill(Fields.NameAtLeastOneSetting, string.Join(", ", Limits.Keys.Concat(TextLimits.Keys))));
        }
        var merged = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(current, Json))!.AsObject();
        foreach (var (key, value) in changes)
        {
            if (TextLimits.TryGetValue(key, out var longest))
            {
                MergeText(merged, errors, key, value, longest);
            }
            else if (!Limits.TryGetValue(key, out var limit))
            {
                errors.Add(key, Catalogue.Fill(Fields.NotASetting, string.Join(", ", Limits.Keys.Concat(TextLimits.Keys))));
            }
            else if (value is not System.Text.Json.Nodes.JsonValue number || !number.TryGetValue<long>(out var whole))
            {
                errors.Add(key, Fields.MustBeWholeNumber);
            }
            else if (whole < limit.Min || whole > limit.Max)
            {
                errors.Add(key, Catalogue.Fill(Fields.MustBeBetween, limit.Min, limit.Max));
            }
            else
            {
                merged[key] = whole;
            }
        }
        errors.ThrowIfAny();
        return System.Text.Json.JsonSerializer.Deserialize<FacilitySettings>(merged, Json)!;
    }

    /// <summary>
    /// A text setting: a string up to <paramref name="longest"/> characters (null clears it); the NIP is 18 digits;
    /// the letter pattern must hold <c>{n}</c>, or every letter of a year would carry the same number.
    /// </summary>
    private static void MergeText(System.Text.Json.Nodes.JsonObject merged, FieldErrors errors, string key, System.Text.Json.Nodes.JsonNode? value, int longest)
    {
        if (value is null)
        {
            merged[key] = null;
            return;
        }
        if (value is not System.Text.Json.Nodes.JsonValue text || !text.TryGetValue<string>(out var words))
        {
            errors.Add(key, Catalogue.Fill(ReleaseLetters.MustBeTextUpTo, longest));
            return;
        }
        words = words.Trim();
        if (words.Length > longest)
        {
            errors.Add(key, Catalogue.Fill(ReleaseLetters.MustBeTextUpTo, longest));
        }
        else if (key == "headNip" && words.Length > 0 && (words.Length != 18 || !words.All(char.IsAsciiDigit)))
        {
            errors.Add(key, ReleaseLetters.NipMustBe18Digits);
        }
        else if (key == "releaseLetterPattern" && !words.Contains("{n}", StringComparison.Ordinal))
        {
            errors.Add(key, ReleaseLetters.PatternNeedsNumber);
        }
        else
        {
            merged[key] = words.Length == 0 ? null : words;
        }
    }
}
