using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Mapping;
using PmmEtl.Extract.Threading;

namespace PmmEtl.Extract;

/// <summary>
/// Streams records from folders of CSV exports, every record type the same way: the declarations from the files of
/// <c>source.csv</c> mapped by <c>source.csv.columns</c>; a register exported in its own shape from the files of its
/// <c>source.csv.records.&lt;type&gt;</c> section, mapped by its own columns (with its own delimiter, encoding, formats
/// where it says so); a register exported with the canonical field names as its header from
/// <c>&lt;type&gt;.csv</c> in <c>source.csv.registers</c>. Every file's header is checked against its mapping before the
/// first row is read, so a missing column fails the run before any data moves. Rows are not filtered by the window:
/// exports hold what they hold, and the runner keeps only the window's business dates (counting the rest). Parsing
/// runs a few batches ahead on its own thread (<see cref="ReadAhead"/>), so the second core normalises and loads meanwhile.
/// </summary>
public sealed class CsvRecordSource : IRecordSource
{
    private readonly CsvSourceSettings _settings;
    private readonly Lazy<IReadOnlyDictionary<RecordSchema, string>> _canonicalFiles;

    public CsvRecordSource(SourceDefinition source)
    {
        _settings = source.Csv ?? throw new InvalidOperationException("source.csv: a csv source needs its column mapping");
        _canonicalFiles = new Lazy<IReadOnlyDictionary<RecordSchema, string>>(() => CanonicalFiles(_settings.RegistersPath));
        foreach (string name in _settings.Records.Keys)
        {
            if (RecordTypes.Find(name) is not { } type || type == RecordTypes.Declaration)
            {
                throw new SourceConfigurationException($"source.csv.records.{name}: not a register (registers: {string.Join(", ", RecordTypes.Registers.Select(r => r.Name))})");
            }
        }
    }

    /// <summary>The declaration, then every register with a records section or a file in the register folder, in load order.</summary>
    public IReadOnlyList<RecordSchema> Available =>
        RecordTypes.All.Where(t => t == RecordTypes.Declaration || _settings.Records.ContainsKey(t.Name) || _canonicalFiles.Value.ContainsKey(t)).ToArray();

    public RecordMapping Describe(RecordSchema type)
    {
        (CsvSourceSettings settings, IReadOnlyDictionary<string, FieldMapping> columns, string where) = Mapping(type);
        return RecordMapping.Of(type, where, columns);
    }

    public IEnumerable<RawRecord> Read(RecordSchema type, ExtractWindow window, CancellationToken cancellationToken) =>
        ReadAhead.Of(ReadFiles(type, cancellationToken), cancellationToken);

    private IEnumerable<RawRecord> ReadFiles(RecordSchema type, CancellationToken cancellationToken)
    {
        (CsvSourceSettings settings, IReadOnlyDictionary<string, FieldMapping> columns, string where) = Mapping(type);
        IReadOnlyList<string> files = _canonicalFiles.Value.TryGetValue(type, out string? canonical) && !_settings.Records.ContainsKey(type.Name)
            ? [canonical]
            : SourceFiles.List(settings.Path, settings.Files, key: PathKey(type));
        if (files.Count == 0)
        {
            // An export that did not arrive must not look like a quiet day.
            throw new SourceConfigurationException($"{PathKey(type)}: no file matches '{settings.Files}' in {settings.Path}");
        }

        IReadOnlyList<MappedField> plans = MappedField.Compile(type, columns, where, settings.TimeFormat, settings.DateFormat, settings.Offset);
        var reader = new CsvFileReader(type, settings, plans, where);
        // Every header is bound before the first row is handed on, so a file that does not fit moves no data.
        var headers = files.Select(f => (File: f, Header: reader.ReadHeader(f))).ToArray();
        foreach ((string file, CsvHeader? header) in headers)
        {
            if (header is null)
            {
                continue; // an empty file: no records
            }

            foreach (RawRecord raw in reader.Read(file, header, cancellationToken))
            {
                yield return raw;
            }
        }
    }

