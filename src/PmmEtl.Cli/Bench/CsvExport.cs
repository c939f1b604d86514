using System.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// Writes a source's declarations as one CSV file with the canonical field names as header, streamed: the form
/// both sides of the benchmark read, since DuckDB's SQLite reader cannot be downloaded here.
/// </summary>
internal static class CsvExport
{
    public static long Write(SourceDefinition source, string pipelineName, string csvPath, ExtractWindow? window = null)
    {
        RecordSchema type = RecordTypes.Declaration;
        int[] fields = [.. Enumerable.Range(0, type.Fields.Count).Where(i => !type.Fields[i].Derived)];
        using var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', fields.Select(i => type.Fields[i].Name)));
        long rows = 0;
        var line = new StringBuilder(512);
        foreach (RawRecord raw in new SqlRecordSource(source, pipelineName).Read(type, window ?? ExtractWindow.Everything, CancellationToken.None))
        {
            line.Clear();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                Quote(line, raw[fields[i]].Text);
            }

            writer.WriteLine(line);
            rows++;
        }

        return rows;
    }

    private static void Quote(StringBuilder line, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
