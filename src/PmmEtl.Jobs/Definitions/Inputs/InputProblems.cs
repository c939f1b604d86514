namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>Collects the problems of one input file, each prefixed with the file's name, and throws them together.</summary>
internal sealed class InputProblems
{
    private readonly List<string> _problems = [];

    public InputProblems(string file)
    {
        File = file;
    }

    public string File { get; }

    public int Count => _problems.Count;

    public void Add(long line, string field, string message) => _problems.Add($"{File}: line {line}: {field}: {message}");

    /// <summary>Takes problems written by <see cref="PmmEtl.Extract.Definitions.YamlNodeReader"/> (<c>line N: key: …</c>) and names the file.</summary>
    public void AddFromYaml(IEnumerable<string> problems) => _problems.AddRange(problems.Select(p => $"{File}: {p}"));

    /// <summary>Where a record came from, published with its value.</summary>
    public string Source(long line) => $"{File}:{line}";

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new InputFileException(File, _problems);
        }
    }
}
