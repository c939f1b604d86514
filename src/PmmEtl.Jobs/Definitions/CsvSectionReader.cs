using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// Reads <c>source.csv</c>: the file pattern, delimiter, header, encoding, time and date formats, offset rule and
/// the column of each canonical field, and the folder of register files (<c>registers</c>). Patterns and offsets are
/// tried here, so a typo fails the load with its line, not the night's run.
/// </summary>
internal static class CsvSectionReader
{
    /// <param name="path">The declaration files' folder (or file).</param>
    /// <param name="pipelineFolder">The pipeline file's folder, against which the register folder is resolved like every other path.</param>
    public static CsvSourceSettings? Read(YamlNodeReader? c, string path, string pipelineFolder)
    {
        if (c is null)
        {
            return null;
        }

        c.OnlyKeys("files", "delimiter", "quote", "header", "encoding", "time_format", "date_format", "offset", "max_field_chars", "max_record_chars", "columns", "registers");
        bool header = c.Bool("header", true);
        string? timeFormat = c.String("time_format", required: false);
        string? dateFormat = c.String("date_format", required: false);
        Offset? offset = ReadOffset(c, "offset");
        CheckTimeFormat(c, "time_format", timeFormat, offset);
        CheckDateFormat(c, "date_format", dateFormat);
        string encoding = c.String("encoding", required: false) ?? "utf-8";
        if (!CsvEncodings.TryGet(encoding, out _))
        {
            c.Problem(c.Get("encoding"), "encoding", $"unknown encoding '{encoding}' (utf-8, latin1, windows-1252, …)");
        }

        var settings = new CsvSourceSettings
        {
            Path = path,
            Files = c.String("files", required: false) ?? "*.csv",
            Delimiter = ReadChar(c, "delimiter", ','),
            Quote = ReadChar(c, "quote", '"'),
            Header = header,
            Encoding = encoding,
            TimeFormat = timeFormat,
            DateFormat = dateFormat,
            Offset = offset,
            MaxFieldChars = c.Int("max_field_chars", required: false, 1, 100_000_000) ?? 10_000,
            MaxRecordChars = c.Int("max_record_chars", required: false, 4096, 1 << 30) ?? 1 << 20,
            Columns = ReadColumns(c, header),
            // One <register>.csv per register, header = canonical field names; checked when the run reads the folder.
            RegistersPath = c.String("registers", required: false) is { } registers ? Path.GetFullPath(Path.Combine(pipelineFolder, registers)) : null,
        };
        if (settings.Delimiter == settings.Quote)
        {
            c.Problem(c.Get("quote"), "quote", "the quote must differ from the delimiter");
        }

        return settings;
    }

    private static Dictionary<string, CsvColumnMapping> ReadColumns(YamlNodeReader c, bool header)
    {
        var columns = new Dictionary<string, CsvColumnMapping>(StringComparer.Ordinal);
        if (c.Mapping("columns", required: true) is not { } map)
        {
            return columns;
        }

        foreach (var (keyNode, value) in map.Node.Children)
        {
            if (map.KeyText(keyNode) is not { } field)
            {
                continue;
            }

            if (DeclarationFields.All.All(f => f.Name != field))
            {
                map.Problem(keyNode, field, $"not a canonical field (known: {string.Join(", ", DeclarationFields.All.Select(f => f.Name))})");
                continue;
            }

            CsvColumnMapping? mapping = value switch
            {
                YamlScalarNode { Value: { } column } when !string.IsNullOrWhiteSpace(column) => new CsvColumnMapping { Column = column },
                YamlMappingNode node => ReadColumn(map.Child(node, map.Key(field)), field),
                _ => Invalid(map, value, field),
            };
            if (mapping is null)
            {
                continue;
            }

            if (mapping.Column is { } position && !header
                && (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1))
            {
                map.Problem(value, field, $"without a header a column is a position from 1, not '{position}'");
            }

            columns[field] = mapping;
        }

        foreach (var (name, required, _) in DeclarationFields.All)
        {
            if (required && !columns.ContainsKey(name) && map.Get(name) is null)
            {
                map.Problem(null, name, "required canonical field: map a column or give a constant");
            }
        }

        return columns;
    }

    private static CsvColumnMapping? ReadColumn(YamlNodeReader m, string field)
    {
        m.OnlyKeys("column", "constant", "map", "default", "format", "offset");
        string? column = m.String("column", required: false);
        string? constant = m.String("constant", required: false);
        if ((column is null) == (constant is null))
        {
            m.Problem(null, "column", "give either column or constant");
            return null;
        }

        CsvFieldKind kind = CsvFieldPlan.KindOf(field);
        string? format = m.String("format", required: false);
        Offset? offset = ReadOffset(m, "offset");
        if (format is not null && kind == CsvFieldKind.Text)
        {
            m.Problem(m.Get("format"), "format", "only time fields (*_local) and business_date have a format");
        }

        if (offset is not null && kind != CsvFieldKind.Time)
        {
            m.Problem(m.Get("offset"), "offset", "only time fields (*_local) have an offset");
        }

        if (kind == CsvFieldKind.Time)
        {
            CheckTimeFormat(m, "format", format, offset);
        }
        else if (kind == CsvFieldKind.Date)
        {
            CheckDateFormat(m, "format", format);
        }

        return new CsvColumnMapping
        {
            Column = column,
            Constant = constant,
            Map = YamlMaps.CodeMap(m, "map"),
            Default = m.String("default", required: false),
            Format = format,
            Offset = offset,
        };
    }

    private static CsvColumnMapping? Invalid(YamlNodeReader map, YamlNode value, string field)
    {
        map.Problem(value, field, "expected a column name or a mapping (column or constant, map, default, format, offset)");
        return null;
    }

    private static void CheckTimeFormat(YamlNodeReader r, string key, string? pattern, Offset? offset)
    {
        try
        {
            TimeText.Create(pattern, offset);
        }
        catch (InvalidPatternException e)
        {
            r.Problem(r.Get(key), key, $"not a NodaTime date-time pattern: {e.Message}");
        }
    }

    private static void CheckDateFormat(YamlNodeReader r, string key, string? pattern)
    {
        try
        {
            DateText.Create(pattern);
        }
        catch (InvalidPatternException e)
        {
            r.Problem(r.Get(key), key, $"not a NodaTime date pattern: {e.Message}");
        }
    }

    private static Offset? ReadOffset(YamlNodeReader r, string key)
    {
        string? text = r.String(key, required: false);
        if (text is null)
        {
            return null;
        }

        ParseResult<Offset> parsed = OffsetPattern.GeneralInvariantWithZ.Parse(text.Trim());
        if (!parsed.Success)
        {
            r.Problem(r.Get(key), key, $"'{text}' is not a UTC offset (write it as \"+01:00\" or \"-05:00\")");
            return null;
        }

        return parsed.Value;
    }

    private static char ReadChar(YamlNodeReader r, string key, char defaultValue)
    {
        YamlNode? node = r.Get(key);
        if (node is null)
        {
            return defaultValue;
        }

        string? text = (node as YamlScalarNode)?.Value;
        if (text is "tab" or "\\t")
        {
            return '\t';
        }

        if (text is not { Length: 1 } || text[0] is '\r' or '\n')
        {
            r.Problem(node, key, $"expected one character (or tab), got '{text}'");
            return defaultValue;
        }

        return text[0];
    }
}
