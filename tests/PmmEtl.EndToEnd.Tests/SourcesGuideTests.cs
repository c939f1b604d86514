using System.Text.RegularExpressions;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// docs/sources.md, the mapping guide, cannot rot: every YAML block in it loads through the real pipeline loader (a
/// <c>source:</c> fragment with a common tail of offices, warehouse and schedule), and each worked example is, byte for
/// byte, the file of pipelines/examples/ it names, and every example file is one of them.
/// </summary>
public sealed partial class SourcesGuideTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Repo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir!;
    }

    /// <summary>Each ```yaml block of the guide with the example file named in the comment just above it, if any.</summary>
    private static List<(int Line, string? Example, string Yaml)> Blocks()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Repo(), "docs", "sources.md"));
        var blocks = new List<(int, string?, string)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```yaml")
            {
                continue;
            }

            int end = Array.IndexOf(lines, "```", i + 1);
            Match example = ExampleMarker().Match(i > 0 ? lines[i - 1] : "");
            blocks.Add((i + 1, example.Success ? example.Groups[1].Value : null, string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }

        return blocks;
    }

    [Fact]
    public void Every_example_pipeline_is_documented_whole_and_loads()
    {
        // The postgres example names its connection string's variable; the loader needs it set (to anything).
        Environment.SetEnvironmentVariable("PMMETL_SOURCE", "Host=127.0.0.1;Database=customs");
        List<(int Line, string? Example, string Yaml)> examples = [.. Blocks().Where(b => b.Example is not null)];

        string[] files = [.. Directory.GetFiles(Path.Combine(Repo(), "pipelines", "examples"), "*.yaml").Select(f => $"pipelines/examples/{Path.GetFileName(f)}").Order(StringComparer.Ordinal)];
        Assert.Equal(files, examples.Select(e => e.Example!).Order(StringComparer.Ordinal));
        foreach ((int line, string? example, string yaml) in examples)
        {
            string file = Path.Combine(Repo(), example!);
            Assert.True(File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd('\n') == yaml, $"docs/sources.md line {line}: the block differs from {example}");
            PipelineDefinition loaded = PipelineDefinitionLoader.Load(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), loaded.Name);
        }
    }

    [Fact]
    public void Every_yaml_fragment_of_the_guide_loads_through_the_pipeline_loader()
    {
        Environment.SetEnvironmentVariable("PMMETL_SOURCE", "Host=127.0.0.1;Database=customs");
        List<(int Line, string? Example, string Yaml)> fragments = [.. Blocks().Where(b => b.Example is null)];
        Assert.True(fragments.Count >= 5, $"only {fragments.Count} fragments found");

        var failures = new List<string>();
        foreach ((int line, _, string yaml) in fragments)
        {
            Assert.StartsWith("source:", yaml, StringComparison.Ordinal);
            string path = _folder.File($"fragment-{line}.yaml");
            File.WriteAllText(path, $"name: fragment\n{yaml}\n{FixtureSource.PipelineTail("[K04]")}\n");
            try
            {
                PipelineDefinitionLoader.Load(path);
            }
            catch (PipelineDefinitionException e)
            {
                failures.Add($"docs/sources.md line {line}: {string.Join("; ", e.Problems)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"^<!-- example: (\S+) -->$")]
    private static partial Regex ExampleMarker();
}
