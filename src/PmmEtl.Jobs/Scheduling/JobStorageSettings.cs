using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>
/// Where Hangfire keeps its jobs. In-memory suits one embedded server; several <c>pmm-etl serve</c> processes on
/// different machines share a SQL Server or PostgreSQL store and split the work between them.
/// </summary>
public sealed record JobStorageSettings(string Kind, string? ConnectionString)
{
    public static IReadOnlyList<string> Kinds { get; } = ["inmemory", "postgres", "sqlserver"];

    public static JobStorageSettings InMemory { get; } = new("inmemory", null);

    /// <summary>From the command line: the kind, and the name of the environment variable holding the connection string.</summary>
    public static JobStorageSettings From(string kind, string? connectionStringVariable)
    {
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException($"--storage: unknown job storage '{kind}' (expected {string.Join(", ", Kinds)})");
        }

        if (kind == "inmemory")
        {
            return InMemory;
        }

        if (string.IsNullOrWhiteSpace(connectionStringVariable))
        {
            throw new ArgumentException($"--storage {kind} needs --storage-connection-env, the environment variable that holds its connection string");
        }

        string? connection = Environment.GetEnvironmentVariable(connectionStringVariable);
        return string.IsNullOrWhiteSpace(connection)
            ? throw new ArgumentException($"--storage-connection-env: the environment variable '{connectionStringVariable}' is not set")
            : new JobStorageSettings(kind, connection);
    }

    public JobStorage Create() => Kind switch
    {
        "postgres" => PostgresStorage(ConnectionString!),
        "sqlserver" => new SqlServerStorage(ConnectionString!, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" }),
        _ => new InMemoryStorage(),
    };

    public override string ToString() => Kind;

    private static PostgreSqlStorage PostgresStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options, null), options);
    }
}
