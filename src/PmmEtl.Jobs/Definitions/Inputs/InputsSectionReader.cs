using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>What the <c>inputs:</c> section of a pipeline gives: the answers and values, the files behind them, the category rules.</summary>
internal sealed record PipelineInputs(AssessmentInputs Inputs, IReadOnlyList<InputFile> Files, IReadOnlyList<SeizureCategoryRule> SeizureCategories)
{
    public static PipelineInputs None { get; } = new(AssessmentInputs.None, [], []);
}

/// <summary>
/// Reads <c>inputs:</c> (assessments, aggregates, seizure_categories; paths relative to the pipeline file), reads and
/// validates every file it names, hashes each one and merges their content. A file's problems join the pipeline's,
/// so one load lists every mistake of the definition and of its input files.
/// </summary>
internal static class InputsSectionReader
{
    public const string AssessmentKind = "assessment";
    public const string AggregatesKind = "aggregates";
    public const string SeizureCategoriesKind = "seizure_categories";

    public static PipelineInputs Read(YamlNodeReader? section, string folder, IReadOnlyList<KpiDefinition> catalogue, int financialYearStartMonth, List<string> problems)
    {
        if (section is null)
        {
            return PipelineInputs.None;
        }

        section.OnlyKeys("assessments", "aggregates", "seizure_categories");
        var files = new List<InputFile>();
        var checklists = new List<ChecklistAnswer>();
        var tools = new List<ToolAnswer>();
        var levels = new List<FosLevelAnswer>();
        var entered = new List<EnteredValue>();
        var rules = new List<SeizureCategoryRule>();
        var listed = new HashSet<string>(StringComparer.Ordinal);

        var assessments = new AssessmentFileReader(catalogue);
        foreach (var (full, name) in Paths(section, "assessments", folder, listed))
        {
            if (ReadOne(full, name, AssessmentKind, files, problems, (text, n) => assessments.Read(text, n)) is { } a)
            {
                checklists.AddRange(a.Checklists);
                tools.AddRange(a.Tools);
                levels.AddRange(a.FosLevels);
                entered.AddRange(a.Entered);
            }
        }

        var aggregates = new AggregateFileReader(catalogue, financialYearStartMonth);
        foreach (var (full, name) in Paths(section, "aggregates", folder, listed))
        {
            if (ReadOne(full, name, AggregatesKind, files, problems, aggregates.Read) is { } values)
            {
                entered.AddRange(values);
            }
        }

        if (section.Get("seizure_categories") is { } node)
        {
            if (node is YamlScalarNode { Value: { } written } && !string.IsNullOrWhiteSpace(written))
            {
                if (Resolve(section, node, "seizure_categories", written, folder, listed) is { } path
                    && ReadOne(path.Full, path.Name, SeizureCategoriesKind, files, problems, new SeizureCategoryFileReader().Read) is { } read)
                {
                    rules.AddRange(read);
                }
            }
            else
            {
                section.Problem(node, "seizure_categories", "expected the path of one CSV file");
            }
        }

        // Within a file a cell given twice is that file's error; across files, the second file names the first.
        Duplicates(checklists, c => (c.KpiCode, c.Year, c.Item), c => c.Source, c => $"checklists.{c.KpiCode}.{c.Item}", problems);
        Duplicates(tools, t => (t.Year, t.Tool.ToUpperInvariant()), t => t.Source, t => $"wco_tools: '{t.Tool}'", problems);
        Duplicates(levels, l => (l.IndicatorCode, l.Year), l => l.Source, l => $"fos.{l.IndicatorCode}", problems);
        Duplicates(entered, e => (e.KpiCode, e.Variable, e.PeriodType, e.PeriodStart, e.Breakdown, e.BreakdownValue), e => e.Source,
            e => $"{e.KpiCode} variable {e.Variable}", problems);
        FosAdditionalInformationCheck.Check(catalogue, levels, entered, problems);

        return new PipelineInputs(new AssessmentInputs(checklists, tools, levels, entered), files, rules);
    }

    private static T? ReadOne<T>(string full, string name, string kind, List<InputFile> files, List<string> problems, Func<TextReader, string, T> read)
        where T : class
    {
        InputFileContent content;
        try
        {
            content = InputFileContent.Read(full);
        }
        catch (IOException e)
        {
            problems.Add($"{name}: cannot be read: {e.Message}");
            return null;
        }

        files.Add(new InputFile(name, kind, content.Sha256));
        try
        {
            using TextReader text = content.OpenText();
            return read(text, name);
        }
        catch (InputFileException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }

    private static List<(string Full, string Name)> Paths(YamlNodeReader section, string key, string folder, HashSet<string> listed)
    {
        var paths = new List<(string, string)>();
        YamlNode? node = section.Get(key);
        IEnumerable<(YamlNode Node, string Key)> items = node switch
        {
            null => [],
            YamlScalarNode => [(node, key)],
            YamlSequenceNode list => list.Children.Select((n, i) => (n, $"{key}[{i}]")),
            _ => Invalid(),
        };
        foreach (var (item, itemKey) in items)
        {
            if (item is not YamlScalarNode { Value: { } written } || string.IsNullOrWhiteSpace(written))
            {
                section.Problem(item, itemKey, "expected the path of a file");
                continue;
            }

            if (Resolve(section, item, itemKey, written, folder, listed) is { } path)
            {
                paths.Add(path);
            }
        }

        return paths;

        IEnumerable<(YamlNode, string)> Invalid()
        {
            section.Problem(node, key, "expected a path or a list of paths");
            return [];
        }
    }

    private static (string Full, string Name)? Resolve(YamlNodeReader section, YamlNode node, string key, string written, string folder, HashSet<string> listed)
    {
        string full = Path.GetFullPath(Path.Combine(folder, written.Trim()));
        if (!File.Exists(full))
        {
            section.Problem(node, key, $"file not found: {full}");
            return null;
        }

        if (!listed.Add(full))
        {
            section.Problem(node, key, $"'{written}' is listed twice");
            return null;
        }

        // Errors and sources name the file as the pipeline's folder sees it, the same on every machine.
        return (full, Path.GetRelativePath(folder, full).Replace('\\', '/'));
    }

    private static void Duplicates<T, TKey>(List<T> items, Func<T, TKey> key, Func<T, string> source, Func<T, string> field, List<string> problems)
        where TKey : notnull
    {
        var first = new Dictionary<TKey, T>();
        foreach (T item in items)
        {
            if (!first.TryAdd(key(item), item))
            {
                problems.Add($"{Where(source(item))}: {field(item)}: also given in {Where(source(first[key(item)]))}");
            }
        }
    }

    /// <summary>"a.yaml:7" → "a.yaml: line 7".</summary>
    internal static string Where(string source)
    {
        int colon = source.LastIndexOf(':');
        return colon < 0 ? source : $"{source[..colon]}: line {source[(colon + 1)..]}";
    }
}
