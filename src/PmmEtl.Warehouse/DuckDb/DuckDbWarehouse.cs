using DuckDB.NET.Data;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>The embedded default engine: one DuckDB file, opened in-process by one writer at a time.</summary>
public static class DuckDbWarehouse
{
    public static SqlWarehouse Open(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return new SqlWarehouse(new DuckDBConnection($"Data Source={path}"), new DuckDbDialect());
    }
}
