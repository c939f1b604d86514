using System.CommandLine;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl runs PIPELINE</c>: the latest runs from the warehouse's run book.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML)" };
        var count = new Option<int>("--last") { Description = "How many runs", DefaultValueFactory = _ => 10 };
        var command = new Command("runs", "List recent runs with their counts, DST resolutions and stage times.") { pipeline, count };
        command.SetAction(parse =>
        {
            int last = parse.GetValue(count);
            if (last < 1)
            {
                throw new CliUsageException($"--last: {last} is not a number of runs (1 or more)");
            }

            // A bad definition or a missing file reaches Program's handler: one line, exit 2.
            PipelineDefinition definition = PipelineDefinitionLoader.Load(parse.GetValue(pipeline)!);
            // A read writes nothing: no warehouse file is created and no schema script applied.
            if (definition.Warehouse is { Engine: "duckdb", Path: { } path } && !File.Exists(path) && !Directory.Exists(path))
            {
                Console.WriteLine($"no runs of '{definition.Name}' yet: the warehouse {path} does not exist (pmm-etl run or migrate creates it)");
                return 0;
            }

            using IWarehouse warehouse = WarehouseFactory.Open(definition.Warehouse);
            IReadOnlyList<string> pending = warehouse.PendingScripts();
            if (pending.Count > 0)
            {
                throw new CliUsageException(
                    $"the warehouse {definition.Warehouse.Describe()} is not migrated ({pending.Count} schema scripts not applied, from {pending[0]}): run pmm-etl migrate {parse.GetValue(pipeline)} first");
            }
            // A read writes nothing: a run left 'running' by a dead process is marked abandoned by the next run,
            // retry or backfill (which judge its holder by pid, host and heartbeat), not here.

            foreach (RunRecord r in warehouse.Runs.Recent(definition.Name, last))
            {
                Console.WriteLine($"{r.RunId}  {r.Status,-9} read {r.RowsRead,9:N0}  loaded {r.RowsLoaded,9:N0}  quarantined {r.RowsQuarantined,6:N0}  "
                    + $"DST {r.DstAmbiguous}/{r.DstSkipped}/{r.DstRejected}  ms {r.ExtractLoadMs}/{r.MergeMs}/{r.MeasureMs}/{r.PublishMs}{(r.Error is null ? "" : "  error: " + r.Error)}");
            }

            return 0;
        });
        return command;
    }
}
