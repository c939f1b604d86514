using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions.Warehouse;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.SqlServer;

namespace PmmEtl.Jobs.Running;

/// <summary>Opens the warehouse engine a pipeline names.</summary>
public static class WarehouseFactory
{
    /// <param name="checkpoints">Told the named points its loads and value store pass (a run's hook); none when null.</param>
    public static IWarehouse Open(WarehouseDefinition definition, ICheckpoints? checkpoints = null) => definition.Engine switch
    {
        "duckdb" => DuckDbWarehouse.Open(definition.Path!, checkpoints),
        "postgres" => PostgresWarehouse.Open(definition.ConnectionString!, checkpoints),
        "sqlserver" => SqlServerWarehouse.Open(definition.ConnectionString!, checkpoints),
        _ => throw new NotSupportedException($"warehouse.engine '{definition.Engine}' is not supported"),
    };
}
