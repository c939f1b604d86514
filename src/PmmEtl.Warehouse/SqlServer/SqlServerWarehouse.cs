using Microsoft.Data.SqlClient;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.SqlServer;

/// <summary>A SQL Server warehouse: the shared SQL layer over Microsoft.Data.SqlClient.</summary>
public static class SqlServerWarehouse
{
    /// <param name="checkpoints">Told the named points a load and the value store pass; none when null.</param>
    public static SqlWarehouse Open(string connectionString, PmmEtl.Core.Stages.ICheckpoints? checkpoints = null) =>
        new(new SqlConnection(connectionString), new SqlServerDialect(), checkpoints);
}
