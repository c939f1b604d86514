using Npgsql;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Postgres;

/// <summary>A PostgreSQL warehouse: the shared SQL layer over Npgsql.</summary>
public static class PostgresWarehouse
{
    /// <summary>
    /// The memory each sort or hash of the measure may use before spilling to disk: the server's default (4 MB) makes
    /// the percentile sorts of a year's grouping sets spill. Stated here as a budget, per sort node of the warehouse's
    /// own sessions; a connection string that sets work_mem in its Options keeps its own.
    /// </summary>
    public const string WorkMem = "64MB";

    /// <param name="checkpoints">Told the named points a load and the value store pass; none when null.</param>
    public static SqlWarehouse Open(string connectionString, PmmEtl.Core.Stages.ICheckpoints? checkpoints = null) =>
        new(new NpgsqlConnection(WithWorkMem(connectionString)), new PostgresDialect(), checkpoints);

    internal static string WithWorkMem(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options is { } options && options.Contains("work_mem", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? $"-c work_mem={WorkMem}" : $"{builder.Options} -c work_mem={WorkMem}";
        return builder.ConnectionString;
    }
}
