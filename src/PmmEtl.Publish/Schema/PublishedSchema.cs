namespace PmmEtl.Publish.Schema;

/// <summary>The column types a published file may use; each maps to one Parquet physical and logical type.</summary>
public enum ColumnType
{
    /// <summary>BYTE_ARRAY, logical STRING (UTF-8).</summary>
    Text,
    /// <summary>INT32, logical DATE.</summary>
    Date,
    /// <summary>DOUBLE.</summary>
    Double,
    /// <summary>INT64.</summary>
    Int64,
    /// <summary>BOOLEAN.</summary>
    Boolean,
    /// <summary>INT64, logical TIMESTAMP(isAdjustedToUTC = true, MILLIS).</summary>
    TimestampUtc,
}

/// <summary>
/// One published column and the schema version that added it, with what it holds (<paramref name="Description"/>; the
/// analysts' guide says the same in more words).
/// </summary>
public sealed record PublishedColumn(string Name, ColumnType Type, bool Nullable, int AddedIn, string? Description = null);

/// <summary>
/// Every column of every published file, by the schema version that added it. The schema only grows: a new
/// version appends columns to the end of a file and never renames, retypes, reorders or removes one, so a reader
/// of the current version reads every older file (missing columns read as null), and the expected schema of a file
/// written under version N is its columns with <see cref="PublishedColumn.AddedIn"/> ≤ N, in this order.
/// The writers must produce exactly <see cref="Expected"/> for <see cref="Current"/>; a test holds them to it.
/// </summary>
public static class PublishedSchema
{
    /// <summary>
    /// 1: kpi_values and kpi_exclusions. 2: audiences; kpi_name, strategic_area and suppressed; kpi_distribution; history.
    /// 3: value_text (kpi_values and history); kpi_catalogue. 4: no column changes; the manifest records the previous
    /// version's manifest hash (and may be signed), and the history records every version's manifest hash.
    /// 5: provisional (kpi_values and history); the manifest's changes count the final values a version revises.
    /// </summary>
    public const int Current = 5;

    /// <summary>
    /// The schema version the content hash names: the last one that changed a version's data files. Schema 4 changed
    /// only the manifest and the history, so values published under schema 3 were not published again just for it;
    /// schema 5 adds a data column, so the next run publishes a new version with it.
    /// </summary>
    public const int ContentVersion = 5;

    /// <summary>The first schema version whose every version after v1 records its predecessor's manifest hash.</summary>
    public const int ChainSince = 4;

    public const string ValuesFile = "kpi_values.parquet";
    public const string ExclusionsFile = "kpi_exclusions.parquet";
    public const string DistributionFile = "kpi_distribution.parquet";
    public const string HistoryFile = "kpi_values_history.parquet";
    public const string CatalogueFile = "kpi_catalogue.parquet";

    /// <summary>The first schema version whose every version carries <see cref="CatalogueFile"/>.</summary>
    public const int CatalogueSince = 3;

    public static IReadOnlyList<PublishedColumn> KpiValues { get; } =
    [
        new("pipeline", ColumnType.Text, false, 1,
            "the pipeline that computed the row"),
        new("kpi_code", ColumnType.Text, false, 1,
            "K01 … K51, FOS-1.1 …, FOS-1.A …"),
        new("kpi_id", ColumnType.Text, false, 1,
            "the entry's identifier in the catalogue"),
        new("variant", ColumnType.Text, false, 1,
            "pmm for the KPI itself; otherwise a labelled alternative reading (as_printed, share_of_services …)"),
        new("period_type", ColumnType.Text, false, 1,
            "month, quarter, year or financial_year"),
        new("period_label", ColumnType.Text, false, 1,
            "2025, 2025-Q1, 2025-01, FY2025-26"),
        new("period_start", ColumnType.Date, false, 1,
            "the period's first day (office-local business date)"),
        new("period_end", ColumnType.Date, false, 1,
            "the day after the period's last day (exclusive)"),
        new("breakdown", ColumnType.Text, false, 1,
            "total, or the breakdown's name (office, responsible_actor, capacity_building …)"),
        new("breakdown_value", ColumnType.Text, false, 1,
            "ALL on the total row, otherwise the breakdown value"),
        new("value", ColumnType.Double, true, 1,
            "the value in its unit, rounded to the entry's precision; null when not measurable (the note says why) or suppressed"),
        new("unit", ColumnType.Text, false, 1,
            "minutes, %, a count's unit, level 1–5 or text"),
        new("median", ColumnType.Double, true, 1,
            "mean durations: the median, in minutes"),
        new("p90", ColumnType.Double, true, 1,
            "mean durations: the 90th percentile, in minutes"),
        new("min", ColumnType.Double, true, 1,
            "mean durations: the shortest duration, in minutes"),
        new("max", ColumnType.Double, true, 1,
            "mean durations: the longest duration, in minutes"),
        new("sum_minutes", ColumnType.Double, true, 1,
            "mean durations: Σ T_i in minutes (sum_minutes / n is the mean)"),
        new("n", ColumnType.Int64, false, 1,
            "N: the records measured, or behind the denominator"),
        new("numerator", ColumnType.Int64, true, 1,
            "ratios (ratio, share_of_total, total_over_b, variation, checklist): A as the formula used it (amounts in whole units); three_year_share: A; tool scores: the sum of the answers; means and values (mean_duration, mean_share, value): null, never a rounded A"),
        new("denominator", ColumnType.Int64, true, 1,
            "ratios (ratio, share_of_total, total_over_b, variation, checklist): B as the formula used it (amounts in whole units), so that 100 × numerator / denominator gives a ratio's value; tool scores: the number of tools; means and values: null (K13 as_printed: its divisor)"),
        new("excluded", ColumnType.Int64, false, 1,
            "declarations of the population left out of N"),
        new("disclosure", ColumnType.Text, false, 1,
            "public, wco or national: who may see the row"),
        new("note", ColumnType.Text, true, 1,
            "why a value is missing (\"not measurable: …\"), what a variant or a capacity-building question is, or which input was entered"),
        new("run_id", ColumnType.Text, false, 1,
            "the run that computed the row"),
        new("computed_at", ColumnType.TimestampUtc, false, 1,
            "when the row was computed (UTC)"),
        new("kpi_name", ColumnType.Text, true, 2,
            "the entry's name in the catalogue"),
        new("strategic_area", ColumnType.Text, true, 2,
            "the PMM strategic area, or the FoS Standard"),
        new("suppressed", ColumnType.Boolean, false, 2,
            "true when small-count suppression removed the value"),
        new("value_text", ColumnType.Text, true, 3,
            "a text answer, a level's label or a capacity-building answer; null for numbers and for suppressed rows"),
        new("provisional", ColumnType.Boolean, false, 5,
            "true when the period had not ended at the run's data cut-off (the run's date, or the last month of data loaded): the value may still change; false: final, and a later change is reported as a revision"),
    ];

