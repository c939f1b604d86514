namespace PmmEtl.DemoSource.Tests;

/// <summary>Shares of the brief, with bands wide enough for a 2,000-declaration sample.</summary>
public sealed class DistributionTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    private IReadOnlyList<DeclarationRow> Rows => source.Content.Declarations;

    [Fact]
    public void Declaration_types()
    {
        Assert.InRange(Share(d => d.DeclarationType == "IM"), 0.40, 0.60);
        Assert.InRange(Share(d => d.DeclarationType == "EX"), 0.22, 0.38);
        Assert.InRange(Share(d => d.DeclarationType == "TR"), 0.04, 0.12);
        Assert.InRange(Share(d => d.DeclarationType == "CG"), 0.07, 0.17);
    }

    [Fact]
    public void Office_shares()
    {
        Assert.InRange(Share(d => d.OfficeCode == "USNYC1"), 0.20, 0.30);
        Assert.InRange(Share(d => d.OfficeCode == "USJFK1"), 0.15, 0.25);
        Assert.InRange(Share(d => d.OfficeCode == "USHNL5"), 0.02, 0.08);
    }

    [Fact]
    public void Control_channels_with_less_red_for_AEO()
    {
        Assert.InRange(Share(d => d.ControlChannel == "G"), 0.62, 0.80);
        Assert.InRange(Share(d => d.ControlChannel == "Y"), 0.13, 0.27);
        Assert.InRange(Share(d => d.ControlChannel == "R"), 0.05, 0.15);

        var aeo = source.Content.Traders.Where(t => t.AeoStatus is not null).Select(t => t.TraderId).ToHashSet();
        double redAeo = Share(d => d.ControlChannel == "R", d => aeo.Contains(d.TraderId));
        double redOther = Share(d => d.ControlChannel == "R", d => !aeo.Contains(d.TraderId));
        Assert.True(redAeo < redOther, $"AEO red {redAeo:P1} is not below others' {redOther:P1}");
    }

    [Fact]
    public void Traders_and_AEO()
    {
        var traders = source.Content.Traders;
        var aeo = traders.Where(t => t.AeoStatus is not null).Select(t => t.TraderId).ToHashSet();

        Assert.InRange(traders.Count, 4_000, 6_000);
        Assert.InRange(aeo.Count / (double)traders.Count, 0.10, 0.20);
        Assert.All(traders, t => Assert.True(t.AeoStatus is null or "AEOF" or "AEOS"));
        Assert.All(traders, t => Assert.Equal(t.AeoStatus is null, t.AeoValidFrom is null));
        Assert.All(traders.Where(t => t.AeoValidFrom is not null), t => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", t.AeoValidFrom!));
        Assert.InRange(Share(d => aeo.Contains(d.TraderId)), 0.28, 0.42);
        Assert.All(Rows, d => Assert.Contains(d.TraderId, traders.Select(t => t.TraderId)));
    }

    [Fact]
    public void Pre_arrival_ecommerce_and_immediate_release()
    {
        Assert.InRange(Share(d => d.PreArrival == 1, d => d.DeclarationType == "IM"), 0.32, 0.48);
        Assert.All(Rows.Where(d => d.DeclarationType != "IM"), d => Assert.Equal(0, d.PreArrival));

        Assert.InRange(Share(d => d.Ecommerce == 1), 0.14, 0.26);
        Assert.InRange(Share(d => d.OfficeCode is "USLAX4" or "USJFK1", d => d.Ecommerce == 1), 0.70, 1.0);
        Assert.InRange(Share(d => d.RiskLevel == "L", d => d.Ecommerce == 1), 0.72, 0.88);

        Assert.InRange(Share(d => d.ImmediateRelease == 1, d => d.Ecommerce == 1 && d.ControlChannel == "G" && d.RiskLevel == "L"), 0.75, 1.0);
        Assert.DoesNotContain(Rows, d => d.ImmediateRelease == 1 && d.ControlChannel == "R");
    }

    [Fact]
    public void Submission_channels_and_modes()
    {
        Assert.InRange(Share(d => d.SubmissionChannel == "EDI"), 0.54, 0.66);
        Assert.InRange(Share(d => d.SubmissionChannel == "WEB"), 0.15, 0.25);
        Assert.InRange(Share(d => d.SubmissionChannel == "SW"), 0.08, 0.16);
        Assert.InRange(Share(d => d.SubmissionChannel is "EMAIL" or "SCAN" or "PAPER"), 0.04, 0.12);
        Assert.All(Rows, d => Assert.InRange(d.TransportMode, 1, 5));
        Assert.All(Rows, d => Assert.Contains(d.RiskLevel, new[] { "L", "M", "H" }));

        var defaults = ExpectedOffices.All.ToDictionary(o => o.Code, o => (long)o.Mode);
        Assert.InRange(Share(d => d.TransportMode == defaults[d.OfficeCode], d => defaults.ContainsKey(d.OfficeCode)), 0.70, 0.95);
        Assert.InRange(Share(d => d.TransportMode == 5, d => d.OfficeCode == "USLAX4"), 0.40, 0.80);
    }

    [Fact]
    public void OGA_permits_for_some_imports_and_exports()
    {
        var content = source.Content;
        bool HasPermit(DeclarationRow d) => content.EventsOf[d.RowId].Any(e => e.EventCode == "OGA");

        Assert.InRange(Share(HasPermit, d => d.DeclarationType == "IM"), 0.10, 0.20);
        Assert.InRange(Share(HasPermit, d => d.DeclarationType == "EX"), 0.06, 0.14);
        Assert.DoesNotContain(Rows, d => d.DeclarationType is "TR" or "CG" && HasPermit(d));
    }

    [Fact]
    public void Weekdays_carry_most_of_the_traffic_and_every_month_has_some()
    {
        var dates = Rows.Select(d => DateOnly.ParseExact(d.RegistrationDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.InRange(dates.Count(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) / (double)dates.Count, 0.80, 0.97);
        Assert.Equal(12, dates.Select(d => d.Month).Distinct().Count());
    }

    private double Share(Func<DeclarationRow, bool> predicate, Func<DeclarationRow, bool>? among = null)
    {
        var population = Rows.Where(among ?? (_ => true)).ToList();
        return population.Count(predicate) / (double)population.Count;
    }
}
