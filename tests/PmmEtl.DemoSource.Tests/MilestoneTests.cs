using NodaTime;
using NodaTime.TimeZones;

namespace PmmEtl.DemoSource.Tests;

/// <summary>The order and durations of milestones of sound rows, measured as instants in the office zone.</summary>
public sealed class MilestoneTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    [Fact]
    public void Registration_date_is_the_local_date_of_the_first_milestone()
    {
        foreach (DeclarationRow d in SoundRows())
        {
            string? first = d.DeclarationType == "IM" && d.PreArrival == 0 ? source.Content.TimeOf(d, "ARR") : source.Content.TimeOf(d, "LOD");
            Assert.Equal(d.RegistrationDate, first![..10]);
        }
    }

    [Fact]
    public void Milestones_come_in_a_plausible_order()
    {
        foreach ((DeclarationRow d, Dictionary<string, Instant> at) in UnambiguousSoundRows())
        {
            string row = $"row {d.RowId} ({d.DeclarationType})";
            if (at.TryGetValue("REL", out Instant released))
            {
                Assert.True(released >= at["ARR"], $"{row}: released before arrival");
                Assert.True(!at.TryGetValue("CLR", out Instant cleared) || released >= cleared, $"{row}: released before clearance");
            }

            if (at.TryGetValue("INS", out Instant inspected) && at.TryGetValue("INE", out Instant inspectedUntil))
            {
                Assert.InRange((inspectedUntil - inspected).TotalHours, 1, 6);
            }

            if (at.TryGetValue("LOB", out Instant loaded))
            {
                Assert.InRange((loaded - released).TotalHours, 0.9, 72.1);
            }

            if (d.PreArrival == 1)
            {
                Assert.InRange((at["ARR"] - at["LOD"]).TotalHours, 1, 48);
            }
            else if (d.DeclarationType == "IM")
            {
                Assert.True(at["LOD"] >= at["ARR"], $"{row}: lodged before arrival without pre-arrival");
            }
        }
    }

    [Fact]
    public void Clearance_takes_minutes_on_green_hours_on_yellow_and_longer_on_red()
    {
        var minutes = UnambiguousSoundRows()
            .Where(r => r.Declaration.DeclarationType == "IM" && r.Declaration.Ecommerce == 0 && r.At.ContainsKey("CLR") && !r.At.ContainsKey("OGA"))
            .GroupBy(r => r.Declaration.ControlChannel)
            .ToDictionary(g => g.Key, g => Median(g.Select(r => (r.At["CLR"] - r.At["LOD"]).TotalMinutes)));

        Assert.InRange(minutes["G"], 20, 60);
        Assert.InRange(minutes["Y"], 90, 360);
        Assert.InRange(minutes["R"], 8 * 60, 30 * 60);
    }

    [Fact]
    public void Low_risk_green_ecommerce_imports_are_cleared_in_minutes()
    {
        var minutes = UnambiguousSoundRows()
            .Where(r => r.Declaration is { DeclarationType: "IM", Ecommerce: 1, RiskLevel: "L", ControlChannel: "G" } && r.At.ContainsKey("CLR") && !r.At.ContainsKey("OGA"))
            .Select(r => (r.At["CLR"] - r.At["LOD"]).TotalMinutes)
            .ToList();

        Assert.NotEmpty(minutes);
        Assert.All(minutes, m => Assert.InRange(m, 1, 16));
    }

    [Fact]
    public void Only_declarations_of_the_last_weeks_are_still_open()
    {
        var open = SoundRows().Where(d => !source.Content.EventsOf[d.RowId].Any(e => e.EventCode == "REL")).ToList();

        Assert.NotEmpty(open);
        Assert.All(open, d => Assert.True(string.CompareOrdinal(d.RegistrationDate, "2025-12-10") >= 0, $"row {d.RowId} of {d.RegistrationDate} is open"));
    }

    private IEnumerable<DeclarationRow> SoundRows()
    {
        var bad = BadRowFinder.Find(source.Content, source.File).Values.SelectMany(r => r).ToHashSet();
        return source.Content.Declarations.Where(d => !bad.Contains(d.RowId));
    }

    /// <summary>Sound rows whose every time maps to exactly one instant, with those instants by event code.</summary>
    private IEnumerable<(DeclarationRow Declaration, Dictionary<string, Instant> At)> UnambiguousSoundRows()
    {
        foreach (DeclarationRow d in SoundRows())
        {
            DateTimeZone zone = ExpectedOffices.ZoneOf(d.OfficeCode)!;
            var at = new Dictionary<string, Instant>();
            foreach (EventRow e in source.Content.EventsOf[d.RowId])
            {
                ZoneLocalMapping mapping = zone.MapLocal(SourceContent.ParseLocal(e.EventLocalTime)!.Value);
                if (mapping.Count != 1)
                {
                    at.Clear();
                    break;
                }

                at[e.EventCode] = mapping.Single().ToInstant();
            }

            if (at.Count > 0)
            {
                yield return (d, at);
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
