namespace PmmEtl.Reports.Workbook;

/// <summary>The workbook's cell formats, by their index in the stylesheet's cellXfs (see <see cref="WorkbookStyles"/>).</summary>
internal enum CellKind : uint
{
    Text = 0,
    Header = 1,
    /// <summary>0.00: minutes and percentages, as the KPIs' precision.</summary>
    Decimal2 = 2,
    /// <summary>#,##0: counts.</summary>
    Integer = 3,
    /// <summary>yyyy-mm-dd: a real date, so filters and pivots group it.</summary>
    Date = 4,
    /// <summary>Wrapped text, top-aligned: definitions and decisions.</summary>
    Wrapped = 5,
    /// <summary>A full-precision number (Σ minutes).</summary>
    General = 6,
    Title = 7,
}
