using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions.Inputs;
using PmmEtl.Jobs.Definitions.Output;
using PmmEtl.Jobs.Definitions.Schedule;
using PmmEtl.Jobs.Definitions.Warehouse;

namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// A validated pipeline: what to read, how to read its times, where to load, when to run, what to publish. Each
/// section's record lives with its reader (docs/design.md lists where); this one only gathers them.
/// </summary>
public sealed record PipelineDefinition
{
    public required string Name { get; init; }
    /// <summary>The file the definition was read from; relative paths inside it are resolved against its folder.</summary>
    public required string DefinitionPath { get; init; }
    public required SourceDefinition Source { get; init; }
    public required IReadOnlyList<OfficeDefinition> Offices { get; init; }
    public required WarehouseDefinition Warehouse { get; init; }
    public required ScheduleDefinition Schedule { get; init; }
    public required WindowDefinition Window { get; init; }
    public required IReadOnlyList<KpiDefinition> Kpis { get; init; }
    public required string OutputFolder { get; init; }
    public required DstPolicy Dst { get; init; }

    /// <summary>When set, a run fails instead of publishing if the newest lodgement loaded is older than this.</summary>
    public Duration? MaxSourceAge { get; init; }

    /// <summary>Which audiences get a publication, and the small-count threshold of the public and WCO ones.</summary>
    public PublishDefinition Publish { get; init; } = PublishDefinition.Default;

    /// <summary>Officer-given inputs (self-assessments, WCO tools, FoS questionnaire, aggregates), read and validated from <c>inputs:</c>.</summary>
    public AssessmentInputs Inputs { get; init; } = AssessmentInputs.None;

    /// <summary>The input files behind <see cref="Inputs"/> and the category rules, with their SHA-256, stamped on the run result and manifest.</summary>
    public IReadOnlyList<InputFile> InputFiles { get; init; } = [];

    /// <summary>Units of USD per unit of each currency: the rate the WCO announces for the PMM cycle (K19, FoS amounts).</summary>
    public IReadOnlyDictionary<string, double> ExchangeRates { get; init; } = new Dictionary<string, double> { ["USD"] = 1.0 };

    /// <summary>First month (1–12) of the administration's financial year (K41).</summary>
    public int FinancialYearStartMonth { get; init; } = 1;

    /// <summary>The dates and instants accepted (<c>valid_range</c>); anything outside refuses its record, naming the field.</summary>
    public ValidRange Range { get; init; } = ValidRange.Default;

    /// <summary>
    /// <c>covers:</c> the periods the administration declares a record type complete for, by type: there a period
    /// without records is a true zero. Elsewhere a type covers only the months in which it holds records.
    /// </summary>
    public IReadOnlyDictionary<string, DeclaredCoverage> Covers { get; init; } = new Dictionary<string, DeclaredCoverage>();

    /// <summary>Which national commodities count in which PMM seizure category (data the administration owns).</summary>
    public IReadOnlyList<SeizureCategoryRule> SeizureCategories { get; init; } = [];
}
