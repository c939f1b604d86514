using YamlDotNet.RepresentationModel;

namespace PmmEtl.DemoSource.Tests;

/// <summary>pipelines/demo.yaml read as plain YAML (not through the pipeline loader): its source queries by name.</summary>
public static class DemoPipeline
{
    private static readonly Lazy<string> PathOfFile = new(() => Find("pipelines/demo.yaml"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> AllQueries = new(ReadQueries);

    public static string File => PathOfFile.Value;

    public static IReadOnlyDictionary<string, string> Queries => AllQueries.Value;

    public static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(File);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>A file of the repository, found by walking up from the test binaries.</summary>
    public static string Find(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (System.IO.File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static IReadOnlyDictionary<string, string> ReadQueries()
    {
        var source = (YamlMappingNode)Root()["source"];
        var queries = (YamlMappingNode)source["queries"];
        return queries.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
    }
}
