namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The demo source's tables. The pipeline's extraction queries are written against exactly these names;
/// times are office-local wall-clock text without offset, as national systems keep them.
/// </summary>
internal static class DemoSchema
{
    public const string Tables = """
        CREATE TABLE office (office_code TEXT PRIMARY KEY, name TEXT NOT NULL, office_type TEXT NOT NULL);
        CREATE TABLE trader (trader_id TEXT PRIMARY KEY, name TEXT NOT NULL, aeo_status TEXT NULL, aeo_valid_from TEXT NULL);
        CREATE TABLE declaration (
          row_id INTEGER PRIMARY KEY,
          declaration_id TEXT NOT NULL,
          declaration_type TEXT NOT NULL,
          cargo_direction TEXT NULL,
          office_code TEXT NOT NULL,
          registration_date TEXT NOT NULL,
          transport_mode INTEGER NOT NULL,
          control_channel TEXT NOT NULL,
          trader_id TEXT NOT NULL,
          pre_arrival INTEGER NOT NULL,
          ecommerce INTEGER NOT NULL,
          risk_level TEXT NOT NULL,
          submission_channel TEXT NOT NULL,
          immediate_release INTEGER NOT NULL);
        CREATE TABLE declaration_event (declaration_row_id INTEGER NOT NULL, event_code TEXT NOT NULL, event_local_time TEXT, actor TEXT NOT NULL);
        """;

    /// <summary>Built after the rows are in: one sort per index instead of a b-tree update per insert.</summary>
    public const string Indexes = """
        CREATE INDEX ix_decl_date ON declaration(registration_date);
        CREATE INDEX ix_event_decl ON declaration_event(declaration_row_id);
        """;
}
