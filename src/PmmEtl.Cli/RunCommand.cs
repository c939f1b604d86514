using System.CommandLine;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl run PIPELINE [--from DATE --to DATE]</c>: the whole chain once, then a summary.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML), e.g. pipelines/demo.yaml" };
        var from = new Option<string?>("--from") { Description = "First local business date to load (yyyy-MM-dd); default: the pipeline's window" };
        var to = new Option<string?>("--to") { Description = "Date after the last one to load (yyyy-MM-dd, exclusive)" };
        var table = new Option<bool>("--table") { Description = "End with every KPI entry and year as a table, not only the summary" };
        var command = new Command("run", "Run a pipeline once: extract, normalise, load, measure, publish.") { pipeline, from, to, table };
        command.SetAction(parse => Execute(parse.GetValue(pipeline)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(table)));
        return command;
    }

    private static int Execute(string path, string? fromText, string? toText, bool table)
    {
        PipelineDefinition definition;
        ExtractWindow? window;
        try
        {
            definition = PipelineDefinitionLoader.Load(path);
            window = ParseWindow(fromText, toText);
        }
        catch (Exception e) when (e is PipelineDefinitionException or ArgumentException)
        {
            Console.Error.WriteLine(CliErrors.Describe(e));
            return CliErrors.Usage;
        }

        if (TerminalProgress.Current is { } progress)
        {
            progress.Expected = LastRowsRead(definition);
        }

        try
        {
            RunSummary summary = Composition.Runner().Run(definition, window);
            if (summary.Run.Status == RunStatuses.Skipped)
            {
                Console.Error.WriteLine($"pmm-etl: {summary.Run.Error}");
                return 3;
            }

            SummaryPrinter.Print(Console.Out, definition, summary, table);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pmm-etl: the run of '{definition.Name}' failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Rows per record type the pipeline's last succeeded run read (from its run result): the progress bar's totals.</summary>
    private static IReadOnlyDictionary<string, long> LastRowsRead(PipelineDefinition definition)
    {
        string runs = Path.Combine(Path.GetDirectoryName(definition.OutputFolder) ?? definition.OutputFolder, "runs");
        if (!Directory.Exists(runs))
        {
            return new Dictionary<string, long>();
        }

        foreach (string file in Directory.EnumerateFiles(runs, "*.json").OrderByDescending(File.GetLastWriteTimeUtc))
        {
            try
            {
                RunResult last = RunResultFile.Read(file);
                if (last.Pipeline == definition.Name && last.Status == RunStatuses.Succeeded)
                {
                    return last.Records.ToDictionary(r => r.RecordType, r => r.Read);
                }
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                // Another version's or a damaged result: no total from it; the bar shows the rate alone.
            }
        }

        return new Dictionary<string, long>();
    }

    internal static ExtractWindow? ParseWindow(string? fromText, string? toText)
    {
        if (fromText is null && toText is null)
        {
            return null;
        }

        LocalDate? from = fromText is null ? null : Date(fromText, "--from");
        LocalDate? to = toText is null ? null : Date(toText, "--to");
        if (from is { } f && to is { } t && t <= f)
        {
            throw new ArgumentException($"--to ({toText}) must be after --from ({fromText}); the end is exclusive");
        }

        return new ExtractWindow(from, to);
    }

    private static LocalDate Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? LocalDate.FromDateOnly(d)
            : throw new ArgumentException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
}
