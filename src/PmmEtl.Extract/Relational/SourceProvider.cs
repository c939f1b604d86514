namespace PmmEtl.Extract.Relational;

/// <summary>
/// A relational source's ADO.NET provider: its <c>source.kind</c>, the character that marks a named parameter in
/// its SQL (DuckDB writes <c>$from</c>; SQLite, PostgreSQL and SQL Server write <c>@from</c>), and whether it
/// reads a local file (given as <c>source.path</c>) rather than a server.
/// </summary>
public sealed record SourceProvider(string Kind, char ParameterMarker, bool FileBased)
{
    public static SourceProvider Sqlite { get; } = new("sqlite", '@', FileBased: true);
    public static SourceProvider DuckDb { get; } = new("duckdb", '$', FileBased: true);
    public static SourceProvider Postgres { get; } = new("postgres", '@', FileBased: false);
    public static SourceProvider SqlServer { get; } = new("sqlserver", '@', FileBased: false);

    public static IReadOnlyList<SourceProvider> All { get; } = [Sqlite, DuckDb, Postgres, SqlServer];

    public static SourceProvider? Find(string? kind) => All.FirstOrDefault(p => p.Kind == kind);

    /// <summary>The name a parameter gets in the provider's parameter collection (SqlClient and SQLite want the marker, the others do not).</summary>
    public string ParameterName(string name) => Kind is "sqlite" or "sqlserver" ? "@" + name : name;
}
