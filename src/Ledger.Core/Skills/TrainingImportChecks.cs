using System.Globalization;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Import;
using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>
/// The checks of a training import that need the database, over the whole staged file at once: a fixed handful
/// of set-based statements whatever its length, never a query per row.
/// </summary>
internal static class TrainingImportChecks
{
    /// <summary>
    /// The people and programmes the file names are resolved into small tables (the people locked first, in id
    /// order, as single entries lock their person). What is already recorded for those people on the file's days is
    /// read once, by index ranges per person; the days beyond the daily limit and the entries already there are found
    /// from it and kept as small tables of exceptions.
    /// Then one pass over the staged rows, with hash joins to those small tables, finds every refused cell.
    /// </summary>
    public static async Task<(IReadOnlyList<ImportProblem> Problems, int Count)> CheckAsync(WriteSession session, Facility facility, StagedImport staged, CancellationToken ct)
    {
        const string Resolve = """
            select count(*) from (
              select i.id from inmate i where i.facility_code = @facility and i.registration_number = any(@numbers) order by i.id for update
            ) as locked;
            create temp table import_person on commit drop as
            select n.person_no::int as person_no, i.id as inmate_id, i.detention_date, i.released_on
            from unnest(@numbers) with ordinality as n(registration_number, person_no)
            join inmate i on i.facility_code = @facility and i.registration_number = n.registration_number;
            create temp table import_stay on commit drop as
            select p.person_no, pl.started_on, pl.ended_on
            from import_person p join inmate_placement pl on pl.inmate_id = p.inmate_id
            where pl.facility_code = @facility;
            select count(*) from (select g.id from programme g where g.facility_code = @facility and g.code = any(@codes) for share) as locked;
            create temp table import_programme on commit drop as
            select n.programme_no::int as programme_no, g.id, g.kind, g.starts_on, g.retired_on
            from unnest(@codes) with ordinality as n(code, programme_no)
            join programme g on g.facility_code = @facility and g.code = n.code;
            analyze import_person;
            analyze import_stay;
            analyze import_programme;

            -- What is already recorded for the file's people on the days of the file, per programme and day: read through
            -- the person-and-day index, one range per person (from their first to their last day in the file), so the
            -- cost follows the file, not the table. OFFSET 0 keeps the planner from flattening the LATERAL into a join
            -- it may answer with a scan of every entry of every Lapas.
            create temp table import_span on commit drop as
            select person_no, min(day) as first_day, max(day) as last_day
            from training_import
            where person_no is not null and day is not null
            group by person_no;
            create temp table import_entries on commit drop as
            select s.person_no, e.programme_id, e.day, sum(e.minutes)::int as minutes
            from import_span s
            join import_person p on p.person_no = s.person_no
            cross join lateral (
              select e.id, e.programme_id, e.day, e.minutes
              from training_entry e
              where e.inmate_id = p.inmate_id and e.day between s.first_day and s.last_day
              offset 0
            ) as e
            where not exists (select 1 from training_reversal r where r.entry_id = e.id)
            group by s.person_no, e.programme_id, e.day;
            analyze import_entries;

            -- Days on which the file and what is already recorded exceed the daily limit.
            create temp table import_over_limit on commit drop as
            with file_day as (
              select person_no, day, sum(minutes)::int as adding
              from training_import
              where person_no is not null and day is not null and minutes is not null
              group by person_no, day
            ),
            recorded_day as (
              select person_no, day, sum(minutes)::int as minutes
              from import_entries
              group by person_no, day
            )
            select f.person_no, f.day, f.adding, coalesce(r.minutes, 0) as recorded
            from file_day f
            left join recorded_day r on r.person_no = f.person_no and r.day = f.day
            where f.adding + coalesce(r.minutes, 0) > @max;

            -- Live entries already recorded for a person, programme and day of the file's period.
            create temp table import_recorded on commit drop as
            select e.person_no, g.programme_no, e.day, e.minutes
            from import_entries e
            join import_programme g on g.id = e.programme_id;
            analyze import_over_limit;
            analyze import_recorded;
            """;
        await session.Connection.ExecuteAsync(TrainingImportStore.Long(session, Resolve, new
        {
            facility = facility.Code,
            numbers = staged.People.ToArray(),
            codes = staged.Programmes.ToArray(),
            max = facility.Settings.MaxTrainingMinutesPerDay,
        }, ct));

        const string Check = """
            with checked as (
              select s.line, s.person_no, s.programme_no, s.day, s.minutes,
                     p.detention_date, p.released_on, g.starts_on, g.retired_on,
                     o.adding, o.recorded, r.minutes as recorded_here,
                     (s.person_no is not null and p.inmate_id is null) as unknown_person,
                     (s.programme_no is not null and g.id is null) as unknown_programme,
                     (g.kind = 'production') as production_only,
                     (g.kind <> 'production' and not ((g.starts_on is null or g.starts_on <= s.day) and (g.retired_on is null or s.day < g.retired_on))) as inactive,
                     (s.day < p.detention_date) as before_detention,
                     (s.day >= p.detention_date and (st.person_no is null or s.day > p.released_on)) as not_held,
                     (r.minutes > 0) as already_recorded,
                     (o.adding is not null) as over_limit
              from training_import s
              left join import_person p on p.person_no = s.person_no
              left join import_programme g on g.programme_no = s.programme_no
              left join import_stay st on st.person_no = s.person_no and st.started_on <= s.day and (st.ended_on is null or s.day < st.ended_on)
              left join import_over_limit o on o.person_no = s.person_no and o.day = s.day
              left join import_recorded r on r.person_no = s.person_no and r.programme_no = s.programme_no and r.day = s.day
            )
            -- Only refused rows are spread into one row per problem (a clean file spreads none).
            select c.line as Line, v.column_name as Column, v.code as Code, c.person_no as PersonNo, c.programme_no as ProgrammeNo,
                   c.day as Day, c.minutes as Minutes, c.detention_date as DetentionDate, c.released_on as ReleasedOn,
                   c.starts_on as StartsOn, c.retired_on as RetiredOn, c.adding as Adding, c.recorded as Recorded,
                   c.recorded_here as RecordedHere, (count(*) over ())::int as Total
            from checked c
            cross join lateral (values
              ('registrationNumber', 'unknown-person', c.unknown_person),
              ('programmeCode', 'unknown-programme', c.unknown_programme),
              ('programmeCode', 'production-only', c.production_only),
              ('programmeCode', 'inactive', c.inactive),
              ('date', 'before-detention', c.before_detention),
              ('date', 'not-held', c.not_held),
              ('date', 'already-recorded', c.already_recorded),
              ('minutes', 'over-limit', c.over_limit)
            ) as v(column_name, code, failed)
            where (c.unknown_person or c.unknown_programme or c.production_only or c.inactive or c.before_detention or c.not_held
                   or c.already_recorded or c.over_limit)
              and v.failed
            order by c.line
            limit @limit
            """;
        var rows = (await session.Connection.QueryAsync<CheckRow>(TrainingImportStore.Long(session, Check, new { limit = TrainingImportStore.MaxListedProblems }, ct))).AsList();
        var problems = rows.Select(r => r.ToProblem(staged, facility)).ToList();
        return (problems, rows.Count == 0 ? 0 : rows[0].Total);
    }

