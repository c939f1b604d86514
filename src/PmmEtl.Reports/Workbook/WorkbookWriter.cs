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
/// which run), one sheet per strategic area with every value row the audience may see, a Definitions sheet, and
/// for the national audience the exclusion counts. Numbers are numbers (two decimals for minutes and percentages,
/// whole numbers for counts), dates are dates; table sheets have a frozen header and an autofilter.
/// </summary>
public static class WorkbookWriter
{
    public const string AboutSheet = "About";
    public const string DefinitionsSheet = "Definitions";
    public const string ExclusionsSheet = "Exclusions";

    /// <summary>The header of each strategic area's sheet; the Parquet column each comes from is in the guide.</summary>
    public static IReadOnlyList<string> ValueHeaders { get; } =
    [
        "KPI", "KPI name", "Variant", "Period type", "Period", "Period start", "Period end (exclusive)", "Breakdown", "Breakdown value",
        "Value", "Unit", "Median", "90th percentile", "Min", "Max", "Σ minutes", "N", "Numerator (A)", "Denominator (B)", "Excluded",
        "Disclosure", "Suppressed", "Note",
    ];

    public static IReadOnlyList<string> DefinitionHeaders { get; } =
    [
        "KPI", "Name", "Strategic area", "Outcome", "Formula", "Printed formula", "Definition", "Unit", "Decimals", "Disclosure",
        "Minimum periodicity", "Breakdowns", "Variants", "Decision",
    ];

    /// <summary>Column widths (characters) of each sheet, given up front because rows are streamed.</summary>
    private static readonly double[] ValueWidths = [7, 44, 11, 11, 10, 12, 12, 18, 26, 12, 9, 11, 11, 11, 11, 14, 11, 13, 14, 11, 11, 11, 50];
    private static readonly double[] DefinitionWidths = [7, 40, 30, 30, 30, 24, 60, 9, 9, 11, 22, 40, 40, 60];
    private static readonly double[] ExclusionWidths = [7, 11, 10, 12, 22, 50, 11];

    public static void Write(PublicationReport report, string path)
    {
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

        Add(DefinitionsSheet, DefinitionWidths, table: true, sheet => Definitions(report, sheet));
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
            ("Values", string.Create(CultureInfo.InvariantCulture, $"{r.Values.Count:N0} rows; an empty value is 'not measurable' or suppressed, and the note says which")),
        ];
        foreach ((string key, string value) in facts)
        {
            sheet.Row().Text(key, CellKind.Header).Text(value);
        }

        sheet.Row();
        sheet.Row().Text("Files").Text("The same values are in kpi_values.parquet beside this workbook; manifest.json lists every file with its SHA-256.", CellKind.Wrapped);
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
                .Number(v.Value, CellKind.Decimal2).Text(v.Unit)
                .Number(v.Median, CellKind.Decimal2).Number(v.P90, CellKind.Decimal2).Number(v.Min, CellKind.Decimal2).Number(v.Max, CellKind.Decimal2)
                .Number(v.SumMinutes, CellKind.Decimal2)
                .Number(v.N).Number(v.Numerator).Number(v.Denominator).Number(v.Excluded)
                .Text(v.Disclosure).Text(row.Suppressed ? "TRUE" : "FALSE").Text(v.Note);
        }
    }

    private static void Definitions(PublicationReport report, SheetWriter sheet)
    {
        Header(sheet, DefinitionHeaders);
        var present = report.Values.Select(v => v.Value.KpiCode).ToHashSet(StringComparer.Ordinal);
        foreach (KpiDefinition k in report.Catalogue.Where(k => present.Contains(k.Code)).OrderBy(k => k.Code, StringComparer.Ordinal))
        {
            sheet.Row()
                .Text(k.Code).Text(k.Name, CellKind.Wrapped).Text(k.Area, CellKind.Wrapped).Text(k.Outcome, CellKind.Wrapped)
                .Text(ReportRows.FormulaText(k.Formula), CellKind.Wrapped).Text(k.PrintedFormula, CellKind.Wrapped)
                .Text(k.Definition, CellKind.Wrapped).Text(k.Unit).Number(k.Precision).Text(k.Disclosure.ToCode())
                .Text(k.MinimumPeriodicity, CellKind.Wrapped)
                .Text(string.Join(", ", k.Breakdowns.Select(b => $"{b.Kind.ToCode()} ({b.Disclosure.ToCode()})")), CellKind.Wrapped)
                .Text(k.Variants.Count > 0 ? string.Join("; ", k.Variants.Select(v => $"{v.Name}: {v.Description}")) : null, CellKind.Wrapped)
                .Text(k.Decision, CellKind.Wrapped);
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
