using PmmEtl.Extract.Files;
using Sylvan.Data.Csv;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// One data row of an input CSV: its physical line and its cells by column name (trimmed; null when empty), or why
/// the row cannot be read (<see cref="Malformed"/>), kept in line order so a file's problems are listed top to bottom.
/// </summary>
internal sealed class CsvInputRow(long line, IReadOnlyDictionary<string, int> columns, string[] cells, string? malformed = null)
{
    public long Line { get; } = line;

    public string? Malformed { get; } = malformed;

    public string? this[string column] =>
        columns.TryGetValue(column, out int i) && i < cells.Length && cells[i].Trim() is { Length: > 0 } cell ? cell : null;
}

/// <summary>
/// Reads a small officer-edited CSV with Sylvan's parser: a header naming the columns (required ones must be there,
/// unknown ones are refused so a misspelt column is not silently empty), then rows, each with the physical line it
/// starts on (line breaks inside quoted fields count). Blank lines and rows of empty cells hold no row. Problems go to the file's list.
/// </summary>
internal static class CsvInputFile
{
    public static List<CsvInputRow> Read(TextReader text, InputProblems problems, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var rows = new List<CsvInputRow>();
        var options = new CsvDataReaderOptions
        {
            // The header is read as a record like the others, so line numbers count it the same way.
            HasHeaders = false,
            Delimiter = ',',
            Quote = '"',
            Escape = '"',
            CsvStyle = CsvStyle.Standard,
        };

        long line = 1;
        Dictionary<string, int>? columns = null;
        int headerCount = 0;
        try
        {
            using CsvDataReader csv = CsvDataReader.Create(text, options);
            while (csv.Read())
            {
                long recordLine = line;
                ReadOnlySpan<char> raw = csv.GetRawRecordSpan();
                line += LineBreaks.Count(raw);
                if (raw.Trim().IsEmpty)
                {
                    continue;
                }

                var cells = new string[csv.RowFieldCount];
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.GetString(i);
                }

                // Spreadsheets save rows that were merely touched as a run of delimiters: no row either.
                if (columns is not null && cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (columns is null)
                {
                    int before = problems.Count;
                    columns = Header(cells, recordLine, problems, required, optional);
                    headerCount = cells.Length;
                    if (problems.Count > before)
                    {
                        // Every row would repeat the header's problem (a column missing): the header is the one to fix.
                        return rows;
                    }

                    continue;
                }

                if (cells.Length != headerCount)
                {
                    rows.Add(new CsvInputRow(recordLine, columns, cells, $"{cells.Length} fields where the header has {headerCount}"));
                    continue;
                }

                rows.Add(new CsvInputRow(recordLine, columns, cells));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException)
        {
            rows.Add(new CsvInputRow(line, columns ?? new Dictionary<string, int>(), [], $"malformed CSV ({e.Message}); the rest of the file was not read"));
        }

        if (columns is null && rows.Count == 0)
        {
            problems.Add(1, "header", $"missing: the file starts with the header {string.Join(",", required.Concat(optional))}");
        }

        return rows;
    }

    private static Dictionary<string, int> Header(string[] names, long line, InputProblems problems, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i].Trim().TrimStart('\uFEFF');
            if (!required.Contains(name) && !optional.Contains(name))
            {
                problems.Add(line, "header", $"unknown column '{name}' (expected {string.Join(",", required.Concat(optional))})");
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(line, "header", $"column '{name}' appears twice");
            }
        }

        foreach (string name in required.Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(line, "header", $"missing column '{name}'");
        }

        return columns;
    }
}
