using Testcontainers.MsSql;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The fixture on a real SQL Server: the one named by PMMETL_TEST_SQLSERVER, or a Testcontainers.MsSql container
/// where a Docker engine runs. Without either the test is skipped with the reason printed; the T-SQL itself is
/// still checked in every run by the ScriptDom tests of PmmEtl.Warehouse.Tests.
/// </summary>
public sealed class SqlServerTests
{
    private const string EnvironmentVariable = "PMMETL_TEST_SQLSERVER";

    private static string? DockerMissing()
    {
        string? host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host))
        {
            return null;
        }

        return File.Exists("/var/run/docker.sock") ? null
            : $"no SQL Server: set {EnvironmentVariable} to a connection string, or run where a Docker engine is available (no DOCKER_HOST, no /var/run/docker.sock here)";
    }

    [Fact]
    public async Task The_fixture_gives_the_same_values_on_sql_server_as_on_duckdb()
    {
        string? connection = Environment.GetEnvironmentVariable(EnvironmentVariable);
        MsSqlContainer? container = null;
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (DockerMissing() is { } reason)
            {
                Assert.Skip(reason);
            }

            container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await container.StartAsync(TestContext.Current.CancellationToken);
            connection = container.GetConnectionString();
        }

        try
        {
            EngineEquivalenceTests.Equivalent(FixtureSource.PipelineYaml(),
                folder => FixtureSource.Write(Path.Combine(folder, "source.sqlite"), FixtureSource.Rows), "sqlserver", connection);
        }
        finally
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }
        }
    }
}
