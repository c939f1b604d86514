using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Passengers processed at the representative airport (JFK), half as many records as declarations: arrivals through
/// the green, red or another lane, departures; about one arriving passenger in fifty is searched (most of them from
/// the red lane, a few at random from the green), and each search is an inspection. Flights arrive around the clock,
/// so times in the autumn DST fold occur; a few records keep a clock that was not yet put forward in spring.
/// </summary>
internal sealed class PassengerControls
{
    public const string Airport = "USJFK1";

    private static readonly WeightedChoice<int> Hours = new(Enumerable.Range(0, 24).Select(h => (h, h switch
    {
        < 5 => 0.25,
        < 7 => 0.7,
        _ => 1.0,
    })).ToArray());

    private readonly RegisterContext _context;
    private readonly Inspections _inspections;

    public PassengerControls(RegisterContext context, Inspections inspections)
    {
        _context = context;
        _inspections = inspections;
    }

    public void Generate()
    {
        Random rng = _context.Random("passenger_control");
        OfficeProfile airport = _context.Office(Airport);
        int count = _context.PerDeclaration(0.5, 40);
        RegisterTable table = _context.Table("passenger_control", count,
            DefectColumn.Code("flow", "TRN", "X"), DefectColumn.Date("clearance_date", _context.Year), DefectColumn.Office("office_code"));
        var ids = new SequenceIds("PAX", _context.Year, 8);
        int days = _context.FirstDay.Calendar.GetDaysInYear(_context.Year);
        for (int i = 0; i < count; i++)
        {
            LocalDate day = _context.FirstDay.PlusDays(rng.Next(days));
            var local = day + new LocalTime(Hours.Pick(rng), rng.Next(60), rng.Next(60));
            // Lenient: a time drawn in the spring gap is read as the clock shows it after the change.
            Instant at = airport.Zone.AtLeniently(local).ToInstant();
            Write(table, ids.Next(), rng, airport, at, at.InZone(airport.Zone).LocalDateTime);
        }

        // Deliberate DST cases: arrivals in the fold (01:00–01:59 twice on the autumn date), and records whose wall
        // clock was not put forward, so their local time lies in the spring gap.
        foreach (DstTransition change in airport.Transitions)
        {
            for (int i = 0; i < Math.Max(2, _context.Declarations / 20_000); i++)
            {
                Instant at = change.At + Duration.FromSeconds(rng.Next(change.IsGap ? 0 : -(int)change.Length.TotalSeconds, (int)change.Length.TotalSeconds));
                LocalDateTime local = change.IsGap ? at.WithOffset(change.Before).LocalDateTime : at.InZone(airport.Zone).LocalDateTime;
                Write(table, ids.Next(), rng, airport, at, local);
            }
        }
    }

    private void Write(RegisterTable table, string id, Random rng, OfficeProfile airport, Instant at, LocalDateTime local)
    {
        bool arrival = rng.Chance(0.55);
        string channel = arrival ? rng.NextDouble() switch
        {
            < 0.88 => "G",
            < 0.98 => "R",
            _ => "X",
        } : "X";
        bool searched = channel switch
        {
            "R" => rng.Chance(0.3),
            "G" => rng.Chance(0.005),
            _ => rng.Chance(0.01),
        };
        table.Text(id).Text(airport.Code).Date(local.Date).Text(arrival ? "ARR" : "DEP").Integer(4).Time(local).Text(channel).Flag(searched)
            .Flag(rng.Chance(0.97)).Write();
        if (searched)
        {
            _inspections.Passenger(airport.Code, airport.Zone, at, channel == "R");
        }
    }
}
