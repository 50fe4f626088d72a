using Ledger.Core.Inmates;
using Ledger.Core.Work;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>A work record as a run sees it: who, when, how much, and whether this scheme has paid it already.</summary>
public sealed record PayableRecord(
    WorkRecordId Id,
    InmateId InmateId,
    string RegistrationNumber,
    string FullName,
    LocalDate Date,
    int Minutes,
    int UnitsPassed,
    string UnitName,
    PremiRunId? PaidBy,
    bool AccountClosed);

/// <summary>Work of the same people already paid by approved runs of the same scheme: which day, by which run, how much.</summary>
public sealed record PaidWork(InmateId InmateId, LocalDate Date, PremiRunId RunId, Rupiah Amount);

/// <summary>A closed order's figures, for a profit-share run.</summary>
public sealed record ProfitPool(Rupiah Revenue, Rupiah Costs);

/// <summary>What one work record contributes to its person's line (the lines' gross is the sum of these).</summary>
public sealed record RecordPay(WorkRecordId WorkRecordId, InmateId InmateId, Rupiah Amount);

/// <summary>A computed draft: lines, the records they pay with their amounts, and the records left out.</summary>
public sealed record PremiComputation(IReadOnlyList<PremiRunLine> Lines, IReadOnlyList<RecordPay> Paid, IReadOnlyList<PremiExclusion> Excluded)
{
    public Rupiah Total => Rupiah.Sum(Lines.Select(l => l.Gross));
}

/// <summary>
/// Premi computed from work records and a scheme version: pure, deterministic, whole rupiah. Shared pools
/// (a profit share, a day's or a month's rate spread over its records, a monthly cap) are split with
/// <see cref="Rupiah.Allocate"/>, so every line is exactly the sum of what its records contribute.
/// </summary>
public static class PremiCalculator
{
    private static readonly string[] MonthNames =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public static string MonthName(YearMonth month) => $"{MonthNames[month.Month - 1]} {month.Year}";

    public static YearMonth MonthOf(LocalDate date) => new(date.Year, date.Month);

    public static PremiComputation Compute(PremiSchemeVersion terms, IReadOnlyList<PayableRecord> records, IReadOnlyList<PaidWork> earlier, ProfitPool? pool)
    {
        var ordered = records.OrderBy(r => r.RegistrationNumber, StringComparer.Ordinal).ThenBy(r => r.Date).ThenBy(r => r.Id.Value).ToList();
        var excluded = new List<PremiExclusion>();
        var paidDays = earlier.GroupBy(p => (p.InmateId, p.Date)).ToDictionary(g => g.Key, g => g.First().RunId);
        var paidMonths = earlier.GroupBy(p => (p.InmateId, MonthOf(p.Date))).ToDictionary(g => g.Key, g => g.First().RunId);
        var paidInMonth = earlier.GroupBy(p => (p.InmateId, MonthOf(p.Date))).ToDictionary(g => g.Key, g => Rupiah.Sum(g.Select(p => p.Amount)));
        var orderPaidBy = ordered.FirstOrDefault(r => r.PaidBy is not null)?.PaidBy;

        var open = new List<PayableRecord>();
        foreach (var r in ordered)
        {
            var reason = r switch
            {
                { AccountClosed: true } => "sudah bebas: akun premi sudah ditutup",
                { PaidBy: { } run } => $"sudah dibayar oleh run {run} dengan skema ini",
                _ when terms.Kind == PremiSchemeKind.DayRate && paidDays.TryGetValue((r.InmateId, r.Date), out var day) =>
                    $"hari {r.Date:yyyy-MM-dd} sudah dibayar oleh run {day}",
                _ when terms.Kind == PremiSchemeKind.Monthly && paidMonths.TryGetValue((r.InmateId, MonthOf(r.Date)), out var month) =>
                    $"bulan {MonthName(MonthOf(r.Date))} sudah dibayar oleh run {month}",
                _ when terms.Kind == PremiSchemeKind.ProfitShare && orderPaidBy is { } shared =>
                    $"laba pesanan ini sudah dibagi oleh run {shared}",
                _ => null,
            };
            if (reason is null)
            {
                open.Add(r);
            }
            else
            {
                excluded.Add(Exclude(r, reason));
            }
        }

        var people = open.GroupBy(r => r.InmateId).Select(g => new Person(g.ToList())).ToList();
        switch (terms.Kind)
        {
            case PremiSchemeKind.PieceRate:
                PieceRate(terms, people);
                break;
            case PremiSchemeKind.DayRate:
                DayRate(terms, people, excluded);
                break;
            case PremiSchemeKind.Monthly:
                Monthly(terms, people, excluded);
                break;
            case PremiSchemeKind.ProfitShare:
                // A released person's share is computed and withheld, never handed to the others.
                var withheld = ordered.Where(r => r.AccountClosed && r.PaidBy is null).GroupBy(r => r.InmateId)
                    .Select(g => (g.First().RegistrationNumber, Passed: g.Sum(r => (long)r.UnitsPassed))).ToList();
                ProfitShare(terms, people, withheld, pool ?? throw new ArgumentException("A profit-share run needs the order's revenue and costs.", nameof(pool)));
                break;
        }

        var lines = new List<PremiRunLine>();
        var paid = new List<RecordPay>();
        foreach (var person in people.Where(p => p.Amounts.Count > 0))
        {
            var notes = terms.MonthlyCap is { } cap ? ApplyCap(person, cap, paidInMonth) : [];
            var gross = Rupiah.Sum(person.Amounts.Values);
            var (spendable, savings) = Rupiah.SplitSavings(gross, terms.SavingsPercent);
            var explanation = string.Join("; ", new[] { person.Formula }.Concat(notes).Append($"{terms.SavingsPercent}% tabungan {savings}"));
            var first = person.Records[0];
            lines.Add(new PremiRunLine(lines.Count + 1, first.InmateId, first.RegistrationNumber, first.FullName, person.Basis, person.BasisUnit,
                person.BasisText, gross, spendable, savings, explanation));
            paid.AddRange(person.Records.Where(r => person.Amounts.ContainsKey(r.Id)).Select(r => new RecordPay(r.Id, r.InmateId, person.Amounts[r.Id])));
        }
        return new PremiComputation(lines, paid, excluded.OrderBy(e => e.RegistrationNumber, StringComparer.Ordinal).ThenBy(e => e.Date).ThenBy(e => e.WorkRecordId.Value).ToList());
    }

