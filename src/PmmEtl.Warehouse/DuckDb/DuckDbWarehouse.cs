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

        try
        {
            return new SqlWarehouse(new DuckDBConnection($"Data Source={path}"), new DuckDbDialect());
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            // Another process has the file open for writing: for a run, that means another run.
            throw new PmmEtl.Core.Stages.WarehouseBusyException($"the warehouse {path} is in use by another process: {e.Message}", e);
        }
    }
}
