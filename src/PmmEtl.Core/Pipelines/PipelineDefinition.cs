using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Pipelines;

/// <summary>A validated pipeline: what to read, how to read its times, where to load, when to run, what to publish.</summary>
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
    public Inputs.AssessmentInputs Inputs { get; init; } = Core.Inputs.AssessmentInputs.None;

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
    public IReadOnlyDictionary<string, Measure.DeclaredCoverage> Covers { get; init; } = new Dictionary<string, Measure.DeclaredCoverage>();

    /// <summary>Which national commodities count in which PMM seizure category (data the administration owns).</summary>
    public IReadOnlyList<Records.SeizureCategoryRule> SeizureCategories { get; init; } = [];
}

/// <summary>A file the pipeline read besides its source, with its content hash.</summary>
public sealed record InputFile(string Path, string Kind, string Sha256);

public sealed record PublishDefinition(IReadOnlyList<Catalogue.Disclosure> Audiences, int? SuppressBelow)
{
    public static PublishDefinition Default { get; } = new([Catalogue.Disclosure.Public, Catalogue.Disclosure.Wco, Catalogue.Disclosure.National], null);
}

public sealed record SourceDefinition
{
    /// <summary>The reader: a relational provider (<c>sqlite</c>, <c>duckdb</c>, <c>postgres</c>, <c>sqlserver</c>), <c>csv</c> or <c>wco-xml</c>.</summary>
    public required string Kind { get; init; }
    public required string ConnectionString { get; init; }
    /// <summary>One SQL query per record type, its columns aliased to the canonical field names; window bounds come as @from and @to.</summary>
    public required IReadOnlyDictionary<string, string> Queries { get; init; }

    /// <summary>
    /// For relational sources: per record type, the mapping of fields the query does not return under their canonical
    /// names (another column, a constant, a code map, a format, a date-only precision, or absent).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldMapping>> Fields { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, FieldMapping>>();
    /// <summary>When set, the demo generator writes the source first if its file does not exist.</summary>
    public DemoSourceSettings? Demo { get; init; }
    /// <summary>The file behind a file-based source (SQLite), if any.</summary>
    public string? FilePath { get; init; }
    /// <summary>The column mapping of a <c>csv</c> source (its queries are empty).</summary>
    public CsvSourceSettings? Csv { get; init; }
    /// <summary>The message mapping of a <c>wco-xml</c> source (its queries are empty).</summary>
    public WcoXmlSourceSettings? Wco { get; init; }
}

public sealed record DemoSourceSettings(int Seed, int Declarations, int Year);

public sealed record OfficeDefinition
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string OfficeType { get; init; }
    public required string Country { get; init; }
    public required DateTimeZone Zone { get; init; }
    public bool MainEntry { get; init; }
    public bool MainExit { get; init; }
}

/// <summary>
/// The warehouse engine and where it is: a file path for the embedded DuckDB engine, a connection string
/// (read from an environment variable, never written in the YAML with a password) for server engines.
/// </summary>
public sealed record WarehouseDefinition(string Engine, string? Path, string? ConnectionString)
{
    public static IReadOnlyList<string> Engines { get; } = ["duckdb", "postgres", "sqlserver"];

    /// <summary>Where the warehouse is, fit for logs: the path, or the server and database without credentials.</summary>
    public string Describe()
    {
        if (Path is not null)
        {
            return Path;
        }

        var parts = (ConnectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("host", StringComparison.OrdinalIgnoreCase) || p.StartsWith("server", StringComparison.OrdinalIgnoreCase)
                     || p.StartsWith("database", StringComparison.OrdinalIgnoreCase) || p.StartsWith("initial catalog", StringComparison.OrdinalIgnoreCase)
                     || p.StartsWith("port", StringComparison.OrdinalIgnoreCase) || p.StartsWith("data source", StringComparison.OrdinalIgnoreCase));
        return $"{Engine}: {string.Join(";", parts)}";
    }
}

public sealed record ScheduleDefinition(string Cron, DateTimeZone TimeZone, CatchUpPolicy CatchUp = CatchUpPolicy.All);

/// <summary>What a scheduled run does about nights missed while no server ran.</summary>
public enum CatchUpPolicy
{
    /// <summary>One run per missed occurrence, oldest first, each with its own scheduled date.</summary>
    All,
    /// <summary>Only the latest occurrence (the lookback still re-reads recent days).</summary>
    Latest,
}

public enum WindowMode
{
    /// <summary>Every run reloads everything the source has (small sources, demos).</summary>
    Full,
    /// <summary>Each run loads the business dates from (today − lookback) to today in the schedule's zone.</summary>
    Nightly,
}

public sealed record WindowDefinition(WindowMode Mode, int LookbackDays);
