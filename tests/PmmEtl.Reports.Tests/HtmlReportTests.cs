using System.Text.RegularExpressions;

namespace PmmEtl.Reports.Tests;

/// <summary>The report's content and its independence from anything outside the file.</summary>
public sealed partial class HtmlReportTests
{
    private readonly string _html = HtmlReportWriter.Render(SampleReport.Report());

    [Fact]
    public void Opens_offline_no_script_no_external_font_image_or_stylesheet()
    {
        Assert.DoesNotContain("<script", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Tag().Matches(_html), tag => OnHandler().IsMatch(tag.Value)); // no onclick= and the like
        // The only address is the SVG namespace, which a browser never fetches; every link is an anchor in the page.
        Assert.Equal(["http://www.w3.org/2000/svg"], Url().Matches(_html).Select(m => m.Value).Distinct());
        Assert.All(Href().Matches(_html), m => Assert.StartsWith("#", m.Groups[1].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_area_table_shows_each_KPI_beside_the_previous_year_with_the_change()
    {
        // K04: 310.84 in 2025, 331.08 in 2024: −20.24. K10: 91.93 and 96.40: −4.47.
        Assert.Contains("<h2>I. Trade Facilitation and Economic Competitiveness</h2>", _html, StringComparison.Ordinal);
        Assert.Matches("K04</a></td><td>Physical release time for import</td><td>PMM</td><td class=\"num\"><b>310.84</b></td><td class=\"num\">331.08</td><td class=\"num\"><span class=\"down\"[^>]*>−20.24</span>", _html);
        Assert.Matches("K10</a></td><td>Rate of electronic declarations</td><td>PMM</td><td class=\"num\"><b>91.93</b></td><td class=\"num\">96.40</td><td class=\"num\"><span class=\"down\"[^>]*>−4.47</span>", _html);
    }

    [Fact]
    public void Months_and_quarters_stand_beside_the_previous_period_across_the_year_boundary()
    {
        // January 2025 against December 2024 (298.00): +2.50; February against January: 320.25 − 300.50 = +19.75.
        Assert.Matches("<tr><td>2025-01</td><td class=\"num\">300.50</td><td class=\"num\" title=\"2024-12\">298.00</td><td class=\"num\"><span class=\"up\"[^>]*>\\+2.50</span>", _html);
        Assert.Matches("<tr><td>2025-02</td><td class=\"num\">320.25</td><td class=\"num\" title=\"2025-01\">300.50</td><td class=\"num\"><span class=\"up\"[^>]*>\\+19.75</span>", _html);
        // 2025-Q1 has no 2024-Q4 to compare with.
        Assert.Matches("<tr><td>2025-Q1</td><td class=\"num\">310.00</td><td class=\"num\" title=\"\"><span class=\"none\">—</span>", _html);
    }

    [Fact]
    public void The_actor_split_the_histogram_and_the_trends_are_drawn()
    {
        Assert.Contains("Stage breakdown by responsible actor", _html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Business 93.43 min", _html, StringComparison.Ordinal);
        Assert.Contains("Customs 163.56 min", _html, StringComparison.Ordinal);
        // Customs 163.56 against 170.84 in 2024: −7.28.
        Assert.Matches("<tr><td>Customs</td><td class=\"num\">163.56</td><td class=\"num\">170.84</td><td class=\"num\"><span class=\"down\"[^>]*>−7.28</span>", _html);

        // Histogram bins, with the suppressed one outlined rather than drawn.
        foreach (string label in new[] { "0–15m", "15–30m", "30m–1h", "1h–7d", "≥7d" })
        {
            Assert.Contains($">{label}</text>", _html, StringComparison.Ordinal);
        }

        Assert.Contains("<title>suppressed (small count)</title>", _html, StringComparison.Ordinal);

        // Year by year from the history: 2023 (340.00) and 2024 (331.08), then this year.
        Assert.Contains("<title>2023 (v1): 340.00 min</title>", _html, StringComparison.Ordinal);
        Assert.Contains("<title>2024 (v3): 331.08 min</title>", _html, StringComparison.Ordinal);
        Assert.Contains("<title>2025 (this version): 310.84 min</title>", _html, StringComparison.Ordinal);
        // Month by month: 2025 and the dashed 2024 line.
        Assert.Contains("<title>2025 Feb: 320.25 min</title>", _html, StringComparison.Ordinal);
        Assert.Contains("<title>2024 Dec: 298.00 min</title>", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_and_version_facts_are_shown()
    {
        Assert.Contains("<span class=\"supp\" title=\"suppressed: counts 4 declarations, fewer than the publication minimum of 10\">suppressed</span>", _html, StringComparison.Ordinal);
        Assert.Contains("supersedes v2: 2 values changed, 1 added, 0 removed", _html, StringComparison.Ordinal);
        Assert.Contains("audience: national", _html, StringComparison.Ordinal);
        Assert.Contains("<dd>suppressed below 10 declarations</dd>", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_value_is_shown_as_its_text_without_charts_it_cannot_fill()
    {
        // K10's 2025 total as a yearly text answer, and the 2024 one beside it.
        var report = SampleReport.Report() with
        {
            Values = [new(SampleReport.Value("K10", "year", new NodaTime.LocalDate(2025, 1, 1), null, 0) with { ValueText = "Implementation complete <5>" }, false)],
            PreviousYear = [new(SampleReport.Value("K10", "year", new NodaTime.LocalDate(2024, 1, 1), null, 0) with { ValueText = "Finalising implementation" }, false)],
            History = [],
        };

        string html = HtmlReportWriter.Render(report);

        // The area table and the headline show the text, escaped; the previous year's text beside it.
        Assert.Contains("<td class=\"num\"><b><span class=\"txt\" title=\"\">Implementation complete &lt;5&gt;</span></b></td><td class=\"num\"><span class=\"txt\" title=\"\">Finalising implementation</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"headline\">Implementation complete &lt;5&gt;<small>2025 · 2024: <span class=\"txt\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"nm\"", html, StringComparison.Ordinal); // not "not measurable"
        // A yearly answer has no months to draw, no numbers for the yearly bars and no quarters or months to list.
        Assert.DoesNotContain("<h4>Month by month</h4>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h4>Year by year</h4>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h4>Quarters and months", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suppressed_text_is_not_shown()
    {
        var report = SampleReport.Report() with
        {
            Values = [new(SampleReport.Value("K10", "year", new NodaTime.LocalDate(2025, 1, 1), null, 4) with { ValueText = "four declarations", Note = "suppressed: counts 4" }, true)],
        };

        string html = HtmlReportWriter.Render(report);

        Assert.DoesNotContain("four declarations", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"supp\" title=\"suppressed: counts 4\">suppressed</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_data_is_escaped()
    {
        var report = SampleReport.Report() with
        {
            Pipeline = "<b>x</b> & \"y\"",
            Values = [new(SampleReport.Value("K04", "year", new NodaTime.LocalDate(2025, 1, 1), 1, 1, "office", "<script>alert(1)</script>"), false)],
        };

        string html = HtmlReportWriter.Render(report);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("https?://[^\"'\\s<>)]+")]
    private static partial Regex Url();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\son[a-z]+\\s*=")]
    private static partial Regex OnHandler();
}
