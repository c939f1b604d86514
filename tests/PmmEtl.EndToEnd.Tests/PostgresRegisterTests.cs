using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Warehouse.Tests.Registers;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The register scenario of PmmEtl.Warehouse.Tests (RegisterScenario.cs, compiled into this project too) on a real
/// PostgreSQL server, one fresh database per part: the same hand-worked values as on DuckDB.
/// </summary>
public sealed class PostgresRegisterTests(PostgresServer postgres)
{
    [Fact]
    public void Postgres_loads_reruns_and_replaces_without_duplicates() =>
        OnPostgres(w => RegisterScenario.LoadsAndReruns(w, RegisterScenario.LoadAll(w)));

    [Fact]
    public void Postgres_takes_a_copy_across_the_window_edge_for_a_duplicate_as_a_full_run_does() =>
        OnPostgres(RegisterScenario.DuplicatesAcrossTheWindowEdge);

    [Fact]
    public void Postgres_quarantines_a_duplicate_key_naming_the_kept_row() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.DuplicatesAreQuarantined(w);
    });

    [Fact]
    public void Postgres_head_counts_at_year_end_and_staff_with_a_related_training() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.HeadCountsAndTraining(w);
    });

    [Fact]
    public void Postgres_counts_seizures_by_category_rules() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.SeizureCategoryCounts(w);
    });

    [Fact]
    public void Postgres_sums_are_null_on_an_empty_year_and_means_are_exact() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.SumsAndMeans(w);
    });

    [Fact]
    public void Postgres_mean_of_group_shares_and_breakdowns() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.GroupSharesAndBreakdowns(w);
    });

    [Fact]
    public void Postgres_mean_of_linked_shares_over_a_population() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.LinkedShares(w);
    });

    [Fact]
    public void Postgres_conditions_and_unknown_fields() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.ConditionsAndErrors(w);
    });

    [Fact]
    public void Postgres_runs_every_query_of_the_variable_battery() => OnPostgres(w =>
    {
        RegisterScenario.LoadAll(w);
        RegisterScenario.EveryBatteryQueryRuns(w);
    });

    private void OnPostgres(Action<SqlWarehouse> test)
    {
        using SqlWarehouse w = PostgresWarehouse.Open(postgres.NewDatabase());
        test(w);
    }
}
