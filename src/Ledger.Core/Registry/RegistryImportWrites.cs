using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using Ledger.Core.Storage;

namespace Ledger.Core.Registry;

/// <summary>
/// The writes of an accepted registry file, set-based in the session's transaction: each kind of change is one
/// INSERT ... SELECT (or UPDATE ... FROM) over the staged rows it names by line, never a statement per person.
/// Ledger's own records (training, certificates, work, premi) are not touched, and a release does not pay out
/// the premi account: that stays finance's own step.
/// </summary>
internal static class RegistryImportWrites
{
    public static async Task ApplyAsync(WriteSession session, Facility facility, Guid importId, RegistryImportPlan plan, CancellationToken ct)
    {
        var newLines = plan.NewPeople.Select(p => p.Line).ToArray();
        var changedLines = plan.Changed.Select(c => c.Person.Line).ToArray();
        var releasedLines = plan.Released.Select(p => p.Line).ToArray();
        var corrections = plan.Changed.SelectMany(c => c.Changes).ToList();
        const string People = """
            insert into inmate (id, facility_code, registration_number, full_name, birth_date, detention_date,
                                sentence_years, sentence_months, sentence_days, sentence_kind, released_on, created_at)
            select s.new_id, @facility, s.registration_number, s.full_name, s.birth_date, s.detention_date,
                   s.sentence_years, s.sentence_months, s.sentence_days, s.sentence_kind, s.released_on, @at
            from registry_person s where s.line = any(@newLines);
            insert into inmate_placement (inmate_id, facility_code, started_on)
            select s.new_id, @facility, s.detention_date from registry_person s where s.line = any(@newLines);

            -- A correction first, then the change it explains (the inmate trigger looks for it).
            insert into inmate_correction (id, inmate_id, field, before, after, source, import_id, recorded_by, recorded_at, txid)
            select c.id, c.inmate_id, c.field, c.before, c.after, 'registry-import', @importId, @by, @at, 0
            from unnest(@correctionIds, @correctionInmates, @fields, @befores, @afters) as c(id, inmate_id, field, before, after);
            update inmate i
            set full_name = s.full_name, birth_date = coalesce(s.birth_date, i.birth_date), detention_date = s.detention_date,
                sentence_years = s.sentence_years, sentence_months = s.sentence_months, sentence_days = s.sentence_days,
                sentence_kind = s.sentence_kind
            from registry_person s
            where s.line = any(@changedLines) and i.facility_code = @facility and i.registration_number = s.registration_number;

            update inmate i set released_on = s.released_on
            from registry_person s
            where s.line = any(@releasedLines) and i.facility_code = @facility and i.registration_number = s.registration_number
              and i.released_on is null;

            insert into remission (id, inmate_id, kind, granted_on, months, days, decree_number, recorded_by, recorded_at)
            select r.id, i.id, r.kind, r.granted_on, r.months, r.days, r.decree_number, @by, @at
            from registry_remisi r join inmate i on i.facility_code = @facility and i.registration_number = r.registration_number
            where r.line = any(@remisiLines);

            insert into discipline_entry (id, inmate_id, occurred_on, description, recorded_by, recorded_at)
            select f.id, i.id, f.occurred_on, f.description, @by, @at
            from registry_register_f f join inmate i on i.facility_code = @facility and i.registration_number = f.registration_number
            where f.line = any(@registerFLines);
            """;
        await session.Connection.ExecuteAsync(RegistryImportStore.Long(session, People, new
        {
            facility = facility.Code,
            at = session.Now,
            by = session.Actor.UserSub,
            importId,
            newLines,
            changedLines,
            releasedLines,
            correctionIds = corrections.Select(_ => Guid.CreateVersion7()).ToArray(),
            correctionInmates = corrections.Select(c => c.InmateId).ToArray(),
            fields = corrections.Select(c => c.Field).ToArray(),
            befores = corrections.Select(c => c.Before).ToArray(),
            afters = corrections.Select(c => c.After).ToArray(),
            remisiLines = plan.NewRemisi.Select(r => r.Line).ToArray(),
            registerFLines = plan.NewRegisterF.Select(f => f.Line).ToArray(),
        }, ct));

        var touched = Touched(plan);
        // The kept release dates of everyone the import touched (new, corrected, released, with new remisi), in one pass.
        await KeptReleaseDates.KeepAsync(session, [.. touched.Select(t => InmateId.From(Guid.Parse(t.Subject)))], ct);
        session.AfterCommit(() => Pipeline.LedgerMetrics.ImportedRows.Add(touched.Count, new KeyValuePair<string, object?>("kind", "registry")));
        await AuditStore.AppendEachAsync(session, facility.Code, "registry.import", [.. touched.Select(t => t.Subject), importId.ToString()],
            [.. touched.Select(t => t.Detail), Summary(plan)], ct);
    }

    /// <summary>Each person the import touches, by id, with what changed: "new", or the fields, "releasedOn", "remisi+N", "registerF+N".</summary>
    private static List<(string Subject, string Detail)> Touched(RegistryImportPlan plan)
    {
        var details = new Dictionary<string, (Guid Id, List<string> What)>(StringComparer.Ordinal);
        List<string> Of(string number, Guid id)
        {
            if (!details.TryGetValue(number, out var entry))
            {
                entry = (id, []);
                details.Add(number, entry);
            }
            return entry.What;
        }
        foreach (var person in plan.NewPeople)
        {
            Of(person.RegistrationNumber, person.NewId).Add("new");
        }
        foreach (var (person, changes) in plan.Changed)
        {
            Of(person.RegistrationNumber, person.StoredId!.Value).AddRange(changes.Select(c => c.Field));
        }
        foreach (var person in plan.Released)
        {
            Of(person.RegistrationNumber, person.StoredId!.Value).Add("releasedOn");
        }
        var newIds = plan.NewPeople.ToDictionary(p => p.RegistrationNumber, p => p.NewId, StringComparer.Ordinal);
        foreach (var (sheet, entries) in new[] { ("remisi", plan.NewRemisi), ("registerF", plan.NewRegisterF) })
        {
            foreach (var group in entries.GroupBy(e => e.RegistrationNumber, StringComparer.Ordinal))
            {
                var first = group.First();
                Of(group.Key, first.StoredId ?? newIds[group.Key]).Add($"{sheet}+{group.Count()}");
            }
        }
        return [.. details.Values.Select(d => (d.Id.ToString(), string.Join(',', d.What)))];
    }

    /// <summary>The summary row's detail: the figures of the import.</summary>
    private static string Summary(RegistryImportPlan plan) =>
        $"new={plan.NewPeople.Count},changed={plan.Changed.Count},released={plan.Released.Count},remisi+{plan.NewRemisi.Count},registerF+{plan.NewRegisterF.Count}";
}
