using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Reports.Workbook;

namespace PmmEtl.Reports;

/// <summary>
/// The publication as an Excel workbook for readers who do not use Power Query: an About sheet (what, when, from
/// which run), one sheet per strategic area with every value row the audience may see, a Catalogue sheet (the rows
/// of kpi_catalogue.parquet: the definition of every KPI published), and for the national audience the exclusion
/// counts. Numbers are numbers (two decimals for minutes and percentages, whole numbers for counts), dates are
/// dates, and a value that is a text (a questionnaire answer, a level's label) is that text; table sheets have a
/// frozen header and an autofilter.
/// </summary>
public static class WorkbookWriter
{
    public const string AboutSheet = "About";
    public const string CatalogueSheet = "Catalogue";
    public const string ExclusionsSheet = "Exclusions";

    /// <summary>The header of each strategic area's sheet; the Parquet column each comes from is in the guide.</summary>
    public static IReadOnlyList<string> ValueHeaders { get; } =
    [
        "KPI", "KPI name", "Variant", "Period type", "Period", "Period start", "Period end (exclusive)", "Breakdown", "Breakdown value",
        "Value", "Unit", "Median", "90th percentile", "Min", "Max", "Σ minutes", "N", "Numerator (A)", "Denominator (B)", "Excluded",
        "Disclosure", "Suppressed", "Note",
    ];

    /// <summary>The columns of kpi_catalogue.parquet, in its order.</summary>
    public static IReadOnlyList<string> CatalogueHeaders { get; } =
    [
        "Family", "KPI", "Id", "Name", "Strategic area", "Outcome", "Input", "Formula kind", "Formula", "Printed formula", "Definition",
        "Unit", "Decimals", "Minimum periodicity", "Periods", "Disclosure", "Breakdowns", "Variables", "Checklist items", "Variants",
        "Decision", "Catalogue version",
    ];

    /// <summary>Column widths (characters) of each sheet, given up front because rows are streamed.</summary>
    private static readonly double[] ValueWidths = [7, 44, 11, 11, 10, 12, 12, 18, 26, 12, 9, 11, 11, 11, 11, 14, 11, 13, 14, 11, 11, 11, 50];
    private static readonly double[] CatalogueWidths = [7, 9, 30, 40, 30, 30, 13, 14, 30, 24, 60, 9, 9, 22, 18, 11, 40, 50, 50, 40, 60, 12];
    private static readonly double[] ExclusionWidths = [7, 11, 10, 12, 22, 50, 11];

    /// <exception cref="InvalidDataException">A date or instant of the report is outside <see cref="PublishableDates"/>.</exception>
    public static void Write(PublicationReport report, string path)
    {
        PublishableDates.Check(report);
        using SpreadsheetDocument document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        WorkbookPart workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Create();
        var strings = new SharedStrings();
        var names = new SheetNamer();
        var sheets = new Sheets();
        var filters = new DefinedNames();

        void Add(string wanted, IReadOnlyList<double> widths, bool table, Action<SheetWriter> fill)
        {
            string name = names.Unique(wanted);
            WorksheetPart part = workbookPart.AddNewPart<WorksheetPart>();
            string range;
            using (var sheet = new SheetWriter(part, strings, widths, table))
            {
                fill(sheet);
                sheet.Finish();
                range = sheet.FilterRange;
            }

            uint id = (uint)sheets.ChildElements.Count + 1;
            sheets.Append(new Sheet { Name = name, SheetId = id, Id = workbookPart.GetIdOfPart(part) });
            if (table)
            {
                // Excel keeps an autofilter's range in this hidden name; without it, it repairs the file on opening.
                filters.Append(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!{Absolute(range)}")
                    { Name = "_xlnm._FilterDatabase", LocalSheetId = id - 1, Hidden = true });
            }
        }

        Add(AboutSheet, [24, 100], table: false, sheet => About(report, sheet));
        foreach ((string area, IReadOnlyList<string> codes) in ReportRows.Areas(report))
        {
            Add(area, ValueWidths, table: true, sheet => Values(report, codes, sheet));
        }

        Add(CatalogueSheet, CatalogueWidths, table: true, sheet => Catalogue(report, sheet));
        if (report.Exclusions.Count > 0)
        {
            Add(ExclusionsSheet, ExclusionWidths, table: true, sheet => Exclusions(report, sheet));
        }

        workbookPart.Workbook.Append(sheets);
        if (filters.HasChildren)
        {
            workbookPart.Workbook.Append(filters);
        }

        strings.SaveTo(workbookPart);
        workbookPart.Workbook.Save();
    }

