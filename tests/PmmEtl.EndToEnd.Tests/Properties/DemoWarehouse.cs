using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;
using PmmEtl.Testing;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// The shipped demo pipeline (pipelines/demo.yaml, its inputs, queries and offices unchanged) run once on a small
/// generated source, shared by the catalogue-wide property tests. Each case changes the warehouse inside a transaction
/// that is rolled back afterwards, and measures through the real <see cref="KpiMeasurer"/> and the DuckDB aggregator
/// with the run's own settings (the pipeline's inputs, financial year and what the source gives), the entry under
/// test only: cases stay independent and cheap. One case at a time (one connection; DuckDB transactions are per
/// connection).
/// </summary>
public sealed class DemoWarehouse : IDisposable
{
    /// <summary>Small enough to load in well under a minute, large enough that every register and breakdown has records.</summary>
    public const int Declarations = 20000;

    private readonly Lock _gate = new();
    private readonly PipelineHarness _harness;
    private readonly SqlWarehouse _warehouse;
    private readonly MeasureSettings _settings;
    private readonly Dictionary<string, IReadOnlyList<KpiValue>> _baseline = new(StringComparer.Ordinal);

    public DemoWarehouse()
    {
        string demo = File.ReadAllText(DemoPipelineTests.DemoYamlPath());
        string yaml = demo.Replace("../out/demo/", "", StringComparison.Ordinal)
            .Replace("../out/snapshots", "snapshots", StringComparison.Ordinal)
            .Replace("declarations: 200000", $"declarations: {Declarations}", StringComparison.Ordinal);
        _harness = new PipelineHarness(yaml);
        DemoPipelineTests.CopyInputs(Path.GetDirectoryName(DemoPipelineTests.DemoYamlPath())!, _harness.Folder);
        Run = _harness.Run();
        Definition = _harness.Definition;

        // What the source gives, as the runner asks it (PipelineRunner.Describe): the same notes, the same values.
        IRecordSource source = RecordSources.Create(Definition.Source, Definition.Name);
        var fields = new SourceFields(Definition.Source.Kind, source.Available.ToDictionary(t => t.Name, source.Describe, StringComparer.Ordinal),
            type => RecordSources.WhereTypeWouldBe(Definition.Source, type));
        _settings = new MeasureSettings(Definition.Inputs, Definition.FinancialYearStartMonth, fields);
        _warehouse = DuckDbWarehouse.Open(_harness.WarehousePath);
        Years = MeasuredYears();
    }

    public PipelineDefinition Definition { get; }

    /// <summary>The officers' inputs the run measured with.</summary>
    public AssessmentInputs Inputs => _settings.Inputs;

    public RunSummary Run { get; }

    /// <summary>The calendar years the demo run measured (its records' years and its inputs' years).</summary>
    public IReadOnlyList<int> Years { get; }

    public string Folder => _harness.Folder;

    public string WarehousePath => _harness.WarehousePath;

    /// <summary>Rows of a query over the unchanged warehouse (the tests' second path).</summary>
    public List<object?[]> Query(string sql)
    {
        lock (_gate)
        {
            return Rows(_warehouse.Connection, sql);
        }
    }

    /// <summary>The entry's values on the unchanged warehouse, measured once and kept.</summary>
    public IReadOnlyList<KpiValue> Baseline(KpiDefinition kpi)
    {
        lock (_gate)
        {
            if (!_baseline.TryGetValue(kpi.Code, out IReadOnlyList<KpiValue>? values))
            {
                values = MeasureNow(kpi);
                _baseline[kpi.Code] = values;
            }

            return values;
        }
    }

    /// <summary>
    /// The entry's values after <paramref name="change"/> (SQL statements run on the warehouse), measured for every
    /// year the demo measured; the change is rolled back afterwards.
    /// </summary>
    public IReadOnlyList<KpiValue> MeasureAfter(KpiDefinition kpi, params string[] change) => MeasureAfter(kpi, null, change);

    /// <summary>As <see cref="MeasureAfter(KpiDefinition, string[])"/>, with the officers' inputs changed as well.</summary>
    public IReadOnlyList<KpiValue> MeasureAfter(KpiDefinition kpi, Func<AssessmentInputs, AssessmentInputs>? inputs, params string[] change)
    {
        lock (_gate)
        {
            Execute("BEGIN TRANSACTION");
            try
            {
                foreach (string statement in change)
                {
                    Execute(statement);
                }

                return MeasureNow(kpi, inputs);
            }
            finally
            {
                Execute("ROLLBACK");
            }
        }
    }

    public void Dispose()
    {
        _warehouse.Connection.Dispose();
        _harness.Dispose();
    }

    private List<KpiValue> MeasureNow(KpiDefinition kpi, Func<AssessmentInputs, AssessmentInputs>? inputs = null)
    {
        var store = new KeptValues();
        MeasureSettings settings = inputs is null ? _settings : _settings with { Inputs = inputs(_settings.Inputs) };
        new KpiMeasurer(_warehouse.Aggregator, store, settings).Measure(Definition.Name, "property", Instant.FromUtc(2026, 1, 15, 8, 0), [kpi], Years);
        return store.Values;
    }

    private void Execute(string sql)
    {
        using DbCommand command = _warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<int> MeasuredYears() =>
        Rows(_warehouse.Connection, "SELECT DISTINCT period_year FROM fact_kpi_value ORDER BY 1").Select(r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    internal static List<object?[]> Rows(DbConnection connection, string sql) => DuckDbRows.Read(connection, sql);

    /// <summary>Keeps what the measurer would store, instead of writing it: the warehouse's own values stay the run's.</summary>
    private sealed class KeptValues : IKpiValueStore
    {
        public List<KpiValue> Values { get; } = [];

        public void ReplaceYears(string pipeline, IReadOnlyList<int> years, IEnumerable<KpiValue> values, IEnumerable<KpiExclusionCount> exclusions,
            IEnumerable<KpiDistributionBin> distribution) => Values.AddRange(values);
    }
}
