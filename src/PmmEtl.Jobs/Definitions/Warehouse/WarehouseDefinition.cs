namespace PmmEtl.Jobs.Definitions.Warehouse;

/// <summary>
/// The warehouse engine and where it is: a file path for the embedded DuckDB engine, a connection string
/// (read from an environment variable, never written in the YAML with a password) for server engines.
/// </summary>
public sealed record WarehouseDefinition(string Engine, string? Path, string? ConnectionString)
{
    public static IReadOnlyList<string> Engines { get; } = ["duckdb", "postgres", "sqlserver"];

    /// <summary>Where the warehouse is, fit for logs: the path, or the server and database without credentials.</summary>
    public string Describe()
    {
        if (Path is not null)
        {
            return Path;
        }

        var parts = (ConnectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("host", StringComparison.OrdinalIgnoreCase) || p.StartsWith("server", StringComparison.OrdinalIgnoreCase)
                     || p.StartsWith("database", StringComparison.OrdinalIgnoreCase) || p.StartsWith("initial catalog", StringComparison.OrdinalIgnoreCase)
                     || p.StartsWith("port", StringComparison.OrdinalIgnoreCase) || p.StartsWith("data source", StringComparison.OrdinalIgnoreCase));
        return $"{Engine}: {string.Join(";", parts)}";
    }
}
