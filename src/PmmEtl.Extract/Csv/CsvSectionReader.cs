using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Definitions;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Mapping;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// Reads <c>source.csv</c>: the declaration exports (file pattern, delimiter, header, encoding, time and date formats,
/// offset rule, and the mapping of each canonical field), the folder of register files with canonical headers
/// (<c>registers</c>), and each register exported in its own shape (<c>records.&lt;type&gt;</c>: the same keys, its own
/// files and mapping, the section's settings as defaults). Patterns and offsets are tried here, so a typo fails the
/// load with its line, not the night's run.
/// </summary>
internal static class CsvSectionReader
{
    private static readonly string[] SettingKeys =
        ["files", "delimiter", "quote", "header", "encoding", "time_format", "date_format", "offset", "max_field_chars", "max_record_chars", "columns"];

    /// <param name="path">The declaration files' folder (or file).</param>
    /// <param name="pipelineFolder">The pipeline file's folder, against which the other folders are resolved like every other path.</param>
    public static CsvSourceSettings? Read(YamlNodeReader? c, string path, string pipelineFolder)
    {
        if (c is null)
        {
            return null;
        }

        c.OnlyKeys([.. SettingKeys, "registers", "records"]);
        CsvSourceSettings declarations = ReadSettings(c, RecordTypes.Declaration, path, defaults: null);
        var records = new Dictionary<string, CsvSourceSettings>(StringComparer.Ordinal);
        if (c.Mapping("records", required: false) is { } section)
        {
            foreach (var (keyNode, value) in section.Node.Children)
            {
                if (section.KeyText(keyNode) is not { } name)
                {
                    continue;
                }

                RecordSchema? type = RecordTypes.Registers.FirstOrDefault(r => r.Name == name);
                if (type is null)
                {
                    section.Problem(keyNode, name, $"not a register (registers: {string.Join(", ", RecordTypes.Registers.Select(r => r.Name))}; the declarations are source.csv itself)");
                    continue;
                }

                if (value is not YamlMappingNode node)
                {
                    section.Problem(value, name, "expected a mapping (path, files, columns …)");
                    continue;
                }

                YamlNodeReader r = section.Child(node, section.Key(name));
                r.OnlyKeys([.. SettingKeys, "path"]);
                string ownPath = r.String("path", required: false) is { } p ? Path.GetFullPath(Path.Combine(pipelineFolder, p)) : path;
                records[name] = ReadSettings(r, type, ownPath, declarations);
            }
        }

        return declarations with
        {
            // One <register>.csv per register, header = canonical field names; checked when the run reads the folder.
            RegistersPath = c.String("registers", required: false) is { } registers ? Path.GetFullPath(Path.Combine(pipelineFolder, registers)) : null,
            Records = records,
        };
    }

    /// <summary>One record type's exports: the settings (each defaulting to <paramref name="defaults"/>) and the mapping of its fields.</summary>
    private static CsvSourceSettings ReadSettings(YamlNodeReader c, RecordSchema type, string path, CsvSourceSettings? defaults)
    {
        bool header = c.Get("header") is null && defaults is not null ? defaults.Header : c.Bool("header", true);
        string? timeFormat = c.String("time_format", required: false) ?? defaults?.TimeFormat;
        string? dateFormat = c.String("date_format", required: false) ?? defaults?.DateFormat;
        Offset? offset = FieldMappingReader.ReadOffset(c, "offset") ?? defaults?.Offset;
        CheckPattern(c, "time_format", "date-time", () => TimeText.Create(c.String("time_format", required: false), null));
        CheckPattern(c, "date_format", "date", () => DateText.Create(c.String("date_format", required: false)));
        string encoding = c.String("encoding", required: false) ?? defaults?.Encoding ?? "utf-8";
        if (!CsvEncodings.TryGet(encoding, out _))
        {
            c.Problem(c.Get("encoding"), "encoding", $"unknown encoding '{encoding}' (utf-8, latin1, windows-1252, …)");
        }

        Dictionary<string, FieldMapping> columns = c.Mapping("columns", required: true) is { } map
            ? FieldMappingReader.Read(map, type, columnsMeanPositions: !header, timeFormat)
            : [];
        var settings = new CsvSourceSettings
        {
            Path = path,
            Files = c.String("files", required: false) ?? (defaults is null ? "*.csv" : $"{type.Name}*.csv"),
            Delimiter = ReadChar(c, "delimiter", defaults?.Delimiter ?? ','),
            Quote = ReadChar(c, "quote", defaults?.Quote ?? '"'),
            Header = header,
            Encoding = encoding,
            TimeFormat = timeFormat,
            DateFormat = dateFormat,
            Offset = offset,
            MaxFieldChars = c.Int("max_field_chars", required: false, 1, 100_000_000) ?? defaults?.MaxFieldChars ?? 10_000,
            MaxRecordChars = c.Int("max_record_chars", required: false, 4096, 1 << 30) ?? defaults?.MaxRecordChars ?? 1 << 20,
            Columns = columns,
        };
        if (settings.Delimiter == settings.Quote)
        {
            c.Problem(c.Get("quote"), "quote", "the quote must differ from the delimiter");
        }

        return settings;
    }

    private static void CheckPattern(YamlNodeReader r, string key, string kind, Action create)
    {
        try
        {
            create();
        }
        catch (InvalidPatternException e)
        {
            r.Problem(r.Get(key), key, $"not a NodaTime {kind} pattern: {e.Message}");
        }
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
