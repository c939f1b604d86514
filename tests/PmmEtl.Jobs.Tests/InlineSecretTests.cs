using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests;

/// <summary>
/// An inline <c>connection_string</c> is read by the provider's own builder: every keyword the provider takes as a
/// password is refused, whatever its spelling, with the line and the keyword, and the value is never repeated.
/// </summary>
public sealed class InlineSecretTests : IDisposable
{
    private const string Secret = "Tr0ub4dor-Inline";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> Problems(string yaml)
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, yaml);
        return Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path)).Problems;
    }

    private static string WithWarehouse(string engine, string connection) => FixtureSource.PipelineYaml().Replace(
        "warehouse:\n  engine: duckdb\n  path: warehouse.duckdb",
        $"warehouse:\n  engine: {engine}\n  connection_string: \"{connection}\"", StringComparison.Ordinal);

    private static string WithSource(string kind, string connection) => FixtureSource.PipelineYaml().Replace(
        "kind: sqlite\n  path: source.sqlite", $"kind: {kind}\n  connection_string: \"{connection}\"", StringComparison.Ordinal)
        .Replace("@from", kind == "duckdb" ? "$from" : "@from", StringComparison.Ordinal).Replace("@to", kind == "duckdb" ? "$to" : "@to", StringComparison.Ordinal);

    [Theory]
    // Npgsql reads Psw, PWD and Password in any case as the password; the old check knew only password and pwd.
    [InlineData("postgres", "Host=db;Username=pmm;Psw=" + Secret, "psw")]
    [InlineData("postgres", "Host=db;Username=pmm;PSW=" + Secret, "psw")]
    [InlineData("postgres", "Host=db;Username=pmm;pAsSwOrD=" + Secret, "password")]
    [InlineData("postgres", "Host=db;Username=pmm; PWD =" + Secret, "pwd")]
    // The client certificate key's password is as secret as the login's.
    [InlineData("postgres", "Host=db;Username=pmm;SSL Password=" + Secret, "ssl password")]
    [InlineData("postgres", "Host=db;Username=pmm;SslPassword=" + Secret, "sslpassword")]
    [InlineData("sqlserver", "Server=db;User Id=pmm;PWD=" + Secret, "pwd")]
    [InlineData("sqlserver", "Server=db;User Id=pmm;Password=" + Secret, "password")]
    public void A_password_under_any_keyword_the_provider_reads_as_one_is_refused_naming_the_keyword(string engine, string connection, string keyword)
    {
        IReadOnlyList<string> problems = Problems(WithWarehouse(engine, connection));

        string problem = Assert.Single(problems);
        Assert.StartsWith($"line 14: warehouse.connection_string: holds a password (keyword '{keyword}')", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres", "Host=db;Username=pmm;Psw=" + Secret)]
    [InlineData("sqlserver", "Server=db;User Id=pmm;Password=" + Secret)]
    [InlineData("sqlite", "Data Source=customs.db;Password=" + Secret)]
    [InlineData("duckdb", "Data Source=customs.duckdb;s3_secret_access_key=" + Secret)]
    [InlineData("duckdb", "Data Source=customs.duckdb;http_proxy_password=" + Secret)]
    public void A_source_connection_string_is_read_by_its_own_provider(string kind, string connection)
    {
        IReadOnlyList<string> problems = Problems(WithSource(kind, connection));

        string problem = Assert.Single(problems);
        Assert.StartsWith("line 4: source.connection_string: holds a password", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
    }

    [Theory]
    // SqlClient and SQLite know no Psw: the provider would refuse it at the first connection, so it is refused now, by name.
    [InlineData("sqlserver", "Server=db;Psw=" + Secret, "psw")]
    [InlineData("postgres", "Host=db;Passwort=" + Secret, "passwort")]
    public void A_keyword_the_provider_does_not_know_is_refused_by_name_without_its_value(string engine, string connection, string keyword)
    {
        string problem = Assert.Single(Problems(WithWarehouse(engine, connection)));

        Assert.Equal($"line 14: warehouse.connection_string: '{keyword}' is not a {engine} connection-string keyword, or its value is not valid for it", problem);
    }

    [Fact]
    public void A_string_that_is_no_connection_string_is_refused_without_quoting_it()
    {
        string problem = Assert.Single(Problems(WithWarehouse("postgres", "Host=db;Password" + Secret)));

        Assert.Equal("line 14: warehouse.connection_string: not a connection string (keyword=value pairs separated by ';')", problem);
    }

    [Fact]
    public void A_connection_string_without_a_secret_may_stay_inline()
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, WithWarehouse("postgres", "Host=db;Username=pmm;Database=pmm;Password=;Passfile=/etc/pmm/pgpass"));

        Assert.Equal("Host=db;Username=pmm;Database=pmm;Password=;Passfile=/etc/pmm/pgpass", PipelineDefinitionLoader.Load(path).Warehouse.ConnectionString);
    }
}