    private static void PieceRate(PremiSchemeVersion terms, List<Person> people)
    {
        var rate = terms.Rate!.Value;
        foreach (var person in people)
        {
            foreach (var r in person.Records)
            {
                person.Amounts[r.Id] = rate * r.UnitsPassed;
            }
            person.Basis = person.Records.Sum(r => (long)r.UnitsPassed);
            person.BasisUnit = PremiBasisUnit.UnitsPassed;
            person.BasisText = $"{Rupiah.Grouped(person.Basis)} {UnitName(person.Records)} lolos QC";
            person.Formula = $"{person.BasisText} × {rate} = {Rupiah.Sum(person.Amounts.Values)}";
        }
    }

    private static void DayRate(PremiSchemeVersion terms, List<Person> people, List<PremiExclusion> excluded)
    {
        var rate = terms.Rate!.Value;
        foreach (var person in people)
        {
            foreach (var day in person.Records.GroupBy(r => r.Date))
            {
                var minutes = day.Sum(r => r.Minutes);
                if (minutes >= terms.MinMinutesPerDay)
                {
                    Spread(person, day.ToList(), rate, day.Select(r => (long)r.Minutes).ToList());
                    person.Basis++;
                }
                else
                {
                    excluded.AddRange(day.Select(r => Exclude(r, $"{minutes} menit pada {r.Date:yyyy-MM-dd}, kurang dari minimum {terms.MinMinutesPerDay} menit sehari")));
                }
            }
            person.BasisUnit = PremiBasisUnit.Days;
            person.BasisText = $"{person.Basis} hari kerja";
            person.Formula = $"{person.Basis} hari kerja (≥ {terms.MinMinutesPerDay} menit) × {rate} = {Rupiah.Sum(person.Amounts.Values)}";
        }
    }

    private static void Monthly(PremiSchemeVersion terms, List<Person> people, List<PremiExclusion> excluded)
    {
        var rate = terms.Rate!.Value;
        var minDays = terms.MinDaysPerMonth!.Value;
        foreach (var person in people)
        {
            var details = new List<string>();
            foreach (var month in person.Records.GroupBy(r => MonthOf(r.Date)))
            {
                var days = month.GroupBy(r => r.Date).Count(d => d.Sum(r => r.Minutes) >= terms.MinMinutesPerDay);
                if (days >= minDays)
                {
                    Spread(person, month.ToList(), rate, month.Select(r => (long)r.Minutes).ToList());
                    person.Basis++;
                    details.Add($"{MonthName(month.Key)}: {days} hari kerja");
                }
                else
                {
                    excluded.AddRange(month.Select(r => Exclude(r, $"{days} hari kerja di {MonthName(month.Key)}, kurang dari minimum {minDays} hari")));
                }
            }
            person.BasisUnit = PremiBasisUnit.Months;
            person.BasisText = $"{person.Basis} bulan";
            person.Formula = $"{person.Basis} bulan ({string.Join(", ", details)}; minimum {minDays} hari dari ≥ {terms.MinMinutesPerDay} menit) × {rate} = {Rupiah.Sum(person.Amounts.Values)}";
        }
    }

