using System.Text.Json;
using Npgsql;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// pipelines/examples/postgres-source.yaml as shipped, checked by the real pmm-etl against a real PostgreSQL database
/// holding the national table its query reads (national codes, a type outside the list, a mode left empty, an office
/// outside the reference). The connection string reaches the process in PMMETL_SOURCE, as the example says. Counts are
/// SQL over the same table. Skipped, saying why, when no PostgreSQL server can be had.
/// </summary>
public sealed class CheckPostgresExampleTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly ExamplePipelines _examples = new();

    public void Dispose() => _examples.Dispose();

    [Fact]
    public void The_postgres_example_maps_national_columns_in_yaml_and_says_what_the_source_does_not_give()
    {
        string connection = server.NewDatabase();
        Execute(connection, """
            CREATE TABLE declarations (declaration_no text, kind text, office text, registered_on date, mode integer, channel text,
                aeo integer, channel_of_submission text, arrived_at timestamp, lodged_at timestamp, released_at timestamp);
            INSERT INTO declarations VALUES
              ('P1', 'IM', 'NYC', '2025-03-03', 1, 'G', 1,    'X', '2025-03-03 08:00', '2025-03-03 09:00', '2025-03-03 10:30'),
              ('P2', 'IM', 'NYC', '2025-03-04', 6, 'R', 0,    'X', '2025-03-04 07:00', '2025-03-04 07:30', '2025-03-04 12:00'),
              ('P3', 'CO', 'NYC', '2025-03-05', 9, 'O', NULL, 'P', NULL,               '2025-03-05 10:00', '2025-03-05 11:00'),
              ('P4', 'EX', 'NYC', '2025-03-06', NULL, 'G', 0, 'W', NULL,               '2025-03-06 10:00', NULL),
              ('P5', 'IM', 'LHR', '2025-03-07', 4, 'G', 0,    'X', '2025-03-07 06:00', '2025-03-07 06:30', '2025-03-07 07:00');
            """);

        (int code, string output, string error) = CliProcess.Run(_examples.Root, new Dictionary<string, string> { ["PMMETL_SOURCE"] = connection },
            "check", ExamplePipelines.Pipeline("postgres-source"), "--json", "--max-quarantine", "25");

        Assert.True(code == 0, $"{output}\n{error}");
        JsonElement d = JsonDocument.Parse(output).RootElement.GetProperty("record_types")[0];
        long read = Scalar(connection, "SELECT count(*) FROM declarations");
        long refused = Scalar(connection, "SELECT count(*) FROM declarations WHERE office <> 'NYC'");
        Assert.Equal((read, read - refused, refused), (d.GetProperty("read").GetInt64(), d.GetProperty("accepted").GetInt64(), d.GetProperty("rejected").GetInt64()));
        Assert.Equal(Scalar(connection, "SELECT count(*) FROM declarations WHERE kind NOT IN ('IM', 'EX', 'TR') AND office = 'NYC'"),
            d.GetProperty("loaded_as_other").GetProperty("declaration_type 'CO'").GetInt64());
        JsonElement[] fields = [.. d.GetProperty("fields").EnumerateArray()];
        JsonElement Field(string name) => fields.Single(f => f.GetProperty("field").GetString() == name);
        Assert.Equal("column office of source.queries.declaration", Field("office_code").GetProperty("source").GetString());
        Assert.Equal(("absent", "absent (source.fields.declaration.ecommerce)"), (Field("ecommerce").GetProperty("presence").GetString(), Field("ecommerce").GetProperty("source").GetString()));
        long accepted = read - refused;
        Assert.Equal(100.0 * Scalar(connection, "SELECT count(*) FROM declarations WHERE office = 'NYC' AND arrived_at IS NULL") / accepted,
            Field("arrival_local").GetProperty("null_percent").GetDouble());
        Assert.Equal(100.0 * Scalar(connection, "SELECT count(*) FROM declarations WHERE office = 'NYC' AND mode IS NULL") / accepted,
            Field("mode_of_transport").GetProperty("null_percent").GetDouble());
        Assert.False(Directory.Exists(Path.Combine(_examples.Root, "out")), "check wrote a warehouse");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
