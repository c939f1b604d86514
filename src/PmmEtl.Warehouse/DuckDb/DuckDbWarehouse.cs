using DuckDB.NET.Data;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>The embedded default engine: one DuckDB file, opened in-process by one writer at a time.</summary>
public static class DuckDbWarehouse
{
    /// <param name="checkpoints">Told the named points a load and the value store pass; none when null.</param>
    public static SqlWarehouse Open(string path, PmmEtl.Core.Stages.ICheckpoints? checkpoints = null)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            var warehouse = new SqlWarehouse(new DuckDBConnection($"Data Source={path}"), new DuckDbDialect(), checkpoints);
            // DuckDB's buffer pool grows to 80 % of RAM by default; a nightly job shares its machine, so the pool is
            // capped and larger merges spill to disk instead of growing the process with the number of rows. 384 MB,
            // not 512: at 10M declarations the measure's percentile states live outside the pool, and the process
            // peaked at 958-1,018 MB with 512 against 824 MB with 384, in the same time (docs/benchmarks.md, memory).
            using (var command = warehouse.Connection.CreateCommand())
            {
                command.CommandText = "SET memory_limit = '384MB'";
                command.ExecuteNonQuery();
            }

            return warehouse;
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            // Another process has the file open for writing: for a run, that means another run.
            throw new PmmEtl.Core.Stages.WarehouseBusyException($"the warehouse {path} is in use by another process: {e.Message}", e);
        }
    }
}
