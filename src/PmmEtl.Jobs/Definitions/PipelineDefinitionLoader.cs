using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Extract.Definitions;
using PmmEtl.Jobs.Definitions.Inputs;
using PmmEtl.Jobs.Definitions.Measure;
using PmmEtl.Jobs.Definitions.Offices;
using PmmEtl.Jobs.Definitions.Output;
using PmmEtl.Jobs.Definitions.Schedule;
using PmmEtl.Jobs.Definitions.Time;
using PmmEtl.Jobs.Definitions.Warehouse;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// Reads and validates a pipeline YAML file before any data moves. Relative paths are resolved against the
/// file's folder, so a pipeline runs the same from any working directory. Secrets stay out of the YAML:
/// a connection string may be given as <c>connection_string_env</c>, the name of an environment variable. Each
/// section is read and checked by its own reader, beside its record (docs/design.md, "configuration"): the source
/// kinds in Extract, the others in the folders under this one. This class only parses the file and dispatches.
/// </summary>
public static class PipelineDefinitionLoader
{
    public static PipelineDefinition Load(string path) => Load(path, KpiCatalogue.All);

    /// <param name="path">The pipeline YAML file.</param>
    /// <param name="catalogue">
    /// The entries <c>kpis:</c> names and the input files are validated against: <see cref="KpiCatalogue.All"/> in
    /// production, a small list in tests.
    /// </param>
    public static PipelineDefinition Load(string path, IReadOnlyList<KpiDefinition> catalogue)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new PipelineDefinitionException(path, [$"file not found: {fullPath}"]);
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(fullPath);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new PipelineDefinitionException(path, [$"line {e.Start.Line}: not valid YAML: {e.Message}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PipelineDefinitionException(path, ["the file must hold one YAML mapping (name, source, offices, …)"]);
        }

        var problems = new List<string>();
        var top = new YamlNodeReader(root, "", problems);
        string folder = Path.GetDirectoryName(fullPath)!;
        top.OnlyKeys("name", "source", "offices", "warehouse", "schedule", "window", "kpis", "output", "dst", "freshness", "publish",
            "inputs", "currency", "periods", "valid_range", "covers");

        // The order of the reads is the order of the problems a person sees.
        string name = PipelineNameReader.Read(top);
        SourceDefinition? source = SourceSectionReader.Read(top.Mapping("source", required: true), folder);
        IReadOnlyList<OfficeDefinition> offices = OfficesSectionReader.Read(top);
        SourceSectionReader.CheckOffices(top, source, offices);
        WarehouseDefinition? warehouse = WarehouseSectionReader.Read(top.Mapping("warehouse", required: true), folder);
        ScheduleDefinition? schedule = ScheduleSectionReader.Read(top.Mapping("schedule", required: true));
        WindowDefinition window = WindowSectionReader.Read(top.Mapping("window", required: false));
        IReadOnlyList<KpiDefinition> kpis = KpisSectionReader.Read(top, catalogue);
        string? output = OutputFolderReader.Read(top, folder);
        DstPolicy dst = DstSectionReader.Read(top.Mapping("dst", required: false));
        PublishDefinition publish = PublishSectionReader.Read(top.Mapping("publish", required: false));
        Duration? maxSourceAge = FreshnessSectionReader.Read(top.Mapping("freshness", required: false));
        IReadOnlyDictionary<string, double> rates = CurrencySectionReader.Read(top.Mapping("currency", required: false));
        ValidRange range = ValidRangeSectionReader.Read(top.Mapping("valid_range", required: false));
        int financialYearStart = PeriodsSectionReader.Read(top.Mapping("periods", required: false));
        IReadOnlyDictionary<string, DeclaredCoverage> covers = CoversSectionReader.Read(top.Mapping("covers", required: false));
        PipelineInputs inputs = InputsSectionReader.Read(top.Mapping("inputs", required: false), folder, catalogue, financialYearStart, problems);

        if (problems.Count > 0)
        {
            throw new PipelineDefinitionException(path, problems);
        }

        return new PipelineDefinition
        {
            Name = name,
            DefinitionPath = fullPath,
            Source = source!,
            Offices = offices,
            Warehouse = warehouse!,
            Schedule = schedule!,
            Window = window,
            Kpis = kpis,
            OutputFolder = output!,
            Dst = dst,
            MaxSourceAge = maxSourceAge,
            Publish = publish,
            Inputs = inputs.Inputs,
            InputFiles = inputs.Files,
            SeizureCategories = inputs.SeizureCategories,
            ExchangeRates = rates,
            FinancialYearStartMonth = financialYearStart,
            Range = range,
            Covers = covers,
        };
    }
}
