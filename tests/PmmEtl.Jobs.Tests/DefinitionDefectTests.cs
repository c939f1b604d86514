using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests;

/// <summary>Pipeline files an outside review used to get past validation or to crash the loader: each is now a problem with its line.</summary>
public sealed class DefinitionDefectTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> Problems(string yaml)
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, yaml);
        return Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path)).Problems;
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_refused_before_any_data_moves()
    {
        File.WriteAllText(_folder.File("snapshots"), "not a folder");

        string problem = Assert.Single(Problems(FixtureSource.PipelineYaml()));

        Assert.Equal($"line 21: output: {_folder.File("snapshots")} is a file, not a folder", problem);
    }

    [Fact]
    public void An_output_path_below_a_file_is_refused_naming_the_file()
    {
        File.WriteAllText(_folder.File("archive"), "not a folder");

        string problem = Assert.Single(Problems(FixtureSource.PipelineYaml().Replace("output: snapshots", "output: archive/snapshots", StringComparison.Ordinal)));

        Assert.Equal($"line 21: output: {_folder.File(Path.Combine("archive", "snapshots"))} cannot be made a folder: {_folder.File("archive")} is a file", problem);
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_yet_is_fine()
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, FixtureSource.PipelineYaml().Replace("output: snapshots", "output: new/deeper/snapshots", StringComparison.Ordinal));

        Assert.Equal(_folder.File(Path.Combine("new", "deeper", "snapshots")), PipelineDefinitionLoader.Load(path).OutputFolder);
    }

    [Theory]
    // A list or a mapping as a key, at the top and in each section that walks its own keys.
    [InlineData("[a, b]: 1\n", "line 1: (top level): a key must be a name, not a list")]
    [InlineData("? { a: 1 }\n: 2\n", "line 1: (top level): a key must be a name, not a mapping")]
    [InlineData("SOURCE", "line 4: source: a key must be a name, not a list")]
    [InlineData("QUERIES", "line 6: source.queries: a key must be a name, not a list")]
    public void A_list_or_mapping_as_a_key_is_a_problem_with_its_line(string where, string expected)
    {
        string yaml = FixtureSource.PipelineYaml();
        yaml = where switch
        {
            "SOURCE" => yaml.Replace("  kind: sqlite\n", "  kind: sqlite\n  [path, x]: 1\n", StringComparison.Ordinal),
            "QUERIES" => yaml.Replace("    declaration: |", "    [declaration]: SELECT 1\n    declaration: |", StringComparison.Ordinal),
            _ => where + yaml,
        };

        Assert.Contains(expected, Problems(yaml));
    }

    [Fact]
    public void A_list_as_a_key_in_a_csv_mapping_or_a_wco_field_is_a_problem_with_its_line()
    {
        IReadOnlyList<string> problems = Problems($"""
            name: p
            source:
              kind: csv
              path: exports
              csv:
                columns:
                  [declaration_id, x]: DECL_NO
                  declaration_id: DECL_NO
            {FixtureSource.PipelineTail("[K04]")}
            """);
        Assert.Contains("line 7: source.csv.columns: a key must be a name, not a list", problems);

        problems = Problems($"""
            name: p
            source:
              kind: wco-xml
              path: messages
              wco:
                fields:
                  ? [office_code]
                  : PresentationOffice/ID
            {FixtureSource.PipelineTail("[K04]")}
            """);
        Assert.Contains("line 7: source.wco.fields: a key must be a name, not a list", problems);
    }

    [Fact]
    public void A_key_given_twice_is_a_problem_with_its_line()
    {
        string problem = Assert.Single(Problems("name: a\nname: b\n" + FixtureSource.PipelineYaml()[("name: fixture\n".Length)..]));

        Assert.StartsWith("line 2: not valid YAML:", problem, StringComparison.Ordinal);
    }
}