    /// <summary>One refused cell as the check found it, with what its words need.</summary>
    private sealed record CheckRow(int Line, string Column, string Code, int? PersonNo, int? ProgrammeNo, LocalDate? Day, int? Minutes,
        LocalDate? DetentionDate, LocalDate? ReleasedOn, LocalDate? StartsOn, LocalDate? RetiredOn, int? Adding, int? Recorded, int? RecordedHere, int Total)
    {
        public ImportProblem ToProblem(StagedImport staged, Facility facility)
        {
            var day = Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var registration = PersonNo is { } person ? staged.People[person] : null;
            var code = ProgrammeNo is { } programme ? staged.Programmes[programme] : null;
            return Code switch
            {
                "unknown-person" => new ImportProblem(Line, Column, registration, TrainingRules.UnknownPerson(facility.Code)),
                "unknown-programme" => new ImportProblem(Line, Column, code, TrainingRules.UnknownProgramme(code!, facility.Code)),
                "production-only" => new ImportProblem(Line, Column, code, TrainingRules.ProductionOnly(code!)),
                "inactive" => new ImportProblem(Line, Column, code, TrainingRules.Inactive(code!, Day!.Value, StartsOn, RetiredOn)),
                "before-detention" => new ImportProblem(Line, Column, day, TrainingRules.BeforeDetention(DetentionDate!.Value)),
                "not-held" => new ImportProblem(Line, Column, day, TrainingRules.NotHeld(facility.Code, Day!.Value, ReleasedOn)),
                "already-recorded" => new ImportProblem(Line, Column, day, TrainingRules.AlreadyRecorded(code!, Day!.Value, RecordedHere!.Value)),
                "over-limit" => new ImportProblem(Line, Column, Minutes?.ToString(CultureInfo.InvariantCulture),
                    TrainingRules.OverDailyLimit(Day!.Value, Recorded!.Value, Adding!.Value, facility.Settings.MaxTrainingMinutesPerDay)),
                _ => throw new InvalidOperationException($"Unknown import check '{Code}'."),
            };
        }
    }
}
