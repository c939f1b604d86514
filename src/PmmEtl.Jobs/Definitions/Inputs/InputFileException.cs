namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// An officer-given input file that cannot be used. Every problem is a whole line of its own,
/// <c>&lt;file&gt;: line N: &lt;field&gt;: &lt;what is wrong&gt;</c>, and every problem of the file is listed, so an
/// officer fixes the file in one pass instead of one error per run.
/// </summary>
public sealed class InputFileException : Exception
{
    public InputFileException(string file, IReadOnlyList<string> problems)
        : base($"{file}: the input file is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The file as errors name it: its path relative to the pipeline file.</summary>
    public string File { get; }

    public IReadOnlyList<string> Problems { get; }
}
