using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.DuckDb;

namespace PmmEtl.Jobs.Running;

/// <summary>Opens the warehouse engine a pipeline names.</summary>
public static class WarehouseFactory
{
    public static IWarehouse Open(WarehouseDefinition definition) => definition.Engine switch
    {
        "duckdb" => DuckDbWarehouse.Open(definition.Path),
        _ => throw new NotSupportedException($"warehouse.engine '{definition.Engine}' is not supported"),
    };
}
