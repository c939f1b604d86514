using System.Globalization;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Extract.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// Reads one assessment file (one PMM cycle year): the yes/no criteria of the self-assessment KPIs, the WCO-tool
/// answers, the implementation levels of the e-commerce FoS indicators with the answers to the capacity-building
/// questions of each level, and the FoS items an officer answers. Everything is checked against the catalogue before a
/// run uses it; every problem of the file is reported at once, naming its line and field, and every answer carries the
/// file and line it came from. Whether an FoS item is asked at all depends on the levels, which may be in another file:
/// <see cref="FosAdditionalInformationCheck"/> checks that once every input file is read.
/// </summary>
public sealed class AssessmentFileReader
{
    public static IReadOnlyList<string> Dimensions { get; } = ["I", "II", "III", "IV"];

    private readonly CatalogueIndex _catalogue;

    /// <param name="catalogue">The entries answers are validated against; <see cref="KpiCatalogue.All"/> by default.</param>
    public AssessmentFileReader(IReadOnlyList<KpiDefinition>? catalogue = null)
    {
        _catalogue = new CatalogueIndex(catalogue ?? KpiCatalogue.All);
    }

    /// <param name="path">The file on disk.</param>
    /// <param name="name">How errors and sources name the file (its path relative to the pipeline file); the file name by default.</param>
    public AssessmentInputs ReadFile(string path, string? name = null)
    {
        using TextReader text = InputFileContent.Read(path).OpenText();
        return Read(text, name ?? Path.GetFileName(path));
    }

    public AssessmentInputs Read(TextReader text, string name)
    {
        var problems = new InputProblems(name);
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            problems.Add(e.Start.Line, "document", $"not valid YAML: {e.Message}");
            problems.ThrowIfAny();
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(1, "document", "expected one YAML mapping (year, checklists, wco_tools, fos, fos_items)");
            problems.ThrowIfAny();
            return AssessmentInputs.None;
        }

        var yamlProblems = new List<string>();
        var top = new YamlNodeReader(root, "", yamlProblems);
        top.OnlyKeys("year", "checklists", "wco_tools", "fos", "fos_items");
        int year = top.Int("year", required: true, 1990, 2100) ?? 0;
        var file = new FileState(problems, year);

        var inputs = new AssessmentInputs(
            ReadChecklists(file, top.Mapping("checklists", required: false)),
            ReadTools(file, top),
            ReadFosLevels(file, top.Mapping("fos", required: false)),
            ReadFosItems(file, top.Mapping("fos_items", required: false)));

