using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using RegistryTexts = Ledger.Core.Text.RegistryImport;

namespace Ledger.Core.Registry;

/// <summary>
/// The registry import as one operation for every adapter (the API's endpoint, the staff page, the demo seed): preview
/// or apply a registry file to a facility, and the report.
/// </summary>
public static class RegistryImport
{
    /// <summary>Each list of a report holds at most this many items.</summary>
    public const int MaxListed = 10_000;

    /// <summary>
    /// Reads and checks the file in the session's transaction and, unless <paramref name="dryRun"/>, applies it all or
    /// nothing. A refused file (any problem) writes nothing, whatever <paramref name="dryRun"/> says.
    /// </summary>
    /// <remarks>
    /// The steps: the facility's lock (two imports of one Lapas run one after the other, the second seeing the first's
    /// result), the file's three sheets staged by binary COPY as they stream (<see cref="RegistryImportStore"/>),
    /// read back beside Ledger in one round trip, the checks and the difference (<see cref="RegistryImportPlan"/>),
    /// and for a clean file the set-based writes (<see cref="RegistryImportWrites"/>).
    /// </remarks>
    public static async Task<RegistryImportReport> PreviewOrApplyAsync(WriteSession session, Facility facility, RegistryUpload upload, bool dryRun,
        CancellationToken ct)
    {
        await RegistryImportStore.LockFacilityAsync(session, facility, ct);
        var (file, openProblems) = await RegistryFile.OpenAsync(upload, ct);
        if (file is null)
        {
            return Refused(dryRun, openProblems, DefaultNames.Instance);
        }
        await using var _ = file;
        var today = facility.DateAt(session.Now);
        var problems = new List<RegistryProblem>(openProblems);
        await RegistryImportStore.CreateStagingAsync(session, ct);
        await RegistryImportStore.StagePeopleAsync(session, file.PeopleAsync(problems, today, ct), ct);
        await RegistryImportStore.StageRemisiAsync(session, file.RemisiAsync(problems, today, ct), ct);
        await RegistryImportStore.StageRegisterFAsync(session, file.RegisterFAsync(problems, today, ct), ct);
        var (people, remisi, registerF, granted) = await RegistryImportStore.ReadAsync(session, facility, ct);
        var plan = RegistryImportPlan.Make(facility, people, remisi, registerF, granted);
        problems.AddRange(plan.Problems);
        var (missing, missingCount) = await RegistryImportStore.MissingAsync(session, facility, MaxListed, ct);

        var applied = !dryRun && problems.Count == 0 && plan.ChangesSomething;
        if (applied)
        {
            await RegistryImportWrites.ApplyAsync(session, facility, Guid.CreateVersion7(), plan, ct);
        }
        var counts = new RegistryCounts(file.Rows(RegistrySheet.People), plan.NewPeople.Count, plan.Changed.Count, plan.Unchanged, missingCount, plan.Released.Count,
            file.Rows(RegistrySheet.Remisi), plan.NewRemisi.Count, plan.RemisiPresent, file.Rows(RegistrySheet.RegisterF), plan.NewRegisterF.Count,
            plan.RegisterFPresent, problems.Count);
        var newEntries = plan.NewRemisi.Select(r => new NewEntry(RegistrySheet.Remisi, r.Line, r.RegistrationNumber, r.Date,
                Catalogue.Fill(RegistryTexts.RemisiText, r.Text, r.Months, r.Days)))
            .Concat(plan.NewRegisterF.Select(f => new NewEntry(RegistrySheet.RegisterF, f.Line, f.RegistrationNumber, f.Date, f.Text)));
        return new RegistryImportReport(dryRun, applied, counts,
            [.. plan.NewPeople.Take(MaxListed).Select(p => new PersonChange(p.RegistrationNumber, p.FullName, applied ? Inmates.InmateId.From(p.NewId) : null, []))],
            [.. plan.Changed.Take(MaxListed).Select(c => new PersonChange(c.Person.RegistrationNumber, c.Person.FullName, Inmates.InmateId.From(c.Person.StoredId!.Value),
                [.. c.Changes.Select(x => x.Shown)]))],
            [.. plan.Released.Take(MaxListed).Select(p => new PersonChange(p.RegistrationNumber, p.FullName, Inmates.InmateId.From(p.StoredId!.Value),
                [new FieldChange("releasedOn", null, RegistryImportPlan.Iso(p.ReleasedOn))]))],
            missing, [.. newEntries.Take(MaxListed)], Reported(problems, new FileNames(file)), file.IgnoredColumns);
    }

    /// <summary>A file that could not be opened: its problems and nothing else.</summary>
    private static RegistryImportReport Refused(bool dryRun, IReadOnlyList<RegistryProblem> problems, INames names) =>
        new(dryRun, false, new RegistryCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, problems.Count), [], [], [], [], [], Reported(problems, names), []);

    /// <summary>The problems in reading order (people, remisi, register F; by line), the first <see cref="MaxListed"/>, as the caller reads them.</summary>
    private static List<ReportedRegistryProblem> Reported(IEnumerable<RegistryProblem> problems, INames names) =>
        [.. problems.Select((p, i) => (p, i)).OrderBy(x => x.p.Sheet).ThenBy(x => x.p.Line).ThenBy(x => x.i).Take(MaxListed).Select(x => Report(x.p, names))];

    /// <summary>A problem with its sheet and column named as in the file, and its sentence.</summary>
    private static ReportedRegistryProblem Report(RegistryProblem problem, INames names)
    {
        var sheet = names.Sheet(problem.Sheet);
        var column = problem.Column is "header" or "row" or "sheet" ? problem.Column : names.Column(problem.Sheet, problem.Column);
        var message = problem.Column is "header" or "row" or "sheet" ? Catalogue.Fill(RegistryTexts.ProblemOfLine, sheet, problem.Line, problem.Reason)
            : string.IsNullOrEmpty(problem.Value) ? Catalogue.Fill(RegistryTexts.ProblemOfCell, sheet, problem.Line, column, problem.Reason)
            : Catalogue.Fill(RegistryTexts.ProblemWithValue, sheet, problem.Line, column, problem.Value, problem.Reason);
        return new ReportedRegistryProblem(sheet, problem.Line, column, problem.Value, problem.Reason, message);
    }

    /// <summary>How a report names sheets and columns: as the file writes them, or (a file that could not be opened) by default.</summary>
    private interface INames
    {
        string Sheet(RegistrySheet sheet);

        string Column(RegistrySheet sheet, string column);
    }

    private sealed class FileNames(IRegistryFile file) : INames
    {
        public string Sheet(RegistrySheet sheet) => file.SheetName(sheet);

        public string Column(RegistrySheet sheet, string column) => file.ColumnName(sheet, column);
    }

    private sealed class DefaultNames : INames
    {
        public static readonly DefaultNames Instance = new();

        public string Sheet(RegistrySheet sheet) => sheet switch
        {
            RegistrySheet.Remisi => RegistryTexts.RemisiSheet,
            RegistrySheet.RegisterF => RegistryTexts.RegisterFSheet,
            _ => RegistryTexts.PeopleSheet,
        };

        public string Column(RegistrySheet sheet, string column) => column;
    }
}
