using Npgsql;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Postgres;

/// <summary>A PostgreSQL warehouse: the shared SQL layer over Npgsql.</summary>
public static class PostgresWarehouse
{
    public static SqlWarehouse Open(string connectionString) =>
        new(new NpgsqlConnection(connectionString), new PostgresDialect());
}
