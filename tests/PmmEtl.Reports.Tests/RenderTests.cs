namespace PmmEtl.Reports.Tests;

/// <summary>
/// The report as a person sees it: rendered by headless Chromium (offline, from the file alone) to a PNG that must
/// show a page, not a blank: text, tables and the charts' colours. Skipped, saying why, where Chromium is missing;
/// .ci/run installs it.
/// </summary>
public sealed class RenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pmm-render-tests", Guid.NewGuid().ToString("N"));

    public RenderTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData("national")]
    [InlineData("public")]
    public void The_report_renders_offline_to_a_page_with_text_tables_and_charts(string audience)
    {
        string? chromium = HeadlessChromium.Find();
        if (chromium is null)
        {
            Assert.Skip("chromium is not installed (Debian: apt-get install chromium); the report was not rendered");
        }

        string html = Path.Combine(_folder, "kpi_report.html");
        HtmlReportWriter.Write(SampleReport.Report(audience), html);
        string png = Path.Combine(_folder, "kpi_report.png");

        HeadlessChromium.Screenshot(chromium, html, png, 1280, 2000, _folder);

        PngImage image = PngImage.Read(png);
        Assert.Equal((1280, 2000), (image.Width, image.Height));
        Assert.True(new FileInfo(png).Length > 40_000, $"a {new FileInfo(png).Length}-byte screenshot is too small to hold a page");

        var colours = new Dictionary<(byte, byte, byte), int>();
        int ink = 0, accent = 0;
        for (int y = 0; y < image.Height; y += 2)
        {
            for (int x = 0; x < image.Width; x += 2)
            {
                (byte r, byte g, byte b) = image.Pixel(x, y);
                colours[(r, g, b)] = colours.GetValueOrDefault((r, g, b)) + 1;
                if (r < 90 && g < 100 && b < 110)
                {
                    ink++; // dark text
                }

                if (Math.Abs(r - 0x1f) < 12 && Math.Abs(g - 0x5f) < 12 && Math.Abs(b - 0x8b) < 12)
                {
                    accent++; // the charts' and headings' blue
                }
            }
        }

        int sampled = (image.Width / 2) * (image.Height / 2);
        Assert.True(colours.Values.Max() < sampled * 0.9, "one colour covers more than 90 % of the page: blank");
        Assert.True(colours.Count > 200, $"only {colours.Count} colours: no anti-aliased text or charts");
        Assert.True(ink > 2_000, $"only {ink} dark pixels: no text");
        Assert.True(accent > 1_000, $"only {accent} accent pixels: no chart or heading colour");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