    private static void ProfitShare(PremiSchemeVersion terms, List<Person> people, List<(string RegistrationNumber, long Passed)> withheld, ProfitPool order)
    {
        var profit = order.Revenue - order.Costs;
        var share = profit > Rupiah.Zero ? profit.PercentRoundedDown(terms.Percent!.Value) : Rupiah.Zero;
        var passed = people.Select(p => p.Records.Sum(r => (long)r.UnitsPassed)).ToList();
        // Everyone who worked on the order is a share holder, in registration-number order (the tie order of the
        // allocation); the shares of people who can no longer be paid are left in the pool, not redistributed.
        var holders = people.Select((p, i) => (p.Records[0].RegistrationNumber, Passed: passed[i], Index: i))
            .Concat(withheld.Select(w => (w.RegistrationNumber, w.Passed, Index: -1)))
            .OrderBy(h => h.RegistrationNumber, StringComparer.Ordinal).ToList();
        var totalPassed = holders.Sum(h => h.Passed);
        var allocated = totalPassed == 0 ? holders.Select(_ => Rupiah.Zero).ToList() : Rupiah.Allocate(share, holders.Select(h => h.Passed).ToList());
        var shares = new Rupiah[people.Count];
        for (var h = 0; h < holders.Count; h++)
        {
            if (holders[h].Index >= 0)
            {
                shares[holders[h].Index] = allocated[h];
            }
        }
        var unit = UnitName(people.SelectMany(p => p.Records));
        var poolText = profit > Rupiah.Zero
            ? $"{terms.Percent}% dari laba {profit} (pendapatan {order.Revenue} − biaya {order.Costs}) = {share}"
            : $"tanpa laba (pendapatan {order.Revenue} − biaya {order.Costs} = {profit})";
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (passed[i] > 0)
            {
                Spread(person, person.Records, shares[i], person.Records.Select(r => (long)r.UnitsPassed).ToList());
            }
            else
            {
                person.Records.ForEach(r => person.Amounts[r.Id] = Rupiah.Zero);
            }
            person.Basis = passed[i];
            person.BasisUnit = PremiBasisUnit.UnitsPassed;
            person.BasisText = $"{Rupiah.Grouped(passed[i])} {unit} lolos QC";
            person.Formula = $"{Rupiah.Grouped(passed[i])} dari {Rupiah.Grouped(totalPassed)} {unit} lolos QC × {poolText} → {shares[i]}";
        }
    }

    /// <summary>
    /// The cap is on a person's gross per calendar month, counting what approved runs of the scheme already paid
    /// that month; a month over it is cut to what is left, spread over its records in proportion.
    /// </summary>
    private static List<string> ApplyCap(Person person, Rupiah cap, Dictionary<(InmateId, YearMonth), Rupiah> paidInMonth)
    {
        var notes = new List<string>();
        foreach (var month in person.Records.Where(r => person.Amounts.ContainsKey(r.Id)).GroupBy(r => MonthOf(r.Date)).ToList())
        {
            var records = month.ToList();
            var uncapped = Rupiah.Sum(records.Select(r => person.Amounts[r.Id]));
            var already = paidInMonth.GetValueOrDefault((person.Records[0].InmateId, month.Key));
            var allowance = Rupiah.Max(Rupiah.Zero, cap - already);
            if (uncapped > allowance)
            {
                var weights = records.Select(r => person.Amounts[r.Id].Value).ToList();
                Spread(person, records, allowance, weights);
                notes.Add($"batas bulanan {cap}{(already > Rupiah.Zero ? $" (sudah dibayar {already})" : "")}: {MonthName(month.Key)} {uncapped} → {allowance}");
            }
        }
        return notes;
    }

    private static void Spread(Person person, List<PayableRecord> records, Rupiah pool, List<long> weights)
    {
        var amounts = Rupiah.Allocate(pool, weights);
        for (var i = 0; i < records.Count; i++)
        {
            person.Amounts[records[i].Id] = amounts[i];
        }
    }

    private static string UnitName(IEnumerable<PayableRecord> records)
    {
        var names = records.Select(r => r.UnitName).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 1 ? names[0] : WorkRules.DefaultUnitName;
    }

    private static PremiExclusion Exclude(PayableRecord r, string reason) => new(r.Id, r.InmateId, r.RegistrationNumber, r.Date, reason);

    private sealed class Person(List<PayableRecord> records)
    {
        public List<PayableRecord> Records { get; } = records;
        public Dictionary<WorkRecordId, Rupiah> Amounts { get; } = [];
        public long Basis { get; set; }
        public PremiBasisUnit BasisUnit { get; set; }
        public string BasisText { get; set; } = "";
        public string Formula { get; set; } = "";
    }
}
