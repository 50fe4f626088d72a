using System.Diagnostics;
using System.Text.Json.Serialization;
using Ledger.Core.Sentences;

namespace Ledger.Core.Readiness;

/// <summary>
/// Which item of the release checklist, a kebab-case name: <c>competent-certificate-valid-at-release</c>,
/// <c>required-training-reached</c>, <c>savings-for-travel-home</c> or <c>no-discipline-{months}-months</c> with the
/// facility's checklist window.
/// </summary>
/// <remarks>
/// In code the months are a parameter of the value, never digits to read back out of a string;
/// <see cref="ToString"/> is the one place each name is spelled.
/// </remarks>
[JsonConverter(typeof(WireNameConverter<ChecklistItemName>))]
public abstract record ChecklistItemName : IWireName<ChecklistItemName>
{
    public sealed record CompetentCertificateValidAtRelease : ChecklistItemName;

    public sealed record RequiredTrainingReached : ChecklistItemName;

    public sealed record SavingsForTravelHome : ChecklistItemName;

    /// <summary>No register-F entry in the facility's checklist window; spelled like the release rights' condition.</summary>
    public sealed record NoDisciplineWithin(int Months) : ChecklistItemName;

    /// <summary>The wire name, e.g. <c>savings-for-travel-home</c>.</summary>
    public sealed override string ToString() => this switch
    {
        CompetentCertificateValidAtRelease => "competent-certificate-valid-at-release",
        RequiredTrainingReached => "required-training-reached",
        SavingsForTravelHome => "savings-for-travel-home",
        NoDisciplineWithin(var months) => new ConditionName.NoDisciplineWithin(months).ToString(),
        _ => throw new UnreachableException($"{GetType().Name} has no wire name"),
    };

    /// <summary>The item whose <see cref="ToString"/> is <paramref name="name"/> (see <see cref="WireNames"/>).</summary>
    public static ChecklistItemName Parse(string name) => WireNames.Pick<ChecklistItemName>(name,
        [new CompetentCertificateValidAtRelease(), new RequiredTrainingReached(), new SavingsForTravelHome(), new NoDisciplineWithin(WireNames.NumberIn(name))]);
}
