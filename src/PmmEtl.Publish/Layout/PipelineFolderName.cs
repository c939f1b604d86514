namespace PmmEtl.Publish.Layout;

/// <summary>
/// A pipeline name becomes a folder name under the output folder, so it must be one plain path segment:
/// anything that could climb out of the output folder or name a different place is refused.
/// </summary>
internal static class PipelineFolderName
{
    // '\\' and ':' are not special on Linux, but the same snapshots are read from Windows shares.
    private static readonly char[] Forbidden = [.. Path.GetInvalidFileNameChars(), '/', '\\', ':'];

    /// <exception cref="ArgumentException">The name is empty, or contains a separator, '..' or a control character.</exception>
    public static void Validate(string pipeline, string paramName)
    {
        if (string.IsNullOrWhiteSpace(pipeline)
            || pipeline == "."
            || pipeline.Contains("..", StringComparison.Ordinal)
            || pipeline.IndexOfAny(Forbidden) >= 0
            || pipeline.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Pipeline name '{pipeline}' cannot be used as a folder name: it must be a single path segment without separators or '..'.",
                paramName);
        }
    }
}
