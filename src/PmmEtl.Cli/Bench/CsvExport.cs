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
        IReadOnlyList<(string Name, bool Required, Action<RawDeclaration, string?> Set)> fields = DeclarationFields.All;
        Func<RawDeclaration, string?>[] getters =
        [
            r => r.DeclarationId, r => r.DeclarationType, r => r.Direction, r => r.OfficeCode, r => r.BusinessDate, r => r.ModeOfTransport,
            r => r.ControlChannel, r => r.TraderId, r => r.Aeo, r => r.PreArrival, r => r.Ecommerce, r => r.RiskLevel, r => r.SubmissionChannel,
            r => r.ImmediateRelease, r => r.ArrivalLocal, r => r.LodgedLocal, r => r.OgaPermitLocal, r => r.InspectionStartLocal,
            r => r.InspectionEndLocal, r => r.ClearedLocal, r => r.ReleasedLocal, r => r.LoadedLocal,
        ];
        using var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', fields.Select(f => f.Name)));
        long rows = 0;
        var line = new StringBuilder(512);
        foreach (RawDeclaration raw in new SqlDeclarationSource(source, pipelineName).ReadDeclarations(window ?? ExtractWindow.Everything, CancellationToken.None))
        {
            line.Clear();
            for (int i = 0; i < getters.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                Quote(line, getters[i](raw));
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
