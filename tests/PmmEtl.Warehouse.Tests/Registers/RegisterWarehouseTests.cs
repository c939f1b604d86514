using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Warehouse.SqlServer;

namespace PmmEtl.Warehouse.Tests.Registers;

/// <summary>
/// The register scenario (<see cref="RegisterScenario"/>) on DuckDB, in-process on a temporary file, one fresh
/// warehouse per part; and on SQL Server, the one named by PMMETL_TEST_SQLSERVER or a Testcontainers.MsSql container
/// where a Docker engine runs, else skipped with the reason. PostgreSQL runs it in PmmEtl.EndToEnd.Tests, beside its fixture.
/// </summary>
public sealed class RegisterWarehouseTests
{
    [Fact]
    public void Duckdb_loads_reruns_and_replaces_without_duplicates() =>
        OnDuckDb(w => RegisterScenario.LoadsAndReruns(w, RegisterScenario.LoadAll(w)));

    [Fact]
    public void Duckdb_quarantines_a_duplicate_key_naming_the_kept_row() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.DuplicatesAreQuarantined(w);
    });

    [Fact]
    public void Duckdb_takes_a_copy_across_the_window_edge_for_a_duplicate_as_a_full_run_does() =>
        OnDuckDb(RegisterScenario.DuplicatesAcrossTheWindowEdge);

    [Fact]
    public void Duckdb_head_counts_at_year_end_and_staff_with_a_related_training() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.HeadCountsAndTraining(w);
    });

    [Fact]
    public void Duckdb_counts_seizures_by_category_rules() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.SeizureCategoryCounts(w);
    });

    [Fact]
    public void Duckdb_sums_are_null_on_an_empty_year_and_means_are_exact() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.SumsAndMeans(w);
    });

    [Fact]
    public void Duckdb_mean_of_group_shares_and_breakdowns() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.GroupSharesAndBreakdowns(w);
    });

    [Fact]
    public void Duckdb_mean_of_linked_shares_over_a_population() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.LinkedShares(w);
    });

    [Fact]
    public void Duckdb_conditions_and_unknown_fields() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.ConditionsAndErrors(w);
    });

    [Fact]
    public void Duckdb_runs_every_query_of_the_variable_battery() => OnDuckDb(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.EveryBatteryQueryRuns(w);
    });

    [Fact]
    public void Duckdb_migrating_twice_applies_the_register_script_once()
    {
        string folder = Folder();
        try
        {
            using SqlWarehouse w = DuckDbWarehouse.Open(Path.Combine(folder, "warehouse.duckdb"));
            Assert.Contains("010_registers.sql", w.Migrate());
            Assert.Empty(w.Migrate());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sql_server_gives_the_same_values()
    {
        await using SqlServerServer server = await SqlServerServer.StartOrSkip("the register T-SQL is still parsed by RegisterSqlServerTextTests", TestContext.Current.CancellationToken);
        string connection = server.ConnectionString;
        using SqlWarehouse w = SqlServerWarehouse.Open(connection);
        RegisterScenario.All(w);
    }

    private static void OnDuckDb(Action<SqlWarehouse> test)
    {
        string folder = Folder();
        try
        {
            using SqlWarehouse w = DuckDbWarehouse.Open(Path.Combine(folder, "warehouse.duckdb"));
            test(w);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pmm-etl-tests", "registers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
