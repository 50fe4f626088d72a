using System.Text.RegularExpressions;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Facilities;

/// <summary>A Lapas (UPT) with its region, its IANA time zone and its settings.</summary>
public sealed record Facility(string Code, string Name, string Region, string TimeZone, FacilitySettings Settings, Instant CreatedAt)
{
    /// <summary>The calendar day at <paramref name="instant"/> in this facility's zone: "today" is today there.</summary>
    public LocalDate DateAt(Instant instant) => instant.InZone(DateTimeZoneProviders.Tzdb[TimeZone]).Date;
}

/// <summary>The request to register a facility: its code, name, region and IANA time zone.</summary>
/// <remarks>Fields are nullable so a missing one is reported, not defaulted.</remarks>
public sealed record NewFacility(string? Code, string? Name, string? Region, string? TimeZone);

/// <summary>Rules for facility and region codes.</summary>
public static partial class FacilityRules
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    public static bool IsSlug(string? value) => value is not null && value.Length <= 60 && Slug().IsMatch(value);

    public static bool IsTimeZone(string? value) => value is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is not null;

    public static void Validate(NewFacility input)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.Code, "code") && !IsSlug(input.Code))
        {
            errors.Add("code", Catalogue.Fill(Fields.MustBeSlugSuchAs, "lapas-cirebon"));
        }
        errors.Text(input.Name, "name", 200);
        if (errors.Required(input.Region, "region") && !IsSlug(input.Region))
        {
            errors.Add("region", Catalogue.Fill(Fields.MustBeSlugSuchAs, "jawa-barat"));
        }
        if (errors.Required(input.TimeZone, "timeZone") && !IsTimeZone(input.TimeZone))
        {
            errors.Add("timeZone", Fields.MustBeTimeZone);
        }
        errors.ThrowIfAny();
    }
}

/// <summary>
/// What a user may reach: the facilities named in their claims and, for region-wide users
/// (kanwil, and admins who register facilities), every facility of their regions.
/// </summary>
public sealed record AccessScope(IReadOnlySet<string> Facilities, IReadOnlySet<string> Regions)
{
    public bool Covers(string facilityCode, string region) => Facilities.Contains(facilityCode) || Regions.Contains(region);
}
