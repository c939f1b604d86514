using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Reports.Tests;

/// <summary>
/// Both documents hold every date and instant from 1900-01-01 to 2199-12-31 (a period ending on 2200-01-01, exclusive,
/// included), and refuse anything outside with a message naming the value, never an OLE Automation date overflow.
/// </summary>
public sealed class DateRangeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pmm-report-tests", Guid.NewGuid().ToString("N"));

    public DateRangeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static PublicationReport Edges(int year) => SampleReport.Report() with
    {
        Year = year,
        Values =
        [
            new(SampleReport.Value("K04", "month", new LocalDate(year, 1, 1), 12.5, 10) with { ComputedAt = Instant.FromUtc(1900, 1, 1, 0, 0) }, false),
            new(SampleReport.Value("K04", "month", new LocalDate(year, 12, 1), 13.5, 10) with { ComputedAt = Instant.FromUtc(2199, 12, 31, 23, 59, 59) }, false),
            new(SampleReport.Value("K04", "year", new LocalDate(year, 1, 1), 13.0, 20), false),
        ],
        PreviousYear = [],
        History = [],
        Distribution = [],
        Exclusions = [new KpiExclusionCount("demo", "K04", "month", $"{year:D4}-01", new LocalDate(year, 1, 1), "no_arrival", "no arrival", 1, "run-1")],
        CreatedAt = Instant.FromUtc(2199, 12, 31, 23, 59, 59),
    };

    [Theory]
    // Excel's serial numbers, worked out by hand: 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was,
    // so from 1900-03-01 on a serial is the days since 1899-12-31 plus one (2024-01-01 is 45,292, the known value).
    // 1900: January starts at 1, February at 32, December at 335 + 1 = 336, and 1901-01-01 (the exclusive end) is 367.
    // 2199: 2199-01-01 is 109,210, 2199-02-01 109,241, 2199-12-01 109,544, and the exclusive end 2200-01-01 109,575.
    [InlineData(1900, 1, 32, 336, 367)]
    [InlineData(2199, 109210, 109241, 109544, 109575)]
    public void The_workbook_holds_the_first_and_last_years_as_Excel_dates(int year, int janStart, int janEnd, int decStart, int yearEnd)
    {
        string path = Path.Combine(_folder, $"{year}.xlsx");

        WorkbookWriter.Write(Edges(year), path);

        using SpreadsheetDocument document = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document, TestContext.Current.CancellationToken));
        WorkbookPart workbook = document.WorkbookPart!;
        Sheet area = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value!.StartsWith("I.", StringComparison.Ordinal));
        Row[] rows = [.. ((WorksheetPart)workbook.GetPartById(area.Id!)).Worksheet.Descendants<Row>()];
        // Rows: header, the year, then January and December (year before months).
        string Cell(int row, string column) => rows[row - 1].Elements<Cell>().Single(c => c.CellReference! == column + row).CellValue!.Text;
        Assert.Equal((janStart.ToString(), yearEnd.ToString()), (Cell(2, "F"), Cell(2, "G")));
        Assert.Equal((janStart.ToString(), janEnd.ToString()), (Cell(3, "F"), Cell(3, "G")));
        Assert.Equal((decStart.ToString(), (yearEnd).ToString()), (Cell(4, "F"), Cell(4, "G")));
    }

    [Theory]
    [InlineData(1900)]
    [InlineData(2199)]
    public void The_report_renders_the_first_and_last_years(int year)
    {
        string html = HtmlReportWriter.Render(Edges(year));

        Assert.Contains($"{year:D4}-12", html, StringComparison.Ordinal);
        Assert.Contains("2199-12-31T23:59:59Z", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<PublicationReport, PublicationReport>, string> Outside => new()
    {
        { "period start in year 1", r => r with { Values = [new(SampleReport.Value("K04", "month", new LocalDate(1, 1, 1), 1, 1), false)] }, "K04 0001-01 (pmm, total ALL): period_start 0001-01-01" },
        { "the day before the range", r => r with { Values = [new(SampleReport.Value("K04", "year", new LocalDate(1899, 12, 31), 1, 1), false)] }, "period_start 1899-12-31" },
        { "the day after the range", r => r with { Values = [new(SampleReport.Value("K04", "month", new LocalDate(2200, 1, 1), 1, 1), false)] }, "period_start 2200-01-01" },
        { "an end past the exclusive limit", r => r with { Values = [new(SampleReport.Value("K04", "month", new LocalDate(2199, 12, 1), 1, 1) with { PeriodEnd = new LocalDate(2200, 1, 2) }, false)] }, "period_end 2200-01-02" },
        { "a computation time in year 9999", r => r with { Values = [new(SampleReport.Value("K04", "year", new LocalDate(2025, 1, 1), 1, 1) with { ComputedAt = Instant.FromUtc(9999, 1, 1, 0, 0) }, false)] }, "computed_at 9999-01-01T00:00:00Z" },
        { "an exclusion in year 1", r => r with { Exclusions = [new KpiExclusionCount("demo", "K04", "year", "0001", new LocalDate(1, 1, 1), "no_arrival", "x", 1, "run-1")] }, "exclusion K04 0001 no_arrival: period_start 0001-01-01" },
        { "a previous-year row in 1899", r => r with { PreviousYear = [new(SampleReport.Value("K04", "year", new LocalDate(1899, 1, 1), 1, 1), false)] }, "period_start 1899-01-01" },
        { "a publication time in 1899", r => r with { CreatedAt = Instant.FromUtc(1899, 12, 31, 23, 59) }, "published at 1899-12-31T23:59:00Z" },
    };

    [Theory]
    [MemberData(nameof(Outside))]
    public void A_date_outside_the_range_is_refused_naming_the_value(string what, Func<PublicationReport, PublicationReport> change, string named)
    {
        PublicationReport report = change(SampleReport.Report());

        var workbook = Assert.Throws<InvalidDataException>(() => WorkbookWriter.Write(report, Path.Combine(_folder, "out.xlsx")));
        var html = Assert.Throws<InvalidDataException>(() => HtmlReportWriter.Render(report));

        Assert.Contains(named, workbook.Message, StringComparison.Ordinal);
        Assert.Contains("outside 1900-01-01 to 2199-12-31", workbook.Message, StringComparison.Ordinal);
        Assert.Equal(workbook.Message, html.Message);
        _ = what; // names the case in the test list
    }
}
