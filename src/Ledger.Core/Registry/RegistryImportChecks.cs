using System.Globalization;
using Ledger.Core.Facilities;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using NodaTime;
using RegistryTexts = Ledger.Core.Text.RegistryImport;

namespace Ledger.Core.Registry;

/// <summary>One field a correction changes, as <c>inmate_correction</c> stores it: language-neutral text (dates
/// yyyy-MM-dd, a sentence P2Y6M0D, a kind by its wire name) and as the report shows it.</summary>
internal sealed record Correction(Guid InmateId, string Field, string? Before, string? After, FieldChange Shown);

/// <summary>
/// The checks of a registry file that need what Ledger holds, and the difference between the two, over the rows
/// read back beside Ledger (<see cref="RegistryImportStore.ReadAsync"/>): pure C#, no query per row. The rules and
/// words are those of the single writes (<see cref="Inmates.InmateRules"/>): a remisi not before the detention, all
/// remisi together not longer than the sentence, none for a life or death sentence, a release not before the
/// current placement, never a second release day.
/// </summary>
internal sealed class RegistryImportPlan
{
    public List<RegistryProblem> Problems { get; } = [];
    public List<PersonMatch> NewPeople { get; } = [];
    public List<(PersonMatch Person, List<Correction> Changes)> Changed { get; } = [];
    public List<PersonMatch> Released { get; } = [];
    public List<EntryMatch> NewRemisi { get; } = [];
    public List<EntryMatch> NewRegisterF { get; } = [];
    public int Unchanged { get; private set; }
    public int RemisiPresent { get; private set; }
    public int RegisterFPresent { get; private set; }

    public bool ChangesSomething => NewPeople.Count + Changed.Count + Released.Count + NewRemisi.Count + NewRegisterF.Count > 0;

    public static RegistryImportPlan Make(Facility facility, List<PersonMatch> people, List<EntryMatch> remisi, List<EntryMatch> registerF,
        IReadOnlyDictionary<string, GrantedSum> granted)
    {
        var plan = new RegistryImportPlan();
        var byNumber = people.ToDictionary(p => p.RegistrationNumber, StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            if (!plan.CheckPerson(person))
            {
                refused.Add(person.RegistrationNumber);
            }
        }

        // Remisi: present ones are counted, new ones checked; the sum per person is checked after the sheet.
        var adding = new Dictionary<string, (int Months, int Days, EntryMatch? Last)>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var entry in remisi)
        {
            if (!plan.Resolve(entry, RegistrySheet.Remisi, facility, refused))
            {
                continue;
            }
            if (entry.Present || !seen.Add((entry.RegistrationNumber, entry.Text.ToUpperInvariant())))
            {
                plan.RemisiPresent++;
                continue;
            }
            var (detention, sentence) = PersonOf(entry, byNumber);
            if (entry.Date < detention)
            {
                plan.Problems.Add(new RegistryProblem(RegistrySheet.Remisi, entry.Line, RegistryColumns.DecreeDate, Iso(entry.Date), Fields.MustNotBeBeforeDetention));
                continue;
            }
            if (sentence.Kind != SentenceKind.Fixed)
            {
                plan.Problems.Add(new RegistryProblem(RegistrySheet.Remisi, entry.Line, RegistryColumns.Months, null, RegistryTexts.RemisiWithoutExpiry));
                continue;
            }
            plan.NewRemisi.Add(entry);
            var sum = adding.GetValueOrDefault(entry.RegistrationNumber);
            adding[entry.RegistrationNumber] = (sum.Months + entry.Months, sum.Days + entry.Days, entry);
        }
        plan.CheckRemisiTotals(people, byNumber, adding, granted, refused);

