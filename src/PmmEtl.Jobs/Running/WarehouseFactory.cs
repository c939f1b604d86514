using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions.Warehouse;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.SqlServer;

namespace PmmEtl.Jobs.Running;

/// <summary>Opens the warehouse engine a pipeline names.</summary>
public static class WarehouseFactory
{
    public static IWarehouse Open(WarehouseDefinition definition) => definition.Engine switch
    {
        "duckdb" => DuckDbWarehouse.Open(definition.Path!),
        "postgres" => PostgresWarehouse.Open(definition.ConnectionString!),
        "sqlserver" => SqlServerWarehouse.Open(definition.ConnectionString!),
        _ => throw new NotSupportedException($"warehouse.engine '{definition.Engine}' is not supported"),
    };
}
