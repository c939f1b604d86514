using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PmmEtl.Core.Catalogue;
using PmmEtl.Reports;

namespace PmmEtl.Cli.Kpis;

/// <summary>
/// The catalogue entries <c>pmm-etl kpis</c> prints: a table to read, or every field of each entry as CSV or JSON
/// under the column names of <c>kpi_catalogue.parquet</c>, for a spreadsheet or a script.
/// </summary>
internal static class CatalogueListing
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    // Cut so that a row fits a wide terminal; csv and json give the full texts.
    private const int NameWidth = 60;
    private const int PeriodicityWidth = 36;

    public static void Table(TextWriter output, IReadOnlyList<KpiDefinition> entries, int total)
    {
        string[] headers = ["code", "name", "area", "input", "formula", "unit", "periodicity", "disclosure"];
        string[][] rows = [.. entries.Select(k => new[]
        {
            k.Code, Shorten(k.Name, NameWidth), CatalogueFilter.ShortArea(k), k.Input.ToCode(), CatalogueText.Code(k.Formula), k.Unit,
            Shorten(k.MinimumPeriodicity, PeriodicityWidth), k.Disclosure.ToCode(),
        })];
        int[] widths = [.. headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];

        output.WriteLine($"KPI catalogue {KpiCatalogue.Version}: {entries.Count} of {total} entries");
        output.WriteLine(Line(headers, widths));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))], widths));
        foreach (string[] row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>RFC 4180: a header, comma-separated fields, quoted when they hold a comma, a quote or a line break.</summary>
    public static void Csv(TextWriter output, IReadOnlyList<KpiDefinition> entries)
    {
        output.Write(string.Join(',', CatalogueEntry.Columns.Select(c => c.Name)) + "\r\n");
        foreach (CatalogueEntry entry in entries.Select(Entry))
        {
            output.Write(string.Join(',', CatalogueEntry.Columns.Select(c => CsvField(c.Get(entry)))) + "\r\n");
        }
    }

    /// <summary>An array of objects, one per entry; absent lists are null, the precision a number.</summary>
    public static void Json(Stream output, IReadOnlyList<KpiDefinition> entries)
    {
        // Names, formulas and definitions hold Σ, × and accented letters: written as they are, not as \u escapes.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        foreach (CatalogueEntry entry in entries.Select(Entry))
        {
            json.WriteStartObject();
            foreach ((string name, Func<CatalogueEntry, object?> get) in CatalogueEntry.Columns)
            {
                switch (get(entry))
                {
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    case string text:
                        json.WriteString(name, text);
                        break;
                    default:
                        json.WriteNull(name);
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static CatalogueEntry Entry(KpiDefinition k) => CatalogueEntry.From(k, KpiCatalogue.Version);

    private static string CsvField(object? value)
    {
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        return line.ToString().TrimEnd();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
