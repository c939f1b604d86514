namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// The columns of <c>fact_declaration</c> (and its staging twin) in table order, as every engine's schema script
/// creates them. The load writes rows in this order and merges with this list; a test checks it against each
/// engine's table.
/// </summary>
public static class FactColumns
{
    public static IReadOnlyList<(string Name, ColumnType Type)> Declaration { get; } =
    [
        ("declaration_id", ColumnType.Text), ("declaration_type", ColumnType.Text), ("direction", ColumnType.Text),
        ("office_code", ColumnType.Text), ("business_date", ColumnType.Date), ("date_key", ColumnType.Int),
        ("mode_of_transport", ColumnType.Text), ("control_channel", ColumnType.Text), ("trader_id", ColumnType.Text),
        ("is_aeo", ColumnType.Bool), ("is_pre_arrival", ColumnType.Bool), ("is_ecommerce", ColumnType.Bool),
        ("is_low_risk", ColumnType.Bool), ("submission_channel", ColumnType.Text), ("is_electronic", ColumnType.Bool),
        ("is_immediate_release", ColumnType.Bool),
        ("arrival_utc", ColumnType.Timestamp), ("lodged_utc", ColumnType.Timestamp), ("oga_permit_utc", ColumnType.Timestamp),
        ("inspection_start_utc", ColumnType.Timestamp), ("inspection_end_utc", ColumnType.Timestamp), ("cleared_utc", ColumnType.Timestamp),
        ("released_utc", ColumnType.Timestamp), ("loaded_utc", ColumnType.Timestamp),
        ("arrival_to_release_min", ColumnType.Double), ("arrival_to_release_business_min", ColumnType.Double),
        ("arrival_to_release_oga_min", ColumnType.Double), ("arrival_to_release_customs_min", ColumnType.Double),
        ("lodgement_to_loading_min", ColumnType.Double), ("lodgement_to_loading_business_min", ColumnType.Double),
        ("lodgement_to_loading_oga_min", ColumnType.Double), ("lodgement_to_loading_customs_min", ColumnType.Double),
        ("arrival_to_loading_min", ColumnType.Double), ("arrival_to_loading_business_min", ColumnType.Double),
        ("arrival_to_loading_oga_min", ColumnType.Double), ("arrival_to_loading_customs_min", ColumnType.Double),
        ("lodgement_to_clearance_min", ColumnType.Double),
        ("source_name", ColumnType.Text), ("source_row", ColumnType.Long), ("run_id", ColumnType.Text),
    ];

    public static IReadOnlyList<(string Name, ColumnType Type)> Quarantine { get; } =
    [
        ("pipeline", ColumnType.Text), ("record_type", ColumnType.Text), ("source_name", ColumnType.Text), ("source_row", ColumnType.Long),
        ("source_key", ColumnType.Text), ("business_date_raw", ColumnType.Text), ("field", ColumnType.Text), ("reason", ColumnType.Text),
        ("raw_value", ColumnType.Text), ("run_id", ColumnType.Text), ("quarantined_at", ColumnType.Timestamp),
    ];

    public static IReadOnlyList<(string Name, ColumnType Type)> KpiValue { get; } =
    [
        ("pipeline", ColumnType.Text), ("kpi_code", ColumnType.Text), ("kpi_id", ColumnType.Text), ("variant", ColumnType.Text),
        ("period_type", ColumnType.Text), ("period_label", ColumnType.Text), ("period_start", ColumnType.Date), ("period_end", ColumnType.Date),
        ("period_year", ColumnType.Short), ("breakdown", ColumnType.Text), ("breakdown_value", ColumnType.Text), ("value", ColumnType.Double),
        ("unit", ColumnType.Text), ("median", ColumnType.Double), ("p90", ColumnType.Double), ("min", ColumnType.Double), ("max", ColumnType.Double),
        ("sum_minutes", ColumnType.Double), ("n", ColumnType.Long), ("numerator", ColumnType.Long), ("denominator", ColumnType.Long),
        ("excluded", ColumnType.Long), ("disclosure", ColumnType.Text), ("note", ColumnType.Text), ("run_id", ColumnType.Text),
        ("computed_at", ColumnType.Timestamp),
        // Script 011 added it; ALTER TABLE appends, so it is last here too (the appenders write by position).
        ("value_text", ColumnType.Text),
        // Script 015: the period had not ended at the run's data cut-off.
        ("provisional", ColumnType.Bool),
    ];

    public static IReadOnlyList<(string Name, ColumnType Type)> KpiExclusion { get; } =
    [
        ("pipeline", ColumnType.Text), ("kpi_code", ColumnType.Text), ("period_type", ColumnType.Text), ("period_label", ColumnType.Text),
        ("period_start", ColumnType.Date), ("period_year", ColumnType.Short), ("reason", ColumnType.Text), ("explanation", ColumnType.Text),
        ("count", ColumnType.Long), ("run_id", ColumnType.Text),
    ];

    public static IReadOnlyList<(string Name, ColumnType Type)> KpiDistribution { get; } =
    [
        ("pipeline", ColumnType.Text), ("kpi_code", ColumnType.Text), ("period_year", ColumnType.Short), ("bin", ColumnType.Int),
        ("lower_min", ColumnType.Double), ("upper_min", ColumnType.Double), ("count", ColumnType.Long), ("run_id", ColumnType.Text),
    ];

    public static IReadOnlyList<ColumnType> Types(this IReadOnlyList<(string Name, ColumnType Type)> columns) => columns.Select(c => c.Type).ToArray();

    public static string Names(this IReadOnlyList<(string Name, ColumnType Type)> columns) => string.Join(", ", columns.Select(c => c.Name));
}
