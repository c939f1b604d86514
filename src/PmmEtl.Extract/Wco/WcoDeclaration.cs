namespace PmmEtl.Extract.Wco;

/// <summary>
/// One declaration as its message and notifications give it, before it becomes a raw row: canonical field name →
/// text (nothing interpreted but the WCO time formats), and the problems that refuse it, first first.
/// </summary>
public sealed class WcoDeclaration(string file, long line)
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string? Id { get; set; }
    public Dictionary<string, string?> Fields { get; } = new(StringComparer.Ordinal);
    public List<WcoProblem> Problems { get; } = [];
}

/// <summary>Why a declaration is refused: the field at fault, the reason, and its kind for the counts (<see cref="WcoCounts"/>).</summary>
public readonly record struct WcoProblem(string Field, string Reason, string Kind);
