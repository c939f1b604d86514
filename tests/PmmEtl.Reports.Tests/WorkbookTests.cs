using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;

namespace PmmEtl.Reports.Tests;

/// <summary>The workbook read back cell by cell: sheets, headers, values, number formats, frozen header and autofilter.</summary>
public sealed class WorkbookTests : IDisposable
{
    private const string AreaSheet = "I. Trade Facilitation and…";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pmm-report-tests", Guid.NewGuid().ToString("N"));
    private readonly string _path;

    public WorkbookTests()
    {
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "kpi_values.xlsx");
        WorkbookWriter.Write(SampleReport.Report(), _path);
    }

    [Fact]
    public void One_sheet_per_strategic_area_between_About_and_Catalogue_then_Exclusions()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);

        Assert.Equal(["About", AreaSheet, "Catalogue", "Exclusions"],
            document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public void The_package_is_valid_Office_Open_XML_so_Excel_opens_it_without_repairs()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document, TestContext.Current.CancellationToken)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Area_sheet_has_a_frozen_header_and_an_autofilter_over_all_rows()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);
        Worksheet sheet = Sheet(document, AreaSheet);

        Pane pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((1d, "A2", PaneStateValues.Frozen), (pane.VerticalSplit!.Value, pane.TopLeftCell!.Value, pane.State!.Value));
        // Header + 10 rows: K04's 9 (year, 2 months, 1 quarter, 3 actors, 2 modes) and K10's year.
        Assert.Equal("A1:W11", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        DefinedName filter = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().First(d => d.LocalSheetId! == 1);
        Assert.Equal(("_xlnm._FilterDatabase", $"'{AreaSheet}'!$A$1:$W$11"), (filter.Name!.Value, filter.Text));
    }

    [Fact]
    public void Values_minutes_percentages_counts_and_dates_have_their_number_formats()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);
        Worksheet sheet = Sheet(document, AreaSheet);
        string[] header = [.. Row(document, sheet, 1).Select(c => c.Text)];
        Assert.Equal(WorkbookWriter.ValueHeaders, header);

        // Row 2 is K04's 2025 total (the year first); row 11 is K10's.
        List<(string Text, string Format)> k04 = Row(document, sheet, 2);
        Assert.Equal(("K04", "General"), k04[0]);
        Assert.Equal(("Physical release time for import", "General"), k04[1]);
        Assert.Equal(("45658", "yyyy-mm-dd"), k04[5]); // 2025-01-01 as a date serial: 45,292 for 2024-01-01 + 366
        Assert.Equal(("46023", "yyyy-mm-dd"), k04[6]); // 2026-01-01 (exclusive end)
        Assert.Equal(("310.84", "0.00"), k04[9]);
        Assert.Equal(("minutes", "General"), k04[10]);
        Assert.Equal(("260.84", "0.00"), k04[11]); // median
        Assert.Equal(("100", "#,##0"), k04[16]); // N
        Assert.Equal(("3", "#,##0"), k04[19]); // excluded
        Assert.Equal(("FALSE", "General"), k04[21]);

        List<(string Text, string Format)> k10 = Row(document, sheet, 11);
        Assert.Equal(("K10", "91.93", "%", "183467", "199572"), (k10[0].Text, k10[9].Text, k10[10].Text, k10[17].Text, k10[18].Text));
        Assert.Equal(("0.00", "#,##0"), (k10[9].Format, k10[17].Format));
    }

    [Fact]
    public void A_suppressed_cell_is_empty_with_its_note_and_counts_kept()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);
        Worksheet sheet = Sheet(document, AreaSheet);

        List<(string Text, string Format)> air = Enumerable.Range(2, 10).Select(r => Row(document, sheet, r)).Single(r => r[8].Text == "AIR");
        Assert.Equal(("", "4", "TRUE"), (air[9].Text, air[16].Text, air[21].Text));
        Assert.Equal("suppressed: counts 4 declarations, fewer than the publication minimum of 10", air[22].Text);
    }

    [Fact]
    public void Catalogue_sheet_has_the_catalogue_file_columns_for_each_KPI_published()
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(_path, false);
        Worksheet sheet = Sheet(document, "Catalogue");

        Assert.Equal(WorkbookWriter.CatalogueHeaders, Row(document, sheet, 1).Take(WorkbookWriter.CatalogueHeaders.Count).Select(c => c.Text));
        Assert.Equal(22, WorkbookWriter.CatalogueHeaders.Count); // one per column of kpi_catalogue.parquet
        List<(string Text, string Format)> k04 = Row(document, sheet, 2);
        Assert.Equal(("pmm", "K04", "physical_release_time_import"), (k04[0].Text, k04[1].Text, k04[2].Text));
        Assert.Equal(("transactional", "mean_duration"), (k04[6].Text, k04[7].Text));
        Assert.Equal("Σ T_i / N: mean minutes over the N declarations measured", k04[8].Text);
        Assert.Equal("ΣT_i/N (T_i, N and unit lost in extraction)", k04[9].Text);
        Assert.Equal(("minutes", "2", "#,##0"), (k04[11].Text, k04[12].Text, k04[12].Format));
        Assert.Equal(("month, quarter, year", "public"), (k04[14].Text, k04[15].Text));
        Assert.StartsWith("responsible_actor: wco (CUSTOMS: public); aeo: wco;", k04[16].Text, StringComparison.Ordinal);
        Assert.Equal(("", ""), (k04[17].Text, k04[18].Text)); // no variables or checklist items
        Assert.StartsWith("lodgement_to_release: The segment from lodgement to physical release", k04[19].Text, StringComparison.Ordinal);
        Assert.StartsWith("T_i, N and the unit are lost in extraction", k04[20].Text, StringComparison.Ordinal);
        Assert.Equal("2026.11-1", k04[21].Text);
        List<(string Text, string Format)> k10 = Row(document, sheet, 3);
        Assert.Equal(("K10", "(A / B) × 100", "%"), (k10[1].Text, k10[8].Text, k10[11].Text));
        Assert.Equal(3, sheet.Descendants<Row>().Count());
    }

    [Fact]
    public void A_text_value_stands_in_the_value_column_where_there_is_no_number()
    {
        // K10's 2025 total as a questionnaire answer would be: no number, a text.
        var report = SampleReport.Report() with
        {
            Values = [new(SampleReport.Value("K10", "year", new NodaTime.LocalDate(2025, 1, 1), null, 0) with { ValueText = "Implementation complete" }, false)],
        };
        string path = Path.Combine(_folder, "text.xlsx");
        WorkbookWriter.Write(report, path);

        using SpreadsheetDocument document = SpreadsheetDocument.Open(path, false);
        List<(string Text, string Format)> row = Row(document, Sheet(document, AreaSheet), 2);
        Assert.Equal(("K10", "Implementation complete"), (row[0].Text, row[9].Text));
    }

    [Fact]
    public void A_second_reader_sees_the_same_table()
    {
        // MiniExcel reads the sheet as a table with the header row as keys.
        var rows = MiniExcel.Query(_path, useHeaderRow: true, sheetName: AreaSheet).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(10, rows.Count);
        Assert.Equal("K04", rows[0]["KPI"]);
        Assert.Equal(310.84, Convert.ToDouble(rows[0]["Value"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2025, 1, 1), rows[0]["Period start"]);
        Assert.Equal(100d, Convert.ToDouble(rows[0]["N"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("K10", rows[9]["KPI"]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        WorkbookPart workbook = document.WorkbookPart!;
        Sheet sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>Each cell of a row as its displayed text (shared strings resolved) and its number format code, gaps as empty.</summary>
    private static List<(string Text, string Format)> Row(SpreadsheetDocument document, Worksheet sheet, int index)
    {
        WorkbookPart workbook = document.WorkbookPart!;
        SharedStringItem[] strings = [.. workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>()];
        Stylesheet styles = workbook.WorkbookStylesPart!.Stylesheet;
        CellFormat[] formats = [.. styles.CellFormats!.Elements<CellFormat>()];
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        string FormatCode(uint id) => id switch
        {
            0 => "General",
            2 => "0.00",
            3 => "#,##0",
            _ => custom[id],
        };

        Row row = sheet.Descendants<Row>().Single(r => r.RowIndex! == (uint)index);
        var cells = new List<(string, string)>();
        foreach (Cell cell in row.Elements<Cell>())
        {
            int column = 0;
            foreach (char c in cell.CellReference!.Value!.TakeWhile(char.IsLetter))
            {
                column = (column * 26) + (c - 'A' + 1);
            }

            while (cells.Count < column - 1)
            {
                cells.Add(("", ""));
            }

            string text = cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)].InnerText : cell.CellValue?.Text ?? "";
            cells.Add((text, FormatCode(formats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId!.Value)));
        }

        while (cells.Count < 23)
        {
            cells.Add(("", ""));
        }

        return cells;
    }
}
