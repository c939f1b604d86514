using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>Register times are office-local too, and some fall in a DST gap or fold, as the declaration times do.</summary>
public sealed class RegisterDstTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    [Fact]
    public void Passenger_controls_at_JFK_include_times_in_the_spring_gap_and_the_autumn_fold()
    {
        DateTimeZone newYork = ExpectedOffices.ZoneOf("USJFK1")!;
        var counts = source.Register(RecordTypes.PassengerControl).Rows
            .Select(r => SourceContent.ParseLocal(r["occurred_at"]))
            .OfType<LocalDateTime>()
            .Select(t => (t, n: newYork.MapLocal(t).Count))
            .Where(x => x.n != 1)
            .ToList();

        // Two deliberate records per change (max(2, 2,000 / 20,000)), and flights that land in the repeated hour.
        Assert.Equal(2, counts.Count(x => x.n == 0));
        Assert.True(counts.Count(x => x.n == 2) >= 2);
        Assert.All(counts, x => Assert.Equal(x.n == 0 ? new LocalDate(2025, 3, 9) : new LocalDate(2025, 11, 2), x.t.Date));
    }

    [Fact]
    public void Register_times_are_wall_clock_text_and_mostly_unambiguous()
    {
        foreach (RecordSchema register in new[] { RecordTypes.Inspection, RecordTypes.Shipment, RecordTypes.PassengerControl })
        {
            var sound = RegisterValidator.Sound(source.Register(register)).ToList();
            foreach (RecordField field in register.Fields.Where(f => f.Type == FieldType.LocalTime))
            {
                Assert.All(sound.Select(r => r[field.Name]).OfType<string>(), t => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", t));
            }
        }
    }
}
