using PmmEtl.Extract.Definitions;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Jobs.Definitions.Warehouse;

/// <summary>
/// Reads <c>warehouse:</c>: the engine (<see cref="WarehouseDefinition.Engines"/>), then a file path for DuckDB or a
/// connection string for the server engines, checked like a source's (<see cref="ConnectionStrings"/>).
/// </summary>
internal static class WarehouseSectionReader
{
    public static WarehouseDefinition? Read(YamlNodeReader? w, string folder)
    {
        if (w is null)
        {
            return null;
        }

        w.OnlyKeys("engine", "path", "connection_string", "connection_string_env");
        string? engine = w.String("engine", required: true);
        if (engine is not null && !WarehouseDefinition.Engines.Contains(engine))
        {
            w.Problem(w.Get("engine"), "engine", $"unknown warehouse engine '{engine}' (supported: {string.Join(", ", WarehouseDefinition.Engines)})");
            return null;
        }

        if (engine == "duckdb")
        {
            string? path = w.String("path", required: true);
            return path is null ? null : new WarehouseDefinition(engine, Path.GetFullPath(Path.Combine(folder, path)), null);
        }

        string? connection = engine is null ? null : ConnectionStrings.Read(w, engine);
        return engine is null || connection is null ? null : new WarehouseDefinition(engine, null, connection);
    }
}
