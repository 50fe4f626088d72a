using Ledger.Core.Premi;
using Ledger.Core.Text;

namespace Ledger.Web.PremiPages;

/// <summary>
/// A scheme's terms as the form posts them: text for rupiah and dates (so "Rp20.000" can be read and a typo named at
/// its field), numbers for the rest. A field the kind does not use is not on the form and stays null.
/// </summary>
public sealed class SchemeForm
{
    public string? Name { get; set; }
    public PremiSchemeKind? Kind { get; set; }
    public string? Rate { get; set; }
    public int? Percent { get; set; }
    public int? MinMinutesPerDay { get; set; }
    public int? MinDaysPerMonth { get; set; }
    public int? SavingsPercent { get; set; }
    public string? MonthlyCap { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidTo { get; set; }

    /// <summary>
    /// The ledger's input, or null with <paramref name="errors"/> naming each field that could not be read (then
    /// nothing is sent: the ledger checks the terms themselves, in <see cref="PremiSchemeRules"/>).
    /// </summary>
    public PremiSchemeInput? ToInput(out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!PremiWords.TryRupiah(Rate, out var rate))
        {
            errors["rate"] = [Premi.NotRupiah];
        }
        if (!PremiWords.TryRupiah(MonthlyCap, out var cap))
        {
            errors["monthlyCap"] = [Premi.NotRupiah];
        }
        if (!PremiWords.TryDate(ValidFrom, out var from))
        {
            errors["validFrom"] = [Premi.NotDate];
        }
        if (!PremiWords.TryDate(ValidTo, out var to))
        {
            errors["validTo"] = [Premi.NotDate];
        }
        return errors.Count > 0 ? null
            : new PremiSchemeInput(Name, Kind, rate, Percent, MinMinutesPerDay, MinDaysPerMonth, SavingsPercent, cap, from, to);
    }
}