    /// <summary>The settings, mapping and mapping key of a type's exports.</summary>
    private (CsvSourceSettings Settings, IReadOnlyDictionary<string, FieldMapping> Columns, string Where) Mapping(RecordSchema type)
    {
        if (type == RecordTypes.Declaration)
        {
            return (_settings, _settings.Columns, "source.csv.columns");
        }

        if (_settings.Records.TryGetValue(type.Name, out CsvSourceSettings? own))
        {
            return (own, own.Columns, $"source.csv.records.{type.Name}.columns");
        }

        if (_canonicalFiles.Value.TryGetValue(type, out string? file))
        {
            return (_settings, CanonicalHeader(type, file), "source.csv.registers");
        }

        throw new InvalidOperationException($"the csv source gives no {type.Name} records (source.csv.records.{type.Name}, or {type.Name}.csv in source.csv.registers)");
    }

    /// <summary>The key a type's folder was given under: its records section's own path, or the source's.</summary>
    private string PathKey(RecordSchema type) =>
        _settings.Records.TryGetValue(type.Name, out CsvSourceSettings? own) && own.Path != _settings.Path ? $"source.csv.records.{type.Name}.path" : "source.path";

    /// <summary>
    /// A register file's header read as the canonical field names: each named field is read from its column, a field
    /// without a column is absent. A column that is not a field of the register, names a derived field, or names a field
    /// twice, and a missing key, office or date column, fail before any row is read, naming the file and the columns.
    /// Columns with a blank name (a trailing delimiter) are ignored.
    /// </summary>
    private Dictionary<string, FieldMapping> CanonicalHeader(RecordSchema type, string file)
    {
        string[] names = new CsvRecordStream(_settings).ReadHeader(file) ?? [];
        var problems = new List<string>();
        var columns = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            RecordField? field = type.FindField(name) ?? type.Fields.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                // The file may be no register at all: a cell is quoted only when it resembles a field, else named by position.
                problems.Add($"{HeaderText.Describe(name, i + 1, type.Fields.Select(f => f.Name))} is not a field of {type.Name}");
            }
            else if (field.Derived)
            {
                problems.Add($"'{name}' is derived (the normaliser computes it), not read");
            }
            else if (!columns.TryAdd(field.Name, new FieldMapping { Column = name }))
            {
                problems.Add($"'{field.Name}' appears twice");
            }
        }

        string[] missing = names.Length == 0 ? [] : type.Fields.Where(f => type.MustMap(f) && !columns.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            problems.Insert(0, $"no column for the required field{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)}");
        }

        if (problems.Count > 0)
        {
            string fields = string.Join(", ", type.Fields.Where(f => !f.Derived).Select(f => f.Name));
            throw new SourceConfigurationException(
                $"source.csv.registers: the header of {file} does not fit the {type.Name} register: {string.Join("; ", problems)} (its fields: {fields})");
        }

        return columns;
    }

    /// <summary>
    /// The register folder's <c>*.csv</c> files by register. A file that names no register is an error (a misspelt
    /// <c>seizures.csv</c> must not look like a register without records), as is a register named by two files.
    /// </summary>
    private static IReadOnlyDictionary<RecordSchema, string> CanonicalFiles(string? folder)
    {
        var files = new Dictionary<RecordSchema, string>();
        if (folder is null)
        {
            return files;
        }

        if (!Directory.Exists(folder))
        {
            throw new SourceConfigurationException($"source.csv.registers: {folder} is not a folder");
        }

        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };
        var unknown = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.csv", options).Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            RecordSchema? register = RecordTypes.Registers.FirstOrDefault(r => string.Equals(r.Name, stem, StringComparison.OrdinalIgnoreCase));
            if (register is null)
            {
                unknown.Add(Path.GetFileName(file));
            }
            else if (!files.TryAdd(register, file))
            {
                throw new SourceConfigurationException(
                    $"source.csv.registers: both {Path.GetFileName(files[register])} and {Path.GetFileName(file)} in {folder} are the {register.Name} register");
            }
        }

        if (unknown.Count > 0)
        {
            throw new SourceConfigurationException(
                $"source.csv.registers: {string.Join(", ", unknown)} in {folder} {(unknown.Count == 1 ? "names" : "name")} no register (a register's file is <register>.csv: {string.Join(", ", RecordTypes.Registers.Select(r => r.Name))})");
        }

        return files;
    }
}