        problems.AddFromYaml(yamlProblems);
        problems.ThrowIfAny();
        return inputs;
    }

    private List<ChecklistAnswer> ReadChecklists(FileState file, YamlNodeReader? c)
    {
        var answers = new List<ChecklistAnswer>();
        if (c is null)
        {
            return answers;
        }

        foreach (var (keyNode, value) in c.Node.Children)
        {
            string written = Text(keyNode);
            KpiDefinition? kpi = _catalogue.Find(written);
            if (kpi is null)
            {
                c.Problem(keyNode, written, $"unknown KPI '{written}'");
                continue;
            }

            if (kpi.Formula != FormulaKind.Checklist)
            {
                c.Problem(keyNode, written, $"{kpi.Code} is not a self-assessment checklist (its formula is {kpi.Formula}): it cannot be answered here");
                continue;
            }

            if (value is not YamlMappingNode mapping)
            {
                c.Problem(value, written, $"expected a mapping of the items of {kpi.Code} to yes or no");
                continue;
            }

            YamlNodeReader m = c.Child(mapping, c.Key(written));
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (itemNode, answerNode) in mapping.Children)
            {
                string item = Text(itemNode);
                if (kpi.Items.All(i => i.Code != item))
                {
                    m.Problem(itemNode, item, $"unknown item '{item}' ({kpi.Code} has {CatalogueIndex.DescribeItems(kpi.Items)})");
                    continue;
                }

                answered.Add(item);
                if (YesNo(answerNode) is { } yes)
                {
                    answers.Add(new ChecklistAnswer(kpi.Code, file.Year, item, yes, file.Problems.Source(itemNode.Start.Line)));
                }
                else
                {
                    m.Problem(answerNode, item, $"expected yes or no, got '{Describe(answerNode)}'");
                }
            }

            foreach (ChecklistItem item in kpi.Items.Where(i => !answered.Contains(i.Code)))
            {
                m.Problem(null, item.Code, $"missing: every item of {kpi.Code} is answered yes or no");
            }
        }

        return answers;
    }

    private static List<ToolAnswer> ReadTools(FileState file, YamlNodeReader top)
    {
        var answers = new List<ToolAnswer>();
        if (top.Sequence("wco_tools", required: false) is not { } list)
        {
            return answers;
        }

        var seen = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"wco_tools[{i}]";
            if (list.Children[i] is not YamlMappingNode node)
            {
                top.Problem(list.Children[i], path, "expected a mapping (tool, dimension, awareness, use)");
                continue;
            }

            YamlNodeReader t = top.Child(node, path);
            t.OnlyKeys("tool", "dimension", "awareness", "use");
            string? tool = t.String("tool", required: true)?.Trim();
            string? dimension = t.String("dimension", required: true)?.Trim();
            if (dimension is not null && !Dimensions.Contains(dimension, StringComparer.Ordinal))
            {
                t.Problem(t.Get("dimension"), "dimension", $"expected a PMM performance dimension I, II, III or IV, got '{dimension}'");
                dimension = null;
            }

            int? awareness = t.Int("awareness", required: true, 0, 1);
            int? use = t.Int("use", required: true, 0, 2);
            long line = node.Start.Line;
            if (tool is not null && !seen.TryAdd(tool, line))
            {
                t.Problem(t.Get("tool"), "tool", $"'{tool}' is listed twice (lines {seen[tool]} and {line})");
                continue;
            }

            if (tool is not null && dimension is not null && awareness is not null && use is not null)
            {
                answers.Add(new ToolAnswer(file.Year, tool, dimension, awareness.Value, use.Value, file.Problems.Source(line)));
            }
        }

        return answers;
    }

    private List<FosLevelAnswer> ReadFosLevels(FileState file, YamlNodeReader? f)
    {
        var answers = new List<FosLevelAnswer>();
        if (f is null)
        {
            return answers;
        }

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in f.Node.Children)
        {
            string written = Text(keyNode);
            KpiDefinition? indicator = _catalogue.FindFosIndicator(written);
            if (indicator is null)
            {
                f.Problem(keyNode, written, $"unknown indicator '{written}' ({_catalogue.DescribeFosIndicators()})");
                continue;
            }

            long line = keyNode.Start.Line;
            if (!seen.TryAdd(indicator.Code, line))
            {
                f.Problem(keyNode, written, $"{indicator.Code} is given twice (lines {seen[indicator.Code]} and {line})");
                continue;
            }

            if (value is not YamlMappingNode mapping)
            {
                f.Problem(value, written, "expected a mapping (level, capacity_building)");
                continue;
            }

            YamlNodeReader m = f.Child(mapping, f.Key(written));
            m.OnlyKeys("level", "capacity_building");
            int? level = m.Int("level", required: true, 1, 5);
            if (level is not null)
            {
                IReadOnlyList<CapacityBuildingAnswer> capacity = ReadCapacityBuilding(file, m, level.Value);
                answers.Add(new FosLevelAnswer(indicator.Code, indicator.FosStandard ?? 0, file.Year, level.Value, capacity, file.Problems.Source(line)));
            }
        }

        // A questionnaire answered in part would publish a partial picture as if it were whole.
        foreach (KpiDefinition indicator in _catalogue.FosIndicators.Where(k => !seen.ContainsKey(k.Code)))
        {
            f.Problem(null, indicator.Code, "missing: when the fos section is present, every FoS monitoring indicator has its level");
        }

        return answers;
    }

    /// <summary>
    /// The answers to the capacity-building questions of the reported level, keyed by question code (<c>3a: …</c>): every
    /// question of the level is answered, no question of another level is; a yes/no question's answer starts with yes or no,
    /// and a question asked only after a yes is answered exactly when that answer is yes.
    /// </summary>
    private static List<CapacityBuildingAnswer> ReadCapacityBuilding(FileState file, YamlNodeReader indicator, int level)
    {
        var answers = new List<CapacityBuildingAnswer>();
        List<CapacityBuildingQuestion> asked = [.. KpiCatalogue.FosCapacityBuildingQuestions.Where(q => q.Level == level)];
        string codes = string.Join(", ", asked.Select(q => q.Code));
        YamlNode? node = indicator.Get("capacity_building");
        if (node is null)
        {
            indicator.Problem(null, "capacity_building", $"missing: level {level} asks the capacity-building questions {codes}, answered by their code");
            return answers;
        }

        if (node is not YamlMappingNode mapping)
        {
            indicator.Problem(node, "capacity_building", $"expected the answers keyed by question code ({codes} at level {level}), got {(node is YamlScalarNode ? "a single text" : Describe(node))}");
            return answers;
        }

        YamlNodeReader c = indicator.Child(mapping, indicator.Key("capacity_building"));
        var given = new Dictionary<string, (string Text, YamlNode Key)>(StringComparer.Ordinal);
        // Questions of the level answered wrongly: reported once, not again as missing.
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string code = Text(keyNode).Trim().ToLowerInvariant();
            CapacityBuildingQuestion? question = KpiCatalogue.FosCapacityBuildingQuestions.FirstOrDefault(q => q.Code == code);
            if (question is null)
            {
                c.Problem(keyNode, Text(keyNode), $"unknown capacity-building question (level {level} asks {codes})");
            }
            else if (question.Level != level)
            {
                c.Problem(keyNode, code, $"question {code} is asked at level {question.Level}, not at the reported level {level} (which asks {codes})");
            }
            else if (valueNode is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                c.Problem(valueNode, code, "expected the answer as text");
                refused.Add(code);
            }
            else if (question.YesNo && YesNoAnswer(text) is null)
            {
                c.Problem(valueNode, code, $"'{question.Text}' is a yes/no question: start the answer with yes or no (e.g. 'No' or 'Yes: …')");
                refused.Add(code);
            }
            else
            {
                given[code] = (text.Trim(), keyNode);
            }
        }

        foreach (CapacityBuildingQuestion q in asked.Where(q => !refused.Contains(q.Code)))
        {
            bool answered = given.TryGetValue(q.Code, out var answer);
            bool? condition = q.AskedIfYesTo is { } first && given.TryGetValue(first, out var firstAnswer) ? YesNoAnswer(firstAnswer.Text) : null;
            if (q.AskedIfYesTo is null && !answered)
            {
                c.Problem(null, q.Code, $"missing: level {level} asks '{q.Text}'");
            }
            else if (q.AskedIfYesTo is not null && condition == true && !answered)
            {
                c.Problem(null, q.Code, $"missing: {q.AskedIfYesTo} is answered yes, so '{q.Text}' is asked");
            }
            else if (q.AskedIfYesTo is not null && condition == false && answered)
            {
                c.Problem(answer.Key, q.Code, $"not asked: {q.Code} follows a yes to {q.AskedIfYesTo}, which is answered no");
            }
            else if (answered)
            {
                answers.Add(new CapacityBuildingAnswer(q.Code, answer.Text, file.Problems.Source(answer.Key.Start.Line)));
            }
        }

        return answers;
    }

    /// <summary>True for an answer starting with the word yes, false for no, null otherwise.</summary>
    private static bool? YesNoAnswer(string text)
    {
        string t = text.TrimStart();
        static bool Word(string t, string word) =>
            t.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (t.Length == word.Length || !char.IsLetterOrDigit(t[word.Length]));
        return Word(t, "yes") ? true : Word(t, "no") ? false : null;
    }

    private List<EnteredValue> ReadFosItems(FileState file, YamlNodeReader? f)
    {
        var values = new List<EnteredValue>();
        if (f is null)
        {
            return values;
        }

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var start = new LocalDate(Math.Max(file.Year, 1990), 1, 1);
        foreach (var (keyNode, value) in f.Node.Children)
        {
            string written = Text(keyNode);
            KpiDefinition? item = _catalogue.FindFosItem(written);
            if (item is null)
            {
                string hint = _catalogue.FindFosIndicator(written) is not null ? ": a monitoring indicator, whose level goes under fos" : "";
                f.Problem(keyNode, written, $"unknown item '{written}'{hint}");
                continue;
            }

            long line = keyNode.Start.Line;
            if (!seen.TryAdd(item.Code, line))
            {
                f.Problem(keyNode, written, $"{item.Code} is given twice (lines {seen[item.Code]} and {line})");
                continue;
            }

            if (value is not YamlScalarNode { Value: { } answer } scalar || string.IsNullOrWhiteSpace(answer))
            {
                f.Problem(value, written, "expected a number or a text");
                continue;
            }

            string variable = item.Variables.Count == 1 ? item.Variables[0].Name : "A";
            bool looksNumeric = scalar.Style == ScalarStyle.Plain && Number(answer) is not null;
            switch (item.Formula)
            {
                case FormulaKind.Text when looksNumeric:
                    f.Problem(value, written, $"{item.Code} is answered with text, got the number {answer} (quote it if it is text)");
                    break;
                case FormulaKind.Text:
                    values.Add(new EnteredValue(item.Code, variable, PeriodType.Year, start, null, null, null, answer.Trim(), file.Problems.Source(line)));
                    break;
                case FormulaKind.Value when Number(answer) is { } number:
                    values.Add(new EnteredValue(item.Code, variable, PeriodType.Year, start, null, null, number, null, file.Problems.Source(line)));
                    break;
                case FormulaKind.Value:
                    f.Problem(value, written, $"{item.Code} is answered with a number, got '{answer}'");
                    break;
                default:
                    f.Problem(keyNode, written,
                        $"{item.Code} is computed from its variables ({string.Join(", ", item.Variables.Select(v => v.Name))}): enter them in an aggregates file");
                    break;
            }
        }

        return values;
    }

    internal static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n) ? n : null;

    private static bool? YesNo(YamlNode node) => (node as YamlScalarNode)?.Value?.Trim().ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    private sealed record FileState(InputProblems Problems, int Year);
}
