using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PmmEtl.Jobs.Checking;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Cli;

/// <summary>
/// <c>pmm-etl check PIPELINE [--sample N|all] [--max-quarantine PERCENT] [--json]</c>: profiles the source before a
/// load, through the run's own readers and normaliser, and writes nothing to the warehouse. Exit 0 clean, 1 when a
/// record type cannot be read or rejects more than the limit, 2 for a bad definition or argument.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML), e.g. pipelines/demo.yaml" };
        var sample = new Option<string>("--sample") { Description = "Records read of each record type: a number, or all (default 1000)", DefaultValueFactory = _ => "1000" };
        var maxQuarantine = new Option<double>("--max-quarantine")
        {
            Description = "Fail (exit 1) when a record type rejects more than this percentage of the records read (default 10)",
            DefaultValueFactory = _ => 10,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (snake_case keys) instead of tables" };
        var command = new Command("check", "Profile a pipeline's source before loading it: each field's source, nulls, rejects and the KPIs it keeps from being measured.")
        {
            pipeline, sample, maxQuarantine, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(pipeline)!, parse.GetValue(sample)!, parse.GetValue(maxQuarantine), parse.GetValue(json)));
        return command;
    }

    private static int Execute(string path, string sampleText, double maxQuarantine, bool json)
    {
        long? sample = Sample(sampleText);
        if (double.IsNaN(maxQuarantine) || maxQuarantine < 0 || maxQuarantine > 100)
        {
            throw new CliUsageException($"--max-quarantine: {maxQuarantine.ToString(CultureInfo.InvariantCulture)} is not a percentage (0 to 100)");
        }

        PipelineDefinition definition = PipelineDefinitionLoader.Load(path);
        CheckReport report = Composition.Checker().Check(definition, new CheckOptions(sample, maxQuarantine));
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions
            {
                WriteIndented = true,
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                // Reasons quote values ('LHR'): kept readable, as the output is read by people too.
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
        }
        else
        {
            CheckPrinter.Print(Console.Out, report);
        }

        return report.Clean ? 0 : CliErrors.Failed;
    }

    private static long? Sample(string text)
    {
        if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 1
            ? n
            : throw new CliUsageException($"--sample: '{text}' is not a number of records (1 or more) nor 'all'");
    }
}
