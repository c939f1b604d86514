namespace PmmEtl.Extract.Wco;

/// <summary>
/// One declaration or notification element: its line and the texts of its watched paths. <see cref="Refusal"/> says
/// why a message that was read to its end cannot be used (it is over a reading limit); its values are those read
/// before the limit, kept to name it.
/// </summary>
public sealed record WcoElement(long Line, IReadOnlyDictionary<string, List<WcoValue>> Values, string? Refusal = null)
{
    public WcoValue? First(string path) => Values.TryGetValue(path, out List<WcoValue>? list) && list.Count > 0 ? list[0] : null;

    public string? Text(string path) => First(path) is { } v && !string.IsNullOrWhiteSpace(v.Text) ? v.Text.Trim() : null;
}
