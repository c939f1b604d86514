using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Jobs.Tests.Running;

/// <summary>
/// The checkpoint hook is the caller's: a real run (CSV source, DuckDB warehouse, Parquet snapshots) tells the hook it
/// was given each named point, in the order the stages pass them, and tells nothing to anyone else (Core has no
/// static hook left to reach).
/// </summary>
public sealed class CheckpointOrderTests : IDisposable
{
    // More than 2,000 records, so the run passes both the extract point (record 1,000) and the append point (2,000).
    private const int Declarations = 2500;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_run_tells_its_hook_every_named_point_in_the_order_the_stages_pass_them()
    {
        var builder = new StringBuilder("DECL_NO;TYPE;OFFICE;REG_DATE;MODE;ARRIVAL;LODGED;RELEASED\n");
        for (int i = 0; i < Declarations; i++)
        {
            // Every record in 2025 (so one year is measured and published): day 1-28 of every month.
            string date = new LocalDate(2025, 1 + (i / 28 % 12), 1 + (i % 28)).ToString("dd/MM/uuuu", CultureInfo.InvariantCulture);
            builder.Append(CultureInfo.InvariantCulture, $"D{i};IM;NYC;{date};10;{date} 08:00;{date} 09:00;{date} 10:30\n");
        }

        _folder.Write("exports/declarations.csv", builder.ToString());
        string definition = _folder.Write("pipeline.yaml", """
            name: hooks
            source:
              kind: csv
              path: exports
              csv:
                files: "declarations*.csv"
                delimiter: ";"
                time_format: "dd/MM/uuuu HH:mm"
                date_format: "dd/MM/uuuu"
                columns:
                  declaration_id: DECL_NO
                  declaration_type: { column: TYPE, map: { IM: IMPORT } }
                  office_code: OFFICE
                  business_date: REG_DATE
                  mode_of_transport: { column: MODE, map: { "10": SEA } }
                  ecommerce: { constant: "0" }
                  arrival_local: ARRIVAL
                  lodged_local: LODGED
                  released_local: RELEASED
            """ + FixtureSource.PipelineTail("[K04]"));
        var hook = new RecordingCheckpoints();

        RunSummary summary = new PipelineRunner(SystemClock.Instance, Serilog.Core.Logger.None, RunStages.Standard(hook))
            .Run(PipelineDefinitionLoader.Load(definition), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RunStatuses.Succeeded, summary.Run.Status);
        Assert.Equal(Declarations, summary.Run.RowsLoaded);
        // Worked out from the stages, not read from a run: the declaration (the source's only type) is read past records
        // 1,000 and 2,000, merged and committed; then the run is loaded and the one year's values written; then each of
        // the three default audiences (public, WCO, national) gets a version prepared in its temporary folder (one
        // Parquet table, the next, then the manifest), and only when all three are complete is each renamed into place.
        string[] expected =
        [
            Checkpoints.Extract, Checkpoints.Append, Checkpoints.Merge, Checkpoints.TypeCommitted, Checkpoints.Loaded, Checkpoints.Measure,
            Checkpoints.Parquet, Checkpoints.Manifest, Checkpoints.Parquet, Checkpoints.Manifest, Checkpoints.Parquet, Checkpoints.Manifest,
            Checkpoints.Rename, Checkpoints.Rename, Checkpoints.Rename,
        ];
        Assert.Equal(expected, hook.Points);
        // Every named point was met, first in the documented order.
        Assert.Equal(Checkpoints.InRunOrder, hook.Points.Distinct());
    }

    /// <summary>Keeps every point it is told, in order (the load's merge may run on another thread than the extract).</summary>
    private sealed class RecordingCheckpoints : ICheckpoints
    {
        private readonly List<string> _points = [];

        public IReadOnlyList<string> Points
        {
            get
            {
                lock (_points)
                {
                    return [.. _points];
                }
            }
        }

        public void Reached(string point)
        {
            lock (_points)
            {
                _points.Add(point);
            }
        }
    }
}
