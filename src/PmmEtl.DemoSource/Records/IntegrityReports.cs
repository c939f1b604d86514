using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Reports received through the integrity channels in the demo year, and whether an investigation or control
/// measure followed. Reports received in December are sometimes acted on in January of the next year: the report
/// still belongs to the year it was received in (K48 counts by receipt).
/// </summary>
internal static class IntegrityReports
{
    private static readonly WeightedChoice<string> Channels = new(("HL", 35), ("SV", 25), ("II", 15), ("IR", 10), ("MD", 8), ("OT", 7));

    public static void Generate(RegisterContext context, IReadOnlyList<Employee> staff)
    {
        Random rng = context.Random("integrity_report");
        int count = Math.Max(10, staff.Count / 28);
        RegisterTable table = context.Table("integrity_report", count,
            DefectColumn.Code("channel", "XX", "FAX"), DefectColumn.Date("received_on", context.Year));
        var ids = new SequenceIds("IR", context.Year, 4);
        for (int i = 0; i < count; i++)
        {
            // The last three reports arrive in December and are acted on in January.
            bool lateDecember = i >= count - 3;
            LocalDate received = lateDecember
                ? rng.DayBetween(new LocalDate(context.Year, 12, 10), new LocalDate(context.Year, 12, 28))
                : rng.DayBetween(context.FirstDay, context.LastDay);
            string channel = Channels.Pick(rng);
            bool internalSource = channel is "SV" or "II" or "IR" ? rng.Chance(0.9) : rng.Chance(0.1);
            bool acted = lateDecember || rng.Chance(0.45);
            LocalDate? actionOn = !acted ? null
                : lateDecember ? rng.DayBetween(new LocalDate(context.Year + 1, 1, 5), new LocalDate(context.Year + 1, 1, 25))
                : received.PlusDays(rng.Next(3, 61));
            string? grade = rng.Chance(0.8) ? staff[rng.Next(staff.Count)].PayGrade : null;
            long? element = rng.Chance(0.85) ? 1 + rng.Next(11) : null;
            table.Text(ids.Next()).Date(received).Text(channel).Text(grade).Integer(element).Text(internalSource ? "INT" : "EXT").Flag(acted)
                .Date(actionOn).Write();
        }
    }
}
