using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// The HR registers that refer to staff: competency ratings of frontline officers (once a year in t − 1 and t, so
/// that any financial year overlapping them has ratings), training participations in t (virtual and in-person, in
/// and out of the approved plan, some too short to count as a course), and disciplinary measures.
/// </summary>
internal static class HumanResources
{
    private const int Competencies = 8;

    private static readonly WeightedChoice<int> ConductElements = new(
        (1, 12), (2, 10), (3, 14), (4, 8), (5, 9), (6, 2), (7, 6), (8, 9), (9, 10), (10, 2), (11, 18));

    private static readonly string[] Measures = ["Written reprimand", "Suspension 5 days", "Suspension 14 days", "Demotion", "Removal"];

    public static void CompetencyRatings(RegisterContext context, IReadOnlyList<Employee> staff)
    {
        Random rng = context.Random("competency_assessment");
        RegisterTable table = context.Table("competency_assessment", staff.Count(e => e.Frontline) * Competencies,
            DefectColumn.Code("level_acquired", "high", "n/a"), DefectColumn.Date("rated_on", context.Year));
        foreach (Employee e in staff.Where(e => e.Frontline))
        {
            for (int year = context.Year - 1; year <= context.Year; year++)
            {
                LocalDate rated = rng.WorkingDay(year);
                if (!e.EmployedOn(rated))
                {
                    continue;
                }

                for (int c = 1; c <= Competencies; c++)
                {
                    int required = 2 + rng.Next(3);
                    int gap = rng.NextDouble() switch
                    {
                        < 0.70 => 0,
                        < 0.88 => 1,
                        < 0.93 => 2,
                        _ => -1,
                    };
                    int acquired = Math.Clamp(required - gap, 1, 4);
                    table.Text(e.Id).Text($"CMP{c:D2}").Date(rated).Integer(required).Integer(acquired).Integer(4).Write();
                }
            }
        }
    }

    public static void TrainingParticipations(RegisterContext context, IReadOnlyList<Employee> staff)
    {
        Random rng = context.Random("training");
        RegisterTable table = context.Table("training", staff.Count,
            DefectColumn.Code("delivery", "X", "ONLINE"), DefectColumn.Date("start_on", context.Year));
        var ids = new SequenceIds("TR", context.Year, 6);
        foreach (Employee e in staff.Where(e => e.EmployedDuring(context.FirstDay, context.LastDay)))
        {
            int courses = rng.Chance(0.22) ? 0 : 1 + rng.Next(3);
            LocalDate from = e.Hired > context.FirstDay ? e.Hired : context.FirstDay;
            LocalDate to = e.Separated is { } s && s < context.LastDay ? s : context.LastDay;
            for (int i = 0; i < courses; i++)
            {
                LocalDate start = rng.DayBetween(from, to);
                bool virtualCourse = rng.Chance(0.55);
                // Some sessions are shorter than a course (3 h virtual, 6 h in person) and do not count.
                double hours = virtualCourse ? Math.Round(rng.Uniform(1, 16) * 2) / 2 : Math.Round(rng.Uniform(2, 40) * 2) / 2;
                string provider = rng.NextDouble() switch
                {
                    < 0.70 => "ACAD",
                    < 0.90 => "GOV",
                    _ => "INTL",
                };
                table.Text(ids.Next()).Text(e.Id).Text($"CRS-{100 + rng.Next(60)}").Date(start).Date(start.PlusDays((int)(hours / 8)))
                    .Amount(hours).Text(virtualCourse ? "V" : "P").Text(provider).Flag(rng.Chance(0.88)).Flag(rng.Chance(0.4)).Write();
            }
        }
    }

    /// <summary>About one official in eighty receives a measure in the year; a few receive two.</summary>
    public static void DisciplinaryCases(RegisterContext context, IReadOnlyList<Employee> staff)
    {
        Random rng = context.Random("disciplinary_case");
        Employee[] employed = staff.Where(e => e.EmployedDuring(context.FirstDay, context.LastDay)).ToArray();
        int count = Math.Max(3, employed.Length / 80);
        RegisterTable table = context.Table("disciplinary_case", count,
            DefectColumn.Code("conduct_element", 99L, 0L), DefectColumn.Date("measure_on", context.Year));
        var ids = new SequenceIds("DC", context.Year, 4);
        Employee? previous = null;
        for (int i = 0; i < count; i++)
        {
            Employee e = previous is not null && rng.Chance(0.1) ? previous : employed[rng.Next(employed.Length)];
            previous = e;
            LocalDate from = e.Hired > context.FirstDay ? e.Hired : context.FirstDay;
            LocalDate to = e.Separated is { } s && s < context.LastDay ? s : context.LastDay;
            table.Text(ids.Next()).Text(e.Id).Date(rng.DayBetween(from, to)).Text(e.PayGrade).Integer(ConductElements.Pick(rng))
                .Text(rng.Chance(0.6) ? "INT" : "EXT").Text(Measures[rng.Next(Measures.Length)]).Write();
        }
    }
}