    private static void About(PublicationReport r, SheetWriter sheet)
    {
        sheet.Row().Text($"WCO PMM KPIs: {r.Pipeline}, {r.Year}", CellKind.Title);
        sheet.Row();
        (string, string)[] facts =
        [
            ("Pipeline", r.Pipeline),
            ("Year", r.Year.ToString(CultureInfo.InvariantCulture)),
            ("Version", $"v{r.Version}" + (r.Supersedes is { } s ? $" (supersedes {s})" : " (first version)")),
            ("Audience", AudienceText(r.Audience)),
            ("Published at (UTC)", InstantPattern.General.Format(r.CreatedAt)),
            ("Run", r.RunId),
            ("KPI catalogue", r.CatalogueVersion),
            ("tzdb", r.TzdbVersion),
            ("DST policy", r.DstPolicy),
            ("Source window", r.SourceWindow),
            ("Small counts", r.SuppressBelow is { } n
                ? $"cells counting fewer than {n} declarations are suppressed: no value, 'Suppressed' = TRUE, counts kept"
                : "nothing suppressed"),
            ("Values", string.Create(CultureInfo.InvariantCulture, $"{r.Values.Count:N0} rows; an empty value is 'not measurable' or suppressed, and the note says which; an answer or a level's label stands as text in the Value column")),
        ];
        foreach ((string key, string value) in facts)
        {
            sheet.Row().Text(key, CellKind.Header).Text(value);
        }

        sheet.Row();
        sheet.Row().Text("Files").Text("The same values are in kpi_values.parquet beside this workbook and the Catalogue sheet is kpi_catalogue.parquet; manifest.json lists every file with its SHA-256.", CellKind.Wrapped);
    }

    private static void Header(SheetWriter sheet, IEnumerable<string> headers)
    {
        sheet.Row();
        foreach (string header in headers)
        {
            sheet.Text(header, CellKind.Header);
        }
    }

    private static void Values(PublicationReport report, IReadOnlyList<string> codes, SheetWriter sheet)
    {
        Header(sheet, ValueHeaders);
        var inArea = codes.ToHashSet(StringComparer.Ordinal);
        foreach (ReportValue row in ReportRows.Ordered(report.Values.Where(v => inArea.Contains(v.Value.KpiCode))))
        {
            KpiValue v = row.Value;
            KpiDefinition? kpi = ReportRows.Kpi(report, v.KpiCode);
            sheet.Row()
                .Text(v.KpiCode).Text(kpi?.Name).Text(v.Variant).Text(v.PeriodType).Text(v.PeriodLabel)
                .Date(v.PeriodStart).Date(v.PeriodEnd).Text(v.Breakdown).Text(v.BreakdownValue)
                .Value(v.Value, v.ValueText).Text(v.Unit)
                .Number(v.Median, CellKind.Decimal2).Number(v.P90, CellKind.Decimal2).Number(v.Min, CellKind.Decimal2).Number(v.Max, CellKind.Decimal2)
                .Number(v.SumMinutes, CellKind.Decimal2)
                .Number(v.N).Number(v.Numerator).Number(v.Denominator).Number(v.Excluded)
                .Text(v.Disclosure).Text(row.Suppressed ? "TRUE" : "FALSE").Text(v.Note);
        }
    }

    private static void Catalogue(PublicationReport report, SheetWriter sheet)
    {
        Header(sheet, CatalogueHeaders);
        foreach (CatalogueEntry k in CatalogueEntry.Published(report.Catalogue, report.Values.Select(v => v.Value.KpiCode), report.CatalogueVersion))
        {
            sheet.Row()
                .Text(k.Family).Text(k.KpiCode).Text(k.KpiId).Text(k.KpiName, CellKind.Wrapped).Text(k.StrategicArea, CellKind.Wrapped)
                .Text(k.Outcome, CellKind.Wrapped).Text(k.InputKind).Text(k.FormulaKind).Text(k.Formula, CellKind.Wrapped)
                .Text(k.PrintedFormula, CellKind.Wrapped).Text(k.Definition, CellKind.Wrapped).Text(k.Unit).Number(k.Precision)
                .Text(k.MinimumPeriodicity, CellKind.Wrapped).Text(k.Periods).Text(k.Disclosure).Text(k.Breakdowns, CellKind.Wrapped)
                .Text(k.Variables, CellKind.Wrapped).Text(k.ChecklistItems, CellKind.Wrapped).Text(k.Variants, CellKind.Wrapped)
                .Text(k.Decision, CellKind.Wrapped).Text(k.CatalogueVersion);
        }
    }

    private static void Exclusions(PublicationReport report, SheetWriter sheet)
    {
        Header(sheet, ["KPI", "Period type", "Period", "Period start", "Reason", "Explanation", "Count"]);
        foreach (KpiExclusionCount e in report.Exclusions
            .OrderBy(e => e.KpiCode, StringComparer.Ordinal).ThenBy(e => ReportRows.PeriodRank(e.PeriodType)).ThenBy(e => e.PeriodStart)
            .ThenBy(e => e.Reason, StringComparer.Ordinal))
        {
            sheet.Row().Text(e.KpiCode).Text(e.PeriodType).Text(e.PeriodLabel).Date(e.PeriodStart).Text(e.Reason).Text(e.Explanation).Number(e.Count);
        }
    }

    internal static string AudienceText(string audience) => audience switch
    {
        "public" => "public: only values the PMM discloses publicly",
        "wco" => "WCO: public values and those shared with the WCO",
        "national" => "national: every value, for the administration itself",
        _ => audience,
    };

    private static string Absolute(string range)
    {
        string[] ends = range.Split(':');
        return string.Join(':', ends.Select(e =>
        {
            int digit = e.IndexOfAny("0123456789".ToCharArray());
            return "$" + e[..digit] + "$" + e[digit..];
        }));
    }
}