    public static IReadOnlyList<PublishedColumn> KpiExclusions { get; } =
    [
        new("pipeline", ColumnType.Text, false, 1),
        new("kpi_code", ColumnType.Text, false, 1),
        new("period_type", ColumnType.Text, false, 1),
        new("period_label", ColumnType.Text, false, 1),
        new("period_start", ColumnType.Date, false, 1),
        new("reason", ColumnType.Text, false, 1),
        new("explanation", ColumnType.Text, false, 1),
        new("count", ColumnType.Int64, false, 1),
        new("run_id", ColumnType.Text, false, 1),
    ];

    public static IReadOnlyList<PublishedColumn> KpiDistribution { get; } =
    [
        new("pipeline", ColumnType.Text, false, 2),
        new("kpi_code", ColumnType.Text, false, 2),
        new("year", ColumnType.Int64, false, 2),
        new("bin", ColumnType.Int64, false, 2),
        new("lower_minutes", ColumnType.Double, false, 2),
        new("upper_minutes", ColumnType.Double, true, 2),
        new("count", ColumnType.Int64, true, 2),
        new("disclosure", ColumnType.Text, false, 2),
        new("suppressed", ColumnType.Boolean, false, 2),
        new("run_id", ColumnType.Text, false, 2),
    ];

    /// <summary>One row per catalogue entry with a value row in the version (<c>CatalogueEntry</c>); joins kpi_values on kpi_code.</summary>
    public static IReadOnlyList<PublishedColumn> KpiCatalogue { get; } =
    [
        new("family", ColumnType.Text, false, 3),
        new("kpi_code", ColumnType.Text, false, 3),
        new("kpi_id", ColumnType.Text, false, 3),
        new("kpi_name", ColumnType.Text, false, 3),
        new("strategic_area", ColumnType.Text, false, 3),
        new("outcome", ColumnType.Text, false, 3),
        new("input_kind", ColumnType.Text, false, 3),
        new("formula_kind", ColumnType.Text, false, 3),
        new("formula", ColumnType.Text, false, 3),
        new("printed_formula", ColumnType.Text, false, 3),
        new("definition", ColumnType.Text, false, 3),
        new("unit", ColumnType.Text, false, 3),
        new("precision", ColumnType.Int64, false, 3),
        new("minimum_periodicity", ColumnType.Text, false, 3),
        new("periods", ColumnType.Text, false, 3),
        new("disclosure", ColumnType.Text, false, 3),
        new("breakdowns", ColumnType.Text, true, 3),
        new("variables", ColumnType.Text, true, 3),
        new("checklist_items", ColumnType.Text, true, 3),
        new("variants", ColumnType.Text, true, 3),
        new("decision", ColumnType.Text, true, 3),
        new("catalogue_version", ColumnType.Text, false, 3),
    ];

    /// <summary>Which version each row came from first, then the kpi_values columns, so both can grow at the end.</summary>
    public static IReadOnlyList<PublishedColumn> KpiValuesHistory { get; } =
    [
        new("snapshot_year", ColumnType.Int64, false, 2),
        new("snapshot_version", ColumnType.Int64, false, 2),
        new("snapshot_created_at", ColumnType.TimestampUtc, false, 2),
        .. KpiValues.Select(c => c with { AddedIn = Math.Max(2, c.AddedIn) }),
    ];

    /// <summary>The columns of a data file of a version written under <paramref name="schemaVersion"/>; null when that version has no such file.</summary>
    public static IReadOnlyList<PublishedColumn>? Expected(string fileName, int schemaVersion)
    {
        IReadOnlyList<PublishedColumn>? all = fileName switch
        {
            ValuesFile => KpiValues,
            ExclusionsFile => KpiExclusions,
            DistributionFile => KpiDistribution,
            HistoryFile => KpiValuesHistory,
            CatalogueFile => KpiCatalogue,
            _ => null,
        };
        if (all is null || schemaVersion < 1 || schemaVersion > Current)
        {
            return null;
        }

        PublishedColumn[] columns = [.. all.Where(c => c.AddedIn <= schemaVersion)];
        return columns.Length > 0 ? columns : null;
    }
}
