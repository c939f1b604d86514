using System.CommandLine;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl migrate PIPELINE</c>: creates or upgrades the pipeline's warehouse; harmless when repeated.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML) whose warehouse to migrate" };
        var command = new Command("migrate", "Create or upgrade the warehouse schema; records the applied script versions.") { pipeline };
        command.SetAction(parse =>
        {
            PipelineDefinition definition;
            try
            {
                definition = PipelineDefinitionLoader.Load(parse.GetValue(pipeline)!);
            }
            catch (PipelineDefinitionException e)
            {
                Console.Error.WriteLine(CliErrors.Describe(e));
                return CliErrors.Usage;
            }

            using IWarehouse warehouse = WarehouseFactory.Open(definition.Warehouse);
            IReadOnlyList<string> applied = warehouse.Migrate();
            Console.WriteLine(applied.Count == 0
                ? $"{definition.Warehouse.Describe()}: up to date"
                : $"{definition.Warehouse.Describe()}: applied {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
