using Microsoft.Data.SqlClient;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.SqlServer;

/// <summary>A SQL Server warehouse: the shared SQL layer over Microsoft.Data.SqlClient.</summary>
public static class SqlServerWarehouse
{
    public static SqlWarehouse Open(string connectionString) =>
        new(new SqlConnection(connectionString), new SqlServerDialect());
}
