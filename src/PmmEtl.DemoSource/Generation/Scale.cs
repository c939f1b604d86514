namespace PmmEtl.DemoSource.Generation;

/// <summary>How many of the special cases a source of a given size gets.</summary>
internal static class Scale
{
    /// <summary>
    /// Rows per defect kind: 80 per kind (400 in all) at the default 200,000, proportionally fewer for smaller
    /// sources, but at least two per kind from 100 declarations so that small test sources show every kind.
    /// </summary>
    public static int BadRowsPerKind(int declarations) => declarations switch
    {
        < 10 => 0,
        < 100 => 1,
        _ => Math.Max(2, declarations / 2_500),
    };

    /// <summary>Declarations scheduled around each kind of DST change (spring gap, autumn fold): 200 each at the default size.</summary>
    public static int DstDeclarationsPerKind(int declarations) => declarations switch
    {
        < 50 => 0,
        _ => Math.Max(3, declarations / 1_000),
    };

    /// <summary>Dates from the year's end within which some declarations are still open.</summary>
    public const int OpenWindowDays = 21;

    /// <summary>
    /// Share of open declarations on a date <paramref name="daysBeforeEnd"/> before 31 December: rising from
    /// 0 to 6%, about 3% over the window.
    /// </summary>
    public static double OpenShare(int daysBeforeEnd) =>
        daysBeforeEnd >= OpenWindowDays ? 0 : 0.06 * (1.0 - (daysBeforeEnd / (double)OpenWindowDays));
}
