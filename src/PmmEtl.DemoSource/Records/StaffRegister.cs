using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>One employee, kept in memory (two thousand of them) for the HR registers that refer to staff.</summary>
internal sealed record Employee(string Id, string Sex, string PayGrade, string Title, bool Uniformed, bool Frontline, LocalDate Hired, LocalDate? Separated)
{
    public bool EmployedOn(LocalDate day) => Hired <= day && (Separated is null || Separated >= day);

    public bool EmployedDuring(LocalDate from, LocalDate to) => Hired <= to && (Separated is null || Separated >= from);
}

/// <summary>
/// About 2,000 employees, uniformed and civilian, by pay grade (SES and GS-15 are senior management, GS-13/14 middle
/// management, GS-5 to GS-12 officer level), with women fewer at the top. Staff on board since before t − 1, joiners
/// and leavers in t − 1 and in t, and the edge cases of a year-end head count: someone hired on 1 January, someone
/// hired on 31 December, someone whose last day is 31 December.
/// </summary>
internal static class StaffRegister
{
    private const int Core = 2_000;

    private static readonly WeightedChoice<string> Grades = new(
        ("SES", 1.5), ("GS15", 2.5), ("GS14", 5), ("GS13", 9), ("GS12", 18), ("GS11", 20), ("GS09", 18), ("GS07", 16), ("GS05", 10));

    private static readonly WeightedChoice<string> OfficerTitles = new(
        ("CBP Officer", 55), ("Agriculture Specialist", 10), ("Import Specialist", 15), ("Mission Support Specialist", 12), ("IT Specialist", 4),
        ("Auditor", 4));

    private static readonly string[] SeniorTitles = ["Executive Director", "Director of Field Operations", "Port Director", "Assistant Commissioner"];
    private static readonly string[] MiddleTitles = ["Supervisory CBP Officer", "Branch Chief", "Chief CBP Officer", "Supervisory Import Specialist"];

    public static IReadOnlyList<Employee> Generate(RegisterContext context)
    {
        Random rng = context.Random("staff");
        int year = context.Year;
        var staff = new List<Employee>(Core + 300);
        int number = 100_000;
        string NextId() => $"E{++number:D6}";

        for (int i = 0; i < Core; i++)
        {
            LocalDate hired = rng.DayBetween(new LocalDate(year - 30, 1, 1), new LocalDate(year - 2, 12, 31));
            LocalDate? separated = rng.NextDouble() switch
            {
                < 0.05 => rng.DayBetween(new LocalDate(year - 1, 1, 1), new LocalDate(year - 1, 12, 31)),
                < 0.11 => rng.DayBetween(context.FirstDay, context.LastDay),
                _ => null,
            };
            staff.Add(Draw(rng, NextId(), hired, separated));
        }

        for (int back = 1; back >= 0; back--)
        {
            int joiners = back == 1 ? 120 : 140;
            for (int i = 0; i < joiners; i++)
            {
                LocalDate hired = rng.DayBetween(new LocalDate(year - back, 1, 1), new LocalDate(year - back, 12, 31));
                LocalDate? separated = rng.Chance(0.03) && hired < context.LastDay.PlusDays(-30) ? rng.DayBetween(hired.PlusDays(30), context.LastDay) : null;
                staff.Add(Draw(rng, NextId(), hired, separated));
            }
        }

        // The head count's edges: counted at year end (hired 1 January or 31 December, last day 31 December).
        staff.Add(Draw(rng, NextId(), context.FirstDay, null));
        staff.Add(Draw(rng, NextId(), context.LastDay, null));
        staff.Add(Draw(rng, NextId(), new LocalDate(year - 10, 5, 3), context.LastDay));

        RegisterTable table = context.Table("staff", staff.Count, DefectColumn.Code("sex", "U", "Q"), DefectColumn.Date("hired_on", year));
        foreach (Employee e in staff)
        {
            table.Text(e.Id).Text(e.Sex).Text(e.PayGrade).Text(e.Title).Flag(e.Uniformed).Flag(e.Frontline).Date(e.Hired).Date(e.Separated).Write();
        }

        return staff;
    }

    public static string Category(string payGrade) => payGrade switch
    {
        "SES" or "GS15" => "SENIOR",
        "GS14" or "GS13" => "MIDDLE",
        _ => "OFFICER",
    };

    private static Employee Draw(Random rng, string id, LocalDate hired, LocalDate? separated)
    {
        string grade = Grades.Pick(rng);
        string title = Category(grade) switch
        {
            "SENIOR" => SeniorTitles[rng.Next(SeniorTitles.Length)],
            "MIDDLE" => MiddleTitles[rng.Next(MiddleTitles.Length)],
            _ => OfficerTitles.Pick(rng),
        };
        double female = Category(grade) switch
        {
            "SENIOR" => 0.30,
            "MIDDLE" => 0.34,
            _ => 0.38,
        };
        string sex = rng.NextDouble() switch
        {
            var x when x < female => "F",
            var x when x < 0.99 => "M",
            _ => "X",
        };
        bool uniformed = title is "CBP Officer" or "Agriculture Specialist" or "Supervisory CBP Officer" or "Chief CBP Officer";
        bool frontline = title is "CBP Officer" or "Agriculture Specialist";
        return new Employee(id, sex, grade, title, uniformed, frontline, hired, separated);
    }
}
