using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests;

/// <summary>
/// A pipeline file in a folder of its own around one source section, the rest fixed (one office, DuckDB, a schedule),
/// so that a test of the source section writes only the section.
/// </summary>
public sealed class SourceSectionFile : IDisposable
{
    private readonly TempFolder _folder = new();

    public TempFolder Folder => _folder;

    public void Dispose() => _folder.Dispose();

    public static string Pipeline(string source) => $"""
        name: p
        source:
        {source}
        offices:
          - {"{"} code: NYC, name: New York, type: SEAPORT, country: US, zone: America/New_York {"}"}
        warehouse: {"{"} engine: duckdb, path: w.duckdb {"}"}
        schedule: {"{"} cron: "0 3 * * *", time_zone: America/New_York {"}"}
        output: out
        """;

    public PipelineDefinition Load(string source) => PipelineDefinitionLoader.Load(Write(source));

    /// <summary>The problems the loader reports for the section; it must refuse it.</summary>
    public IReadOnlyList<string> Problems(string source)
    {
        string path = Write(source);
        return Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path)).Problems;
    }

    private string Write(string source) => _folder.Write("p.yaml", Pipeline(source));
}
