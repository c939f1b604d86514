using Testcontainers.MsSql;
using Xunit;

namespace PmmEtl.Testing;

/// <summary>
/// A real SQL Server for a test: the one named by <see cref="Variable"/>, or a Testcontainers.MsSql container where a
/// Docker engine runs. Without either the test is skipped with the reason printed; the T-SQL itself is still parsed by
/// ScriptDom in every run.
/// </summary>
public sealed class SqlServerServer : IAsyncDisposable
{
    public const string Variable = "PMMETL_TEST_SQLSERVER";

    private readonly MsSqlContainer? _container;

    private SqlServerServer(string connectionString, MsSqlContainer? container)
    {
        ConnectionString = connectionString;
        _container = container;
    }

    public string ConnectionString { get; }

    /// <summary>The server to test against, or the test skipped, naming why there is none and <paramref name="checkedInstead"/>.</summary>
    public static async Task<SqlServerServer> StartOrSkip(string checkedInstead, CancellationToken cancellationToken)
    {
        string? connection = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new SqlServerServer(connection, null);
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock"))
        {
            MsSqlContainer container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await container.StartAsync(cancellationToken);
            return new SqlServerServer(container.GetConnectionString(), container);
        }

        Assert.Skip($"no SQL Server: set {Variable} to a connection string, or run where a Docker engine is available (no DOCKER_HOST, no /var/run/docker.sock here); {checkedInstead}");
        throw new InvalidOperationException("Assert.Skip returned");
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
