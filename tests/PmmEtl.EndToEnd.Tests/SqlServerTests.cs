namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The fixture on a real SQL Server (<see cref="SqlServerServer"/>: the one named by PMMETL_TEST_SQLSERVER, or a
/// Testcontainers.MsSql container where a Docker engine runs). Without either the test is skipped with the reason
/// printed; the T-SQL itself is still checked in every run by the ScriptDom tests of PmmEtl.Warehouse.Tests.
/// </summary>
public sealed class SqlServerTests
{
    [Fact]
    public async Task The_fixture_gives_the_same_values_on_sql_server_as_on_duckdb()
    {
        await using SqlServerServer server = await SqlServerServer.StartOrSkip("the T-SQL is still parsed by the ScriptDom tests of PmmEtl.Warehouse.Tests", TestContext.Current.CancellationToken);
        string connection = server.ConnectionString;
        EngineEquivalenceTests.Equivalent(FixtureSource.PipelineYaml(),
            folder => FixtureSource.Write(Path.Combine(folder, "source.sqlite"), FixtureSource.Rows), "sqlserver", connection);
    }
}