        var seenF = new HashSet<(string, LocalDate, string)>();
        foreach (var entry in registerF)
        {
            if (!plan.Resolve(entry, RegistrySheet.RegisterF, facility, refused))
            {
                continue;
            }
            if (entry.Present || !seenF.Add((entry.RegistrationNumber, entry.Date, entry.Text)))
            {
                plan.RegisterFPresent++;
                continue;
            }
            if (entry.Date < PersonOf(entry, byNumber).Detention)
            {
                plan.Problems.Add(new RegistryProblem(RegistrySheet.RegisterF, entry.Line, RegistryColumns.Date, Iso(entry.Date), Fields.MustNotBeBeforeDetention));
                continue;
            }
            plan.NewRegisterF.Add(entry);
        }
        return plan;
    }

    /// <summary>Checks a person's row and sorts it into new, changed, released or unchanged; false when refused.</summary>
    private bool CheckPerson(PersonMatch person)
    {
        if (person.Elsewhere is { } elsewhere)
        {
            Problems.Add(new RegistryProblem(RegistrySheet.People, person.Line, RegistryColumns.RegistrationNumber, person.RegistrationNumber,
                Catalogue.Fill(RegistryTexts.RegisteredElsewhere, elsewhere)));
            return false;
        }
        var placementStart = person.PlacementStart ?? person.DetentionDate;
        if (person.ReleasedOn is { } releasedOn)
        {
            if (person.StoredReleasedOn is { } stored && stored != releasedOn)
            {
                Problems.Add(new RegistryProblem(RegistrySheet.People, person.Line, RegistryColumns.ReleasedOn, Iso(releasedOn),
                    Catalogue.Fill(RegistryTexts.ReleasedOnAnotherDay, Format.Date(stored))));
                return false;
            }
            if (person.StoredReleasedOn is null && releasedOn < placementStart)
            {
                Problems.Add(new RegistryProblem(RegistrySheet.People, person.Line, RegistryColumns.ReleasedOn, Iso(releasedOn),
                    Catalogue.Fill(Fields.NotBeforePlacementStart, Format.Date(placementStart))));
                return false;
            }
        }
        if (person.StoredId is null)
        {
            NewPeople.Add(person);
            return true;
        }
        var changes = Corrections(person);
        if (changes.Count > 0)
        {
            Changed.Add((person, changes));
        }
        var released = person.ReleasedOn is not null && person.StoredReleasedOn is null;
        if (released)
        {
            Released.Add(person);
        }
        if (changes.Count == 0 && !released)
        {
            Unchanged++;
        }
        return true;
    }

    /// <summary>The fields whose file value differs from Ledger's. An empty birth date in the file leaves Ledger's.</summary>
    private static List<Correction> Corrections(PersonMatch p)
    {
        var id = p.StoredId!.Value;
        var list = new List<Correction>();
        void Add(string field, string? before, string? after, string? beforeShown, string? afterShown) =>
            list.Add(new Correction(id, field, before, after, new FieldChange(field, beforeShown, afterShown)));
        if (!string.Equals(p.FullName, p.StoredName, StringComparison.Ordinal))
        {
            Add("fullName", p.StoredName, p.FullName, p.StoredName, p.FullName);
        }
        if (p.BirthDate is { } birth && birth != p.StoredBirthDate)
        {
            Add("birthDate", Iso(p.StoredBirthDate), Iso(birth), Iso(p.StoredBirthDate), Iso(birth));
        }
        if (p.DetentionDate != p.StoredDetentionDate)
        {
            Add("detentionDate", Iso(p.StoredDetentionDate), Iso(p.DetentionDate), Iso(p.StoredDetentionDate), Iso(p.DetentionDate));
        }
        if ((p.SentenceYears, p.SentenceMonths, p.SentenceDays) != (p.StoredYears, p.StoredMonths, p.StoredDays))
        {
            Add("sentence", Period(p.StoredYears ?? 0, p.StoredMonths ?? 0, p.StoredDays ?? 0), Period(p.SentenceYears, p.SentenceMonths, p.SentenceDays),
                Shown(p.StoredYears ?? 0, p.StoredMonths ?? 0, p.StoredDays ?? 0), Shown(p.SentenceYears, p.SentenceMonths, p.SentenceDays));
        }
        if (p.SentenceKind != p.StoredKind)
        {
            var before = p.StoredKind is { } k ? Wire.Of(k) : null;
            Add("sentenceKind", before, Wire.Of(p.SentenceKind), before, Wire.Of(p.SentenceKind));
        }
        return list;
    }

    /// <summary>An entry's person is in the file's people sheet or in this facility; otherwise the row is refused.</summary>
    private bool Resolve(EntryMatch entry, RegistrySheet sheet, Facility facility, HashSet<string> refused)
    {
        if (refused.Contains(entry.RegistrationNumber))
        {
            return false;
        }
        if (!entry.InFile && entry.StoredId is null)
        {
            Problems.Add(new RegistryProblem(sheet, entry.Line, RegistryColumns.RegistrationNumber, entry.RegistrationNumber,
                Catalogue.Fill(RegistryTexts.UnknownPerson, facility.Code)));
            return false;
        }
        return true;
    }

    /// <summary>
    /// All remisi of a person, those Ledger holds and those the file adds, must not be longer than the file's sentence
    /// (or Ledger's, for a person the file does not list): the rule and the words of a single grant. The problem is the
    /// person's last new remisi row's, or the sentence's when the file shortens the sentence below what is granted.
    /// </summary>
    private void CheckRemisiTotals(List<PersonMatch> people, Dictionary<string, PersonMatch> byNumber, Dictionary<string, (int Months, int Days, EntryMatch? Last)> adding,
        IReadOnlyDictionary<string, GrantedSum> granted, HashSet<string> refused)
    {
        var numbers = adding.Keys.Concat(people.Where(p => p.StoredId is not null).Select(p => p.RegistrationNumber)).Distinct(StringComparer.Ordinal);
        foreach (var number in numbers)
        {
            if (refused.Contains(number))
            {
                continue;
            }
            var added = adding.GetValueOrDefault(number);
            var stored = granted.GetValueOrDefault(number);
            var months = (stored?.Months ?? 0) + added.Months;
            var days = (stored?.Days ?? 0) + added.Days;
            if (months == 0 && days == 0)
            {
                continue;
            }
            var (detention, sentence) = added.Last is { } last ? PersonOf(last, byNumber) : (byNumber[number].DetentionDate, byNumber[number].Row.Sentence);
            if (sentence.Kind != SentenceKind.Fixed)
            {
                continue;
            }
            var expiry = detention.Plus(sentence.Length);
            if (expiry.PlusMonths(-months).PlusDays(-days) >= detention)
            {
                continue;
            }
            var reason = Catalogue.Fill(Fields.RemisiLongerThanSentence, months, days, sentence.Years, sentence.Months, sentence.Days);
            Problems.Add(added.Last is { } row
                ? new RegistryProblem(RegistrySheet.Remisi, row.Line, row.Months > 0 ? RegistryColumns.Months : RegistryColumns.Days, null, reason)
                : new RegistryProblem(RegistrySheet.People, byNumber[number].Line, RegistryColumns.SentenceYears, null, reason));
            if (added.Last is not null)
            {
                NewRemisi.RemoveAll(r => r.RegistrationNumber == number);
            }
        }
    }

    /// <summary>The detention and sentence an entry is checked against: the file's, or Ledger's for a person the file does not list.</summary>
    private static (LocalDate Detention, Sentence Sentence) PersonOf(EntryMatch entry, Dictionary<string, PersonMatch> byNumber) =>
        byNumber.TryGetValue(entry.RegistrationNumber, out var person)
            ? (person.DetentionDate, person.Row.Sentence)
            : (entry.StoredDetentionDate!.Value, new Sentence(entry.StoredYears ?? 0, entry.StoredMonths ?? 0, entry.StoredDays ?? 0, entry.StoredKind ?? SentenceKind.Fixed));

    internal static string? Iso(LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period(int years, int months, int days) => $"P{years}Y{months}M{days}D";

    /// <summary>A sentence as a person reads it: "2 tahun 6 bulan 0 hari".</summary>
    internal static string Shown(int years, int months, int days) => Catalogue.Fill(RegistryTexts.SentenceText, years, months, days);
}
