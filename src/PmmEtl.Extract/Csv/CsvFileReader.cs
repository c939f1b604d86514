using PmmEtl.Core.Records;
using PmmEtl.Extract.Mapping;
using Sylvan.Data.Csv;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// Streams one CSV file into raw records of one record type, one record at a time, through <see cref="CsvRecordStream"/>
/// (Sylvan's reader, physical line numbers, resync after a malformed record), so a refused row names its file and
/// line. Repeated texts come from per-column string pools and well-formed times as values, so a row allocates little
/// more than its raw record and its key. One reader serves one thread (its pools are not shared).
/// </summary>
public sealed class CsvFileReader
{
    /// <summary>More malformed records than this in one file means it is not the CSV the mapping describes.</summary>
    public const int MaxResyncs = CsvRecordStream.MaxResyncs;

    private readonly CsvSourceSettings _settings;
    private readonly RecordSchema _type;
    private readonly MappedField[] _plans;
    private readonly string _where;
    private readonly CsvRecordStream _stream;
    private readonly int[] _keyPlans;

    /// <param name="where">The mapping's key in the pipeline, named in header problems (<c>source.csv.columns</c>).</param>
    public CsvFileReader(RecordSchema type, CsvSourceSettings settings, IReadOnlyList<MappedField> plans, string where)
    {
        _type = type;
        _settings = settings;
        _plans = [.. plans];
        _where = where;
        _stream = new CsvRecordStream(settings);
        _keyPlans = Enumerable.Range(0, _plans.Length).Where(i => type.Key.Contains(_plans[i].Name)).ToArray();
    }

    /// <summary>The cells of the file's header line; null for an empty file.</summary>
    public string[]? ReadHeaderNames(string file) => _settings.Header ? _stream.ReadHeader(file) : null;

    /// <summary>Binds the file's header to the mapping; null for an empty file (no header, no rows).</summary>
    public CsvHeader? ReadHeader(string file)
    {
        if (!_settings.Header)
        {
            return CsvHeader.Bind(file, null, _plans, _where);
        }

        return _stream.ReadHeader(file) is { } names ? CsvHeader.Bind(file, names, _plans, _where) : null;
    }

    public IEnumerable<RawRecord> Read(string file, CsvHeader header, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(file);
        foreach (CsvRecord record in _stream.Read(file, _settings.Header, cancellationToken))
        {
            yield return record.Reader is { } csv
                ? ToRaw(csv, header, file, name, record.Line)
                : new RawRecord(_type, file, record.Line) { SourceError = record.Error!, SourceErrorField = "row" };
        }
    }

    private RawRecord ToRaw(CsvDataReader csv, CsvHeader header, string file, string name, long line)
    {
        var raw = new RawRecord(_type, file, line);
        List<(string Field, string Reason)>? problems = null;
        int count = csv.RowFieldCount;
        bool countOk = header.ExactCount ? count == header.ExpectedFields : count >= header.ExpectedFields;
        if (!countOk)
        {
            // A short line names the first field it lacks; a long one cannot say which value is extra.
            string[] lacking = Enumerable.Range(0, _plans.Length).Where(i => header.Ordinals[i] >= count)
                .OrderBy(i => header.Ordinals[i]).Select(i => _plans[i].Name).ToArray();
            (problems ??= []).Add(!header.ExactCount
                ? ("row", $"{count} fields, fewer than the {header.ExpectedFields} the mapping reads")
                : lacking.Length > 0
                    ? (lacking[0], $"{count} fields where the header has {header.ExpectedFields} (no value for {string.Join(", ", lacking)})")
                    : ("row", $"{count} fields where the header has {header.ExpectedFields}"));
        }

        // One scan of the whole record for undecodable bytes: a clean record (nearly all) needs no scan per field.
        bool undecodable = csv.GetRawRecordSpan().Contains(CsvEncodings.Replacement);
        for (int i = 0; i < _plans.Length; i++)
        {
            // A record of the wrong length is misaligned: only its key is taken, so the quarantine can name it.
            if (!countOk && Array.IndexOf(_keyPlans, i) < 0)
            {
                continue;
            }

            MappedField plan = _plans[i];
            int ordinal = header.Ordinals[i];
            if (ordinal >= count)
            {
                continue;
            }

            RawValue value;
            string? error;
            if (ordinal < 0)
            {
                value = plan.Convert((string?)null, out error);
            }
            else
            {
                ReadOnlySpan<char> span = csv.GetFieldSpan(ordinal);
                if (span.Length > _settings.MaxFieldChars)
                {
                    (problems ??= []).Add((plan.Name, $"{span.Length} characters, more than max_field_chars ({_settings.MaxFieldChars})"));
                    continue;
                }

                if (undecodable && span.Contains(CsvEncodings.Replacement))
                {
                    (problems ??= []).Add((plan.Name, $"bytes that are not valid {_settings.Encoding} (read as U+FFFD)"));
                    continue;
                }

                value = plan.Convert(span, out error);
            }

            if (error is not null)
            {
                (problems ??= []).Add((plan.Name, error));
                continue;
            }

            raw[plan.Index] = value;
        }

        if (problems is not null)
        {
            raw.SourceError = $"{name} line {line}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}";
            raw.SourceErrorField = problems[0].Field;
        }

        return raw;
    }
}
