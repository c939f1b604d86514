using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using Sylvan.Data.Csv;

namespace PmmEtl.Extract.Registers;

/// <summary>
/// Streams register records from a folder of CSV exports (<c>source.csv.registers</c>): one file per register named
/// <c>&lt;register&gt;.csv</c>, its header the canonical field names, its values the canonical text (ISO dates,
/// ISO local times of the office or with their offset, canonical codes). The files share the source's delimiter,
/// quote, encoding and limits, and are read with the same <see cref="CsvRecordStream"/> as the declaration exports:
/// physical line numbers, a malformed or short line refused as one row naming file, line and field, the rows around
/// it kept. Rows are not filtered by the window: a file holds what it holds.
/// </summary>
public sealed class CsvRecordSource : IRecordSource
{
    private readonly CsvSourceSettings _settings;
    private readonly CsvRecordStream _stream;
    private readonly Lazy<IReadOnlyDictionary<RegisterSchema, string>> _files;

    public CsvRecordSource(SourceDefinition source)
    {
        _settings = source.Csv ?? throw new InvalidOperationException("source.csv: a csv source needs its settings");
        _stream = new CsvRecordStream(_settings);
        _files = new Lazy<IReadOnlyDictionary<RegisterSchema, string>>(() => ListFiles(_settings.RegistersPath));
    }

    /// <summary>The registers with a file in the folder, in load order; none without <c>source.csv.registers</c>.</summary>
    public IReadOnlyList<RegisterSchema> Available => Core.Registers.Registers.Loaded.Where(_files.Value.ContainsKey).ToArray();

    public IEnumerable<RawRecord> ReadRecords(RegisterSchema register, ExtractWindow window, CancellationToken cancellationToken)
    {
        if (!_files.Value.TryGetValue(register, out string? file))
        {
            throw new InvalidOperationException($"source.csv.registers: no {register.Name}.csv in {_settings.RegistersPath ?? "(no register folder)"}");
        }

        return Read(register, file, cancellationToken);
    }

    private IEnumerable<RawRecord> Read(RegisterSchema register, string file, CancellationToken cancellationToken)
    {
        // The header is bound before the first row is handed on, so a file that does not fit moves no data.
        string[]? names = _stream.ReadHeader(file);
        if (names is null)
        {
            yield break; // an empty file: the register has no records
        }

        CsvRegisterHeader header = CsvRegisterHeader.Bind(file, register, names);
        string name = Path.GetFileName(file);
        foreach (CsvRecord record in _stream.Read(file, skipHeader: true, cancellationToken))
        {
            yield return record.Reader is { } csv
                ? ToRaw(register, csv, header, file, name, record.Line)
                : new RawRecord
                {
                    Register = register, SourceName = file, RowNumber = record.Line, Fields = FieldRow.Empty,
                    SourceError = record.Error, SourceErrorField = "row",
                };
        }
    }

    private RawRecord ToRaw(RegisterSchema register, CsvDataReader csv, CsvRegisterHeader header, string file, string name, long line)
    {
        List<(string Field, string Reason)>? problems = null;
        int count = csv.RowFieldCount;
        bool aligned = count == header.ColumnCount;
        if (!aligned)
        {
            // A short line names the first field it lacks; a long one cannot say which value is extra.
            string[] lacking = Enumerable.Range(0, header.Layout.Count).Where(i => header.Ordinals[i] >= count)
                .OrderBy(i => header.Ordinals[i]).Select(i => header.Layout.Names[i]).ToArray();
            (problems ??= []).Add(lacking.Length > 0
                ? (lacking[0], $"{count} fields where the header has {header.ColumnCount} (no value for {string.Join(", ", lacking)})")
                : ("row", $"{count} fields where the header has {header.ColumnCount}"));
        }

        var values = new string?[header.Layout.Count];
        for (int i = 0; i < values.Length; i++)
        {
            int ordinal = header.Ordinals[i];
            // A record of the wrong length is misaligned: only its key is taken, so the quarantine can name it.
            if (ordinal >= count || (!aligned && Array.IndexOf(header.Keys, i) < 0))
            {
                continue;
            }

            ReadOnlySpan<char> span = csv.GetFieldSpan(ordinal);
            string field = header.Layout.Names[i];
            if (span.Length > _settings.MaxFieldChars)
            {
                (problems ??= []).Add((field, $"{span.Length} characters, more than max_field_chars ({_settings.MaxFieldChars})"));
                continue;
            }

            if (span.Contains(CsvEncodings.Replacement))
            {
                (problems ??= []).Add((field, $"bytes that are not valid {_settings.Encoding} (read as U+FFFD)"));
                continue;
            }

            values[i] = span.IsWhiteSpace() ? null : span.ToString();
        }

        return new RawRecord
        {
            Register = register,
            SourceName = file,
            RowNumber = line,
            Fields = new FieldRow(header.Layout, values),
            SourceError = problems is null ? null : $"{name} line {line}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}",
            SourceErrorField = problems?[0].Field,
        };
    }

    /// <summary>
    /// The folder's <c>*.csv</c> files by register. A file that names no register is an error (a misspelt
    /// <c>seizures.csv</c> must not look like a register without records), as is a register named by two files.
    /// </summary>
    private static IReadOnlyDictionary<RegisterSchema, string> ListFiles(string? folder)
    {
        var files = new Dictionary<RegisterSchema, string>();
        if (folder is null)
        {
            return files;
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"source.csv.registers: {folder} is not a folder");
        }

        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };
        var unknown = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.csv", options).Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            RegisterSchema? register = Core.Registers.Registers.Loaded.FirstOrDefault(r => string.Equals(r.Name, stem, StringComparison.OrdinalIgnoreCase));
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
                $"source.csv.registers: {string.Join(", ", unknown)} in {folder} {(unknown.Count == 1 ? "names" : "name")} no register (a register's file is <register>.csv: {string.Join(", ", Core.Registers.Registers.Loaded.Select(r => r.Name))})");
        }

        return files;
    }
}
