namespace PmmEtl.Extract.Wco;

/// <summary>One declaration or notification element: its line and the texts of its watched paths.</summary>
public sealed record WcoElement(long Line, IReadOnlyDictionary<string, List<WcoValue>> Values)
{
    public WcoValue? First(string path) => Values.TryGetValue(path, out List<WcoValue>? list) && list.Count > 0 ? list[0] : null;

    public string? Text(string path) => First(path) is { } v && !string.IsNullOrWhiteSpace(v.Text) ? v.Text.Trim() : null;
}
