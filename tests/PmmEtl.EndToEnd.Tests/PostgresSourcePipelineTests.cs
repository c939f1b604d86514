using Npgsql;
using NpgsqlTypes;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The fixture pipeline with its source in PostgreSQL instead of SQLite: the same query text, with the window as
/// @from/@to against a DATE column, gives the same rows and so the same hand-worked KPI values
/// (<see cref="FixturePipelineTests"/>). Skipped, saying why, when no PostgreSQL server can be had.
/// </summary>
public sealed class PostgresSourcePipelineTests(PostgresServer server) : IDisposable
{
    private readonly string _variable = "PMMETL_TEST_SOURCE_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private PipelineHarness? _h;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _h?.Dispose();
    }

    private PipelineHarness Harness()
    {
        string connection = server.NewDatabase();
        WriteSource(connection);
        Environment.SetEnvironmentVariable(_variable, connection);
        string yaml = FixtureSource.PipelineYaml().Replace("  kind: sqlite\n  path: source.sqlite\n", $"  kind: postgres\n  connection_string_env: {_variable}\n", StringComparison.Ordinal);
        Assert.Contains("kind: postgres", yaml, StringComparison.Ordinal);
        return _h = new PipelineHarness(yaml);
    }

    [Fact]
    public void The_fixture_read_from_postgres_gives_the_hand_worked_kpis()
    {
        PipelineHarness h = Harness();

        RunSummary s = h.Run();

        Assert.Equal((26L, 21L, 5L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        Assert.Equal((220.00, 6L, 7L, "public"), h.Kpi("K04", "2025"));
        Assert.Equal((700.00, 3L, 3L, "public"), h.Kpi("K05", "2025"));
    }

    [Fact]
    public void The_window_reaches_postgres_as_parameters_compared_with_a_date_column()
    {
        PipelineHarness h = Harness();

        RunSummary s = h.Run(new ExtractWindow(new NodaTime.LocalDate(2025, 1, 1), new NodaTime.LocalDate(2025, 2, 1)));

        // January: I1 (and its duplicate), I2 registered on the 9th, I7.
        Assert.Equal(4L, s.Run.RowsRead);
    }

    private static void WriteSource(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var create = new NpgsqlCommand("""
            CREATE TABLE decl (row_id serial PRIMARY KEY, declaration_id text, declaration_type text, direction text, office_code text,
                business_date date, mode_of_transport text, control_channel text, trader_id text, aeo integer, pre_arrival integer,
                ecommerce integer, risk_level text, submission_channel text, immediate_release integer, arrival_local text,
                lodged_local text, oga_permit_local text, inspection_start_local text, inspection_end_local text, cleared_local text,
                released_local text, loaded_local text)
            """, connection))
        {
            create.ExecuteNonQuery();
        }

        foreach (FixtureRow r in FixtureSource.Rows)
        {
            using var insert = new NpgsqlCommand("""
                INSERT INTO decl (declaration_id, declaration_type, direction, office_code, business_date, mode_of_transport, control_channel,
                    trader_id, aeo, pre_arrival, ecommerce, risk_level, submission_channel, immediate_release, arrival_local, lodged_local,
                    oga_permit_local, inspection_start_local, inspection_end_local, cleared_local, released_local, loaded_local)
                VALUES (@id, @type, @dir, @office, @date, @mode, @channel, @trader, @aeo, @pre, @ecom, @risk, @sub, @imm,
                    @arr, @lod, @oga, @ins, @ine, @clr, @rel, @lob)
                """, connection);
            object Db(object? v) => v ?? DBNull.Value;
            insert.Parameters.AddWithValue("id", r.Id);
            insert.Parameters.AddWithValue("type", r.Type);
            insert.Parameters.AddWithValue("dir", NpgsqlDbType.Text, Db(r.Direction));
            insert.Parameters.AddWithValue("office", r.Office);
            insert.Parameters.AddWithValue("date", DateOnly.Parse(r.Date, System.Globalization.CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("mode", r.Mode);
            insert.Parameters.AddWithValue("channel", r.Channel);
            insert.Parameters.AddWithValue("trader", "T-" + r.Id);
            insert.Parameters.AddWithValue("aeo", r.Aeo);
            insert.Parameters.AddWithValue("pre", r.Pre);
            insert.Parameters.AddWithValue("ecom", r.Ecom);
            insert.Parameters.AddWithValue("risk", NpgsqlDbType.Text, Db(r.Risk));
            insert.Parameters.AddWithValue("sub", r.Sub);
            insert.Parameters.AddWithValue("imm", r.Imm);
            foreach ((string name, string? value) in new[] { ("arr", r.Arr), ("lod", r.Lod), ("oga", r.Oga), ("ins", r.Ins), ("ine", r.Ine), ("clr", r.Clr), ("rel", r.Rel), ("lob", r.Lob) })
            {
                insert.Parameters.AddWithValue(name, NpgsqlDbType.Text, Db(value));
            }

            insert.ExecuteNonQuery();
        }
    }
}
