namespace PmmEtl.Publish;

/// <summary>
/// Passes rows through lazily, failing on a row of another pipeline: a snapshot folder must only ever hold the
/// pipeline it is named after, whatever the reader returns.
/// </summary>
internal static class RowPipelineGuard
{
    public static IEnumerable<TRow> OnlyPipeline<TRow>(this IEnumerable<TRow> rows, string pipeline, Func<TRow, string> pipelineOf, string fileName)
    {
        foreach (TRow row in rows)
        {
            string actual = pipelineOf(row);
            if (!string.Equals(actual, pipeline, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{fileName}: the reader returned a row of pipeline '{actual}' while publishing '{pipeline}'.");
            }

            yield return row;
        }
    }
}
