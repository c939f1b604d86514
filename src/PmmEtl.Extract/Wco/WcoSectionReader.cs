using System.Globalization;
using System.Xml;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Reads <c>source.wco</c>: the declaration and notification file patterns, the identity (MRN or LRN), the
/// declaration function codes, the notification function-code table (replacing the default table when given) and
/// field mappings (each replacing that field's default), the default office and the reading limits. Without the
/// section the defaults of <see cref="WcoDefaults"/> apply.
/// </summary>
internal static class WcoSectionReader
{
    public static WcoXmlSourceSettings Read(YamlNodeReader? w, string path)
    {
        if (w is null)
        {
            return new WcoXmlSourceSettings { Path = path };
        }

        w.OnlyKeys("declaration_files", "notification_files", "identity", "declaration_function_codes", "function_codes", "fields",
            "default_office", "max_depth", "max_elements", "max_file_bytes");
        string identity = w.String("identity", required: false) ?? "mrn";
        if (identity is not ("mrn" or "lrn"))
        {
            w.Problem(w.Get("identity"), "identity", $"expected mrn or lrn, got '{identity}'");
        }

        IReadOnlyList<string>? declarationCodes = YamlMaps.Texts(w, "declaration_function_codes");
        return new WcoXmlSourceSettings
        {
            Path = path,
            DeclarationFiles = w.String("declaration_files", required: false) ?? "*.xml",
            NotificationFiles = w.String("notification_files", required: false) ?? "*.xml",
            Identity = identity == "lrn" ? WcoIdentity.Lrn : WcoIdentity.Mrn,
            DeclarationFunctionCodes = declarationCodes is null ? WcoDefaults.DeclarationFunctionCodes : new HashSet<string>(declarationCodes, StringComparer.Ordinal),
            FunctionCodes = ReadFunctionCodes(w) ?? WcoDefaults.FunctionCodes,
            Fields = ReadFields(w),
            DefaultOffice = w.String("default_office", required: false)?.Trim(),
            MaxDepth = w.Int("max_depth", required: false, 8, 10_000) ?? WcoDefaults.MaxDepth,
            MaxElements = w.Int("max_elements", required: false, 100, int.MaxValue) ?? WcoDefaults.MaxElements,
            MaxFileBytes = ReadBytes(w, "max_file_bytes") ?? WcoDefaults.MaxFileBytes,
        };
    }

    /// <summary>
    /// <c>default_office</c> must be one of the pipeline's offices (read after the source section, hence a check of
    /// its own): a default that no office matches would refuse every declaration it was meant to save.
    /// </summary>
    public static void CheckDefaultOffice(YamlNodeReader top, WcoXmlSourceSettings? settings, IReadOnlyList<OfficeDefinition> offices)
    {
        // Settings with a default office come from a well-formed source.wco mapping; no offices is reported on its own.
        if (settings?.DefaultOffice is not { } office || offices.Count == 0
            || top.Mapping("source", required: false)?.Mapping("wco", required: false) is not { } w)
        {
            return;
        }

        if (!offices.Any(o => string.Equals(o.Code, office, StringComparison.OrdinalIgnoreCase)))
        {
            w.Problem(w.Get("default_office"), "default_office",
                $"'{office}' is not one of the pipeline's offices ({string.Join(", ", offices.Select(o => o.Code))})");
        }
    }

    private static long? ReadBytes(YamlNodeReader w, string key)
    {
        const long Min = 1024;
        if (w.String(key, required: false) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) || bytes < Min)
        {
            w.Problem(w.Get(key), key, $"expected a whole number of bytes from {Min}, got '{text}'");
            return null;
        }

        return bytes;
    }

    private static Dictionary<string, WcoEvent>? ReadFunctionCodes(YamlNodeReader w)
    {
        if (YamlMaps.CodeMap(w, "function_codes") is not { } table)
        {
            return null;
        }

        var codes = new Dictionary<string, WcoEvent>(StringComparer.Ordinal);
        YamlNodeReader map = w.Mapping("function_codes", required: false)!;
        foreach ((string code, string name) in table)
        {
            if (WcoDefaults.EventNames.TryGetValue(name, out WcoEvent e))
            {
                codes[code] = e;
            }
            else
            {
                map.Problem(map.Get(code), code, $"unknown event '{name}' (expected one of {string.Join(", ", WcoDefaults.EventNames.Keys)})");
            }
        }

        return codes;
    }

    private static Dictionary<string, WcoFieldMapping> ReadFields(YamlNodeReader w)
    {
        var fields = new Dictionary<string, WcoFieldMapping>(WcoDefaults.Fields, StringComparer.Ordinal);
        if (w.Mapping("fields", required: false) is not { } map)
        {
            return fields;
        }

        foreach (var (keyNode, value) in map.Node.Children)
        {
            if (map.KeyText(keyNode) is not { } field)
            {
                continue;
            }

            if (field == DeclarationFields.DeclarationId || RecordTypes.Declaration.FindField(field) is not { Derived: false })
            {
                map.Problem(keyNode, field, field == DeclarationFields.DeclarationId
                    ? "the declaration id is the MRN or the LRN: choose with source.wco.identity"
                    : $"not a canonical field (known: {string.Join(", ", RecordTypes.Declaration.Fields.Where(f => !f.Derived).Select(f => f.Name))})");
                continue;
            }

            if (value is YamlScalarNode { Value: "absent" })
            {
                // The messages do not carry it: the default rule goes, and what needs the field says so.
                fields.Remove(field);
                continue;
            }

            WcoFieldMapping? mapping = value switch
            {
                YamlScalarNode or YamlSequenceNode => Paths(map, field) is { } paths ? new WcoFieldMapping { Paths = paths } : null,
                YamlMappingNode node => ReadField(map.Child(node, map.Key(field))),
                _ => null,
            };
            if (mapping is not null)
            {
                fields[field] = mapping;
            }
        }

        return fields;
    }

    private static WcoFieldMapping? ReadField(YamlNodeReader m)
    {
        m.OnlyKeys("path", "constant", "map", "default");
        IReadOnlyList<string>? paths = m.Get("path") is null ? null : Paths(m, "path");
        string? constant = m.String("constant", required: false);
        if ((paths is null) == (constant is null) && m.Get("path") is null)
        {
            m.Problem(null, "path", "give either path (one element path or a list) or constant");
            return null;
        }

        return new WcoFieldMapping
        {
            Paths = paths ?? [],
            Constant = constant,
            Map = YamlMaps.CodeMap(m, "map"),
            Default = m.String("default", required: false),
        };
    }

    private static IReadOnlyList<string>? Paths(YamlNodeReader r, string key)
    {
        IReadOnlyList<string>? paths = YamlMaps.Texts(r, key);
        if (paths is null)
        {
            return null;
        }

        foreach (string path in paths)
        {
            try
            {
                foreach (string segment in path.Split('/'))
                {
                    XmlConvert.VerifyNCName(segment);
                }
            }
            catch (XmlException)
            {
                r.Problem(r.Get(key), key, $"'{path}' is not an element path (local names joined by '/', relative to Declaration, no prefixes)");
                return null;
            }
        }

        return paths;
    }
}
