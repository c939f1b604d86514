using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Jobs.Definitions.Inputs;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>The aggregates CSV: officer-entered values for a KPI's variables, checked against the catalogue row by row.</summary>
public sealed class AggregateFileTests
{
    private const string Name = "demo-inputs/aggregates-2025.csv";
    private const string Header = "kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note";

    private static IReadOnlyList<EnteredValue> Read(string csv, int financialYearStart = 1) =>
        new AggregateFileReader(TestCatalogue.All, financialYearStart).Read(new StringReader(csv), Name);

    private static IReadOnlyList<string> Problems(string csv) => Assert.Throws<InputFileException>(() => Read(csv)).Problems;

    [Fact]
    public void Every_period_form_breakdowns_numbers_and_texts_are_read_with_their_line()
    {
        IReadOnlyList<EnteredValue> values = Read($"""
            {Header}
            K19,A,2025,,,1250000.5,,j.doe,"from the ledger, audited"
            K16,A,2025-Q2,office,USNYC1,42,,,
            K16,B,2025-03,,,-3e2,,,

            K41,A,FY2025,,,0.75,,,
            FOS-2.B,A,2025,,,,"WCO DM 3.10, with ""national"" extensions",,
            K19,B1,2024,mode_of_transport,SEA,17,,,
            """, financialYearStart: 7);

        Assert.Equal(
            [
                new EnteredValue("K19", "A", PeriodType.Year, new LocalDate(2025, 1, 1), null, null, 1250000.5, null, Name + ":2"),
                // Q2 starts in April.
                new EnteredValue("K16", "A", PeriodType.Quarter, new LocalDate(2025, 4, 1), "office", "USNYC1", 42, null, Name + ":3"),
                new EnteredValue("K16", "B", PeriodType.Month, new LocalDate(2025, 3, 1), null, null, -300, null, Name + ":4"),
                // Line 5 is blank; FY2025 with financial_year_start 7 starts on 1 July 2025.
                new EnteredValue("K41", "A", PeriodType.FinancialYear, new LocalDate(2025, 7, 1), null, null, 0.75, null, Name + ":6"),
                new EnteredValue("FOS-2.B", "A", PeriodType.Year, new LocalDate(2025, 1, 1), null, null, null, "WCO DM 3.10, with \"national\" extensions", Name + ":7"),
                new EnteredValue("K19", "B1", PeriodType.Year, new LocalDate(2024, 1, 1), "mode_of_transport", "SEA", 17, null, Name + ":8"),
            ],
            values);
    }

    [Fact]
    public void A_quoted_field_across_lines_counts_its_line_breaks()
    {
        IReadOnlyList<EnteredValue> values = Read($"{Header}\nK19,A,2025,,,1,,,\"two\nlines\"\nK19,B,2025,,,2,,,\n");
        Assert.Equal([Name + ":2", Name + ":4"], values.Select(v => v.Source));
    }

    [Theory]
    [InlineData("FY2025", 1, 2025, 1)]
    [InlineData("FY2025-26", 7, 2025, 7)]
    [InlineData("2025-Q4", 1, 2025, 10)]
    [InlineData("2025-12", 1, 2025, 12)]
    public void Periods_start_where_the_published_labels_say(string text, int fyStart, int year, int month)
    {
        Assert.True(PeriodText.TryParse(text, fyStart, out _, out LocalDate start));
        Assert.Equal(new LocalDate(year, month, 1), start);
    }

    [Theory]
    [InlineData("2025-Q5")]
    [InlineData("2025-00")]
    [InlineData("25")]
    [InlineData("FY2025-27")]
    [InlineData("2025/03")]
    [InlineData("1899")]
    public void Other_period_texts_are_not_periods(string text) => Assert.False(PeriodText.TryParse(text, 7, out _, out _));

    [Fact]
    public void Every_mistake_of_the_file_is_listed_with_its_line_and_column()
    {
        IReadOnlyList<string> problems = Problems($"""
            {Header}
            K99,A,2025,,,1,,,
            K19,C,2025,,,1,,,
            K19,A,2025-13,,,1,,,
            K19,A,2025,office,NYC,1,,,
            K19,A,2025,,,"1,5",,,
            K19,B,2025,,,10,,,
            K19,B,2025,,,11,,,
            K16,A,2025,,,3,,,
            K19,A,2025,mode_of_transport,,1,,,
            FOS-2.B,A,2025,,,5,,,
            K04,A,2025,,,5,,,
            K19,B1,2025,,,7,oops,,
            K19,A,2025
            K19,B2,2025,,AIR,,,,
            ,,,,,,,,
            K19,A,,,,1,,,
            """);

        Assert.Equal(
            [
                $"{Name}: line 2: kpi: unknown KPI 'K99'",
                $"{Name}: line 3: variable: K19 has no variable 'C' (it has A, B, B1, B2)",
                $"{Name}: line 4: period: '2025-13' is not a period (2025, 2025-Q1, 2025-03 or FY2025)",
                $"{Name}: line 5: breakdown: K19 has no breakdown 'office' (it has mode_of_transport)",
                $"{Name}: line 6: value: expected a number (digits, '.' for decimals), got '1,5'",
                $"{Name}: line 8: row: K19 variable B for 2025 is given twice (lines 7 and 8)",
                $"{Name}: line 9: period: K16 is published by month or quarter, not by year",
                $"{Name}: line 10: breakdown_value: missing: the value of breakdown 'mode_of_transport' this row is for",
                $"{Name}: line 11: value: FOS-2.B is answered with text: put it in the text column",
                $"{Name}: line 11: text: missing: FOS-2.B is answered with text",
                $"{Name}: line 12: variable: K04 has no variables to enter (its formula is MeanDuration)",
                $"{Name}: line 13: text: K19 takes a number, not text (remarks go in note)",
                $"{Name}: line 14: row: 3 fields where the header has 9",
                $"{Name}: line 15: breakdown: missing: breakdown_value 'AIR' needs the breakdown it is a value of",
                $"{Name}: line 15: value: missing: a number",
                // Line 16, a row of empty cells as spreadsheets save them, holds no row.
                $"{Name}: line 17: period: missing (2025, 2025-Q1, 2025-03 or FY2025)",
            ],
            problems);
    }

    [Fact]
    public void A_malformed_record_stops_the_file_with_its_line()
    {
        string problem = Assert.Single(Problems($"{Header}\nK19,A,2025,,,1,,,\nK19,B,2025,,,2,,,\"unclosed\n"));
        Assert.StartsWith($"{Name}: line 3: row: malformed CSV (", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_is_required_and_checked()
    {
        Assert.Equal(
            [
                $"{Name}: line 1: header: unknown column 'amount' (expected kpi,variable,period,value,breakdown,breakdown_value,text,entered_by,note)",
                $"{Name}: line 1: header: column 'kpi' appears twice",
                $"{Name}: line 1: header: missing column 'value'",
            ],
            Problems("kpi,variable,period,amount,kpi\n"));
        Assert.Equal([$"{Name}: line 1: header: missing: the file starts with the header kpi,variable,period,value,breakdown,breakdown_value,text,entered_by,note"], Problems(""));
        Assert.Empty(Read("value,period,variable,kpi\n"));
    }
}
