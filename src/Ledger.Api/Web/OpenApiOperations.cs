using System.Reflection;
using Ledger.Api.Audit;
using Ledger.Api.Facilities;
using Ledger.Api.Inmates;
using Ledger.Api.Premi;
using Ledger.Api.Readiness;
using Ledger.Api.Registry;
using Ledger.Api.Reports;
using Ledger.Api.Skills;
using Ledger.Api.Work;

namespace Ledger.Api.Web;

/// <summary>
/// The name (operationId), the one-line summary and, where it helps, a description of every operation, keyed by
/// its handler: a generated client's method names come from here, so an id never changes once published.
/// A new endpoint needs a line here (OpenApiTests fails without one).
/// </summary>
public static class OpenApiOperations
{
    public sealed record Operation(string Id, string Summary, string? Description = null);

    private static readonly Dictionary<MethodInfo, Operation> ByHandler = new()
    {
        [Of(FacilityEndpoints.Create)] = new("createFacility", "Register a facility"),
        [Of(FacilityEndpoints.List)] = new("listFacilities", "List the facilities you can reach"),
        [Of(FacilityEndpoints.Get)] = new("getFacility", "Get a facility and its settings"),
        [Of(FacilityEndpoints.UpdateSettings)] = new("updateFacilitySettings", "Change some of a facility's settings"),

        [Of(InmateEndpoints.Register)] = new("registerInmate", "Register a warga binaan"),
        [Of(InmateEndpoints.List)] = new("listInmates", "List or search the warga binaan of a facility"),
        [Of(InmateEndpoints.Get)] = new("getInmate", "Get a warga binaan's file"),
        [Of(InmateEndpoints.GrantRemission)] = new("grantRemission", "Record a remisi"),
        [Of(InmateEndpoints.RecordDiscipline)] = new("recordDiscipline", "Record a register-F entry"),
        [Of(InmateEndpoints.Transfer)] = new("transferInmate", "Transfer a warga binaan to another facility"),
        [Of(InmateEndpoints.Release)] = new("releaseInmate", "Release a warga binaan and pay out their premi"),

        [Of(WorkEndpoints.Create)] = new("createWorkOrder", "Open a work order"),
        [Of(WorkEndpoints.List)] = new("listWorkOrders", "List the work orders of a facility"),
        [Of(WorkEndpoints.Get)] = new("getWorkOrder", "Get a work order with its progress",
            "Units produced and passed against the quantity, workers, days and minutes."),
        [Of(WorkEndpoints.Record)] = new("recordWork", "Record a batch of work records",
            "All records or none: a refused row is named with its index, e.g. `[3].unitsPassed`."),
        [Of(WorkEndpoints.Records)] = new("listWorkRecords", "List the work records of an order"),
        [Of(WorkEndpoints.Close)] = new("closeWorkOrder", "Close a work order"),
        [Of(WorkEndpoints.Reverse)] = new("reverseWorkRecord", "Reverse a work record"),
        [Of(WorkEndpoints.ImportRecords)] = new("importWorkRecords", "Import work records from a CSV or xlsx file, or preview the import"),
        [Of(WorkEndpoints.RecordsTemplate)] = new("getWorkRecordsImportTemplate", "Download the work-records import template"),

        [Of(PremiEndpoints.CreateScheme)] = new("createPremiScheme", "Set up a premi scheme"),
        [Of(PremiEndpoints.ListSchemes)] = new("listPremiSchemes", "List the premi schemes of a facility"),
        [Of(PremiEndpoints.GetScheme)] = new("getPremiScheme", "Get a premi scheme with all its versions"),
        [Of(PremiEndpoints.AddVersion)] = new("addPremiSchemeVersion", "Change a scheme's terms",
            "A change of terms is the scheme's next version; runs keep naming the version they used."),
        [Of(PremiEndpoints.CreateRun)] = new("createPremiRun", "Compute a draft premi run",
            "Nothing is posted until another finance user approves the draft."),
        [Of(PremiEndpoints.ListRuns)] = new("listPremiRuns", "List the premi runs of a facility"),
        [Of(PremiEndpoints.GetRun)] = new("getPremiRun", "Get a premi run with its lines"),
        [Of(PremiEndpoints.LinesCsv)] = new("getPremiRunLines", "Download a run's payment list (CSV)",
            "The payment list to sign: Bahasa Indonesia headers, a TOTAL row, UTF-8 with a byte-order mark."),
        [Of(PremiEndpoints.PaymentListFile)] = new("getPremiPaymentList", "Download an approved run's payment list (xlsx or CSV)",
            "The payment list to pay and sign: xlsx (a header block with the Lapas, period, scheme and run, numbers as number cells, a TOTAL row, "
            + "signature lines for the Bendahara and the Kepala Lapas) or CSV for Indonesian Excel (';'-separated, UTF-8 with a byte-order mark, "
            + "RFC 4180 quoting), chosen by format=xlsx|csv or else by the Accept header (xlsx by default). A draft or cancelled run has nothing to pay: 409."),
        [Of(PremiEndpoints.Approve)] = new("approvePremiRun", "Approve a draft run and post it",
            "Posts every line to the premi accounts once; the approver must not be the user who computed the draft."),
        [Of(PremiEndpoints.Cancel)] = new("cancelPremiRun", "Cancel a draft run"),
        [Of(PremiEndpoints.GetAccount)] = new("getPremiAccount", "Get a person's premi account"),
        [Of(PremiEndpoints.Withdraw)] = new("withdrawPremi", "Withdraw from a premi account",
            "A withdrawal from one part; beyond its balance the answer is 409 and nothing is written."),
        [Of(PremiEndpoints.ReverseEntry)] = new("reversePremiEntry", "Reverse a premi entry"),
        [Of(PremiEndpoints.PayOut)] = new("payOutPremiAtRelease", "Pay out a released person's premi",
            "Finance pays out both parts once the release is recorded, closing the account; a second payout is 409 naming the first."),

        [Of(ReadinessEndpoints.Summary)] = new("getReleaseReadiness", "Get a person's release-readiness summary",
            "As of `asOf` (default: today in the facility's time zone)."),
        [Of(ReadinessEndpoints.ReleaseFile)] = new("getReleaseFile", "Get a person's printable release file",
            "One or two printable A4 pages of HTML in Bahasa Indonesia, as of `asOf` (default: today)."),
        [Of(ReadinessEndpoints.UsulanHistory)] = new("getUsulan", "Get a person's parole and leave applications (usulan)",
            "Every recorded step per right (asimilasi, PB, CB, CMB) and each right's current state."),
        [Of(ReadinessEndpoints.RecordUsulan)] = new("recordUsulan", "Record the next step of an usulan",
            "Drafted, sent to the TPP, decree received (SK number and date) or refused (reason); a step out of order is 400 at its field."),
        [Of(ReadinessEndpoints.Worklist)] = new("listUpcomingReleases", "List who reaches a release date soon",
            "Who reaches expiry or a release right within `withinDays` days (default 90), soonest first."),

        [Of(ReportEndpoints.Facility)] = new("getFacilityProgrammeReport", "Report a facility's programmes for a period",
            "Per programme from `from` to `to`, both included (default: 1 January to today)."),
        [Of(ReportEndpoints.Region)] = new("getRegionProgrammeReport", "Report a region's programmes for a period",
            "The same for every facility of the region that the caller may read; a region outside the caller's reach answers 404."),
        [Of(ReportEndpoints.Dashboard)] = new("getRegionDashboard", "Get the Kanwil dashboard of a region for a period",
            "Per Lapas and in total: participants, training hours, certificates, units produced and passed QC, premi posted, from `from` to `to` (default: the span of the region's largest recent work order). Only for callers whose region claim names the region."),

        [Of(SkillEndpoints.CreateProgramme)] = new("createProgramme", "Set up a programme"),
        [Of(SkillEndpoints.ListProgrammes)] = new("listProgrammes", "List the programmes of a facility"),
        [Of(SkillEndpoints.ReviseProgramme)] = new("reviseProgramme", "Correct a programme's name or required minutes, with the history kept",
            "The revision (who, when, reason, before → after) is stored with the change and the change is audited; a retired programme is not revised."),
        [Of(SkillEndpoints.RetireProgramme)] = new("retireProgramme", "Retire a programme from a day on"),
        [Of(SkillEndpoints.RecordSession)] = new("recordTrainingSession", "Record one training session for many people",
            "One programme, one day, one length, many people; all entries or none."),
        [Of(SkillEndpoints.ImportTraining)] = new("importTraining", "Import training from a CSV or xlsx file, or preview the import"),
        [Of(SkillEndpoints.TrainingTemplate)] = new("getTrainingImportTemplate", "Download the training import template"),
        [Of(RegistryEndpoints.ImportRegistry)] = new("importRegistry", "Import a facility's registry from SDP's export (xlsx or CSV), or preview the import",
            "People new, changed (field by field), released, unchanged and missing; remisi and register F entries new or present; every problem by sheet, line and column. All or nothing; re-importing the same file changes nothing."),
        [Of(RegistryEndpoints.RegistryTemplateFile)] = new("getRegistryImportTemplate", "Download the registry import template"),
        [Of(SkillEndpoints.RecordTraining)] = new("recordTraining", "Record a person's training"),
        [Of(SkillEndpoints.ListTraining)] = new("listTraining", "List a person's training entries",
            "From `from` to `to`, both included (default: the whole record)."),
        [Of(SkillEndpoints.PersonSkills)] = new("getSkills", "Get a person's skills view",
            "Standing per programme, the entries from `from` to `to`, and certificates with their validity."),
        [Of(SkillEndpoints.IssueCertificate)] = new("issueCertificate", "Record a certificate"),
        [Of(SkillEndpoints.ListCertificates)] = new("listCertificates", "List a person's certificates",
            "Each with its validity today and on the expected release day."),
        [Of(SkillEndpoints.Reverse)] = new("reverseTraining", "Reverse a training entry"),
        [Of(SkillEndpoints.Revoke)] = new("revokeCertificate", "Revoke a certificate"),

        [Of(AuditEndpoints.List)] = new("listAuditEntries", "Read a facility's audit trail",
            "Entries from the start of `from` to the end of `to`, days in the facility's time zone (default: the last 30 days)."),
    };

    private static MethodInfo Of(Delegate handler) => handler.Method;

    /// <summary>The entry for an endpoint's handler, or null when it has none.</summary>
    public static Operation? For(MethodInfo? handler) =>
        handler is not null && ByHandler.TryGetValue(handler, out var operation) ? operation : null;
}
