using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Definitions;
using PmmEtl.Extract.Files;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Mapping;

/// <summary>
/// Reads the one mapping language every source kind shares, for one record type: each canonical field is a column name
/// (<c>arrival_local: ARRIVED</c>), <c>absent</c>, or a mapping of <c>column</c> (or, for WCO messages, <c>path</c>),
/// <c>constant</c>, <c>map</c>, <c>default</c>, <c>format</c>, <c>offset</c>, <c>precision</c> (<c>time</c> or <c>date</c>) and
/// <c>absent</c>. Everything is checked here, with its line: a name that is no field of the type, a derived field, a
/// field that identifies a record given as absent, a format that does not parse, and a time field whose format has no
/// time of day (a date-only export would make every milestone midnight) unless the field is declared <c>precision: date</c>.
/// </summary>
internal static class FieldMappingReader
{
    /// <param name="columnsMeanPositions">Without a header, a CSV column is a 1-based position.</param>
    /// <param name="timeFormat">The section's default pattern for time fields, checked for each time field that uses it.</param>
    public static Dictionary<string, FieldMapping> Read(YamlNodeReader map, RecordSchema type, bool columnsMeanPositions = false, string? timeFormat = null,
        bool paths = false, bool requireIdentity = true)
    {
        var fields = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Node.Children)
        {
            if (map.KeyText(keyNode) is not { } name)
            {
                continue;
            }

            RecordField? field = type.FindField(name);
            if (field is null)
            {
                map.Problem(keyNode, name, $"not a field of the {type.Name} record type (its fields: {string.Join(", ", type.Fields.Where(f => !f.Derived).Select(f => f.Name))})");
                continue;
            }

            if (field.Derived)
            {
                map.Problem(keyNode, name, $"computed by the normaliser (from {string.Join(", ", field.RestsOn)}), not read from a source");
                continue;
            }

            FieldMapping? mapping = value switch
            {
                YamlScalarNode { Value: "absent" } => FieldMapping.NotGiven,
                YamlScalarNode { Value: { } column } when !string.IsNullOrWhiteSpace(column) => paths ? new FieldMapping { Paths = [column] } : new FieldMapping { Column = column },
                YamlSequenceNode when paths => new FieldMapping { Paths = YamlMaps.Texts(map, name) ?? [] },
                YamlMappingNode node => ReadOne(map.Child(node, map.Key(name)), field, paths),
                _ => Invalid(map, value, name, paths),
            };
            if (mapping is null)
            {
                continue;
            }

            Check(map, value, name, field, mapping, type, columnsMeanPositions, timeFormat);
            fields[name] = mapping;
        }

        if (requireIdentity)
        {
            foreach (RecordField field in type.Fields.Where(f => type.MustMap(f) && !fields.ContainsKey(f.Name)))
            {
                map.Problem(null, field.Name, $"it identifies a {type.Name} record: map a column or give a constant");
            }
        }

        return fields;
    }

    private static FieldMapping? ReadOne(YamlNodeReader m, RecordField field, bool paths)
    {
        m.OnlyKeys(paths ? "path" : "column", "constant", "map", "default", "format", "offset", "precision", "absent");
        if (m.Bool("absent", false))
        {
            foreach (string key in new[] { paths ? "path" : "column", "constant", "map", "default", "format", "offset" })
            {
                if (m.Get(key) is { } extra)
                {
                    m.Problem(extra, key, "an absent field has nothing else");
                }
            }

            return FieldMapping.NotGiven;
        }

        IReadOnlyList<string>? pathList = paths ? YamlMaps.Texts(m, "path") : null;
        string? column = paths ? null : m.String("column", required: false);
        string? constant = m.String("constant", required: false);
        bool hasSource = paths ? pathList is { Count: > 0 } : column is not null;
        if (hasSource && constant is not null)
        {
            m.Problem(m.Get("constant"), "constant", $"give either {(paths ? "path" : "column")} or constant, not both");
            return null;
        }

        if (!hasSource && constant is null && m.String("default", required: false) is null)
        {
            m.Problem(null, paths ? "path" : "column", $"give {(paths ? "a path" : "a column")}, a constant, or absent: true");
            return null;
        }

        string? precision = m.String("precision", required: false);
        if (precision is not (null or "time" or "date"))
        {
            m.Problem(m.Get("precision"), "precision", $"expected time or date, got '{precision}'");
        }
        else if (precision is not null && field.Type != FieldType.LocalTime)
        {
            m.Problem(m.Get("precision"), "precision", $"only time fields have a precision ({field.Name} is a {field.Type.ToString().ToLowerInvariant()} field)");
        }

        return new FieldMapping
        {
            Column = column,
            Paths = pathList ?? [],
            Constant = constant,
            Map = YamlMaps.CodeMap(m, "map"),
            Default = m.String("default", required: false),
            Format = m.String("format", required: false),
            Offset = ReadOffset(m, "offset"),
            Precision = precision == "date" ? FieldPrecision.Date : FieldPrecision.Time,
        };
    }

    private static void Check(YamlNodeReader map, YamlNode at, string name, RecordField field, FieldMapping mapping, RecordSchema type, bool positions, string? timeFormat)
    {
        if (mapping.Absent)
        {
            if (type.MustMap(field))
            {
                map.Problem(at, name, $"it identifies a {type.Name} record, so it cannot be absent");
            }

            return;
        }

        if (positions && mapping.Column is { } position
            && (!int.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1))
        {
            map.Problem(at, name, $"without a header a column is a position from 1, not '{position}'");
        }

        bool time = field.Type == FieldType.LocalTime;
        bool date = field.Type == FieldType.Date || (time && mapping.Precision == FieldPrecision.Date);
        if (mapping.Format is not null && !time && !date)
        {
            map.Problem(at, name, "only date and time fields have a format");
        }

        if (mapping.Offset is not null && (!time || date))
        {
            map.Problem(at, name, "only time fields (with their time of day) have an offset");
        }

        try
        {
            if (date)
            {
                DateText.Create(mapping.Format);
            }
            else if (time)
            {
                TimeText.Create(mapping.Format ?? timeFormat, mapping.Offset);
            }
        }
        catch (InvalidPatternException e)
        {
            map.Problem(at, name, $"not a NodaTime {(date ? "date" : "date-time")} pattern: {e.Message}");
            return;
        }

        if (time && !date && (mapping.Format ?? timeFormat) is { } pattern && !HasTimeOfDay(pattern))
        {
            // The defect of a date-only format for a time: every milestone becomes midnight and every duration a count of days.
            map.Problem(at, name, $"the format '{pattern}' has no time of day: {field.Name} is a time; if the export keeps only the date, declare {{ precision: date }} (durations that need the time are then not measured)");
        }
    }

    /// <summary>Whether a NodaTime pattern reads an hour (H or h outside quoted text): the time of day is then known.</summary>
    public static bool HasTimeOfDay(string pattern)
    {
        bool quoted = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is 'H' or 'h')
            {
                return true;
            }
        }

        return false;
    }

    private static FieldMapping? Invalid(YamlNodeReader map, YamlNode value, string name, bool paths)
    {
        map.Problem(value, name, $"expected a {(paths ? "path" : "column name")}, absent, or a mapping ({(paths ? "path" : "column")} or constant, map, default, format, offset, precision)");
        return null;
    }

    public static Offset? ReadOffset(YamlNodeReader r, string key)
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
}
