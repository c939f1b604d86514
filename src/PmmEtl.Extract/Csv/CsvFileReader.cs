using PmmEtl.Core.Pipelines;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using Sylvan.Data.Csv;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// Streams one CSV file into raw declarations, one record at a time, through <see cref="CsvRecordStream"/> (Sylvan's
/// reader, physical line numbers, resync after a malformed record), so a refused row names its file and line.
/// Repeated texts come from per-column string pools and well-formed times as values, so a row allocates little more
/// than its raw record and its id. One reader serves one thread (its pools are not shared).
/// </summary>
public sealed class CsvFileReader
{
    /// <summary>More malformed records than this in one file means it is not the CSV the mapping describes.</summary>
    public const int MaxResyncs = CsvRecordStream.MaxResyncs;

    private readonly CsvSourceSettings _settings;
    private readonly CsvFieldPlan[] _plans;
    private readonly CsvRecordStream _stream;
    private readonly int _idPlan;

    public CsvFileReader(CsvSourceSettings settings)
    {
        _settings = settings;
        _plans = [.. CsvFieldPlan.Compile(settings)];
        _stream = new CsvRecordStream(settings);
        _idPlan = Array.FindIndex(_plans, p => p.Field == DeclarationFields.DeclarationId);
    }

    /// <summary>Binds the file's header to the mapping; null for an empty file (no header, no rows).</summary>
    public CsvHeader? ReadHeader(string file)
    {
        if (!_settings.Header)
        {
            return CsvHeader.Bind(file, null, _plans);
        }

        return _stream.ReadHeader(file) is { } names ? CsvHeader.Bind(file, names, _plans) : null;
    }

    public IEnumerable<RawDeclaration> Read(string file, CsvHeader header, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(file);
        foreach (CsvRecord record in _stream.Read(file, _settings.Header, cancellationToken))
        {
            yield return record.Reader is { } csv
                ? ToRaw(csv, header, file, name, record.Line)
                : Refused(file, record.Line, "row", record.Error!);
        }
    }

    private RawDeclaration ToRaw(CsvDataReader csv, CsvHeader header, string file, string name, long line)
    {
        var raw = new RawDeclaration { SourceName = file, RowNumber = line };
        List<(string Field, string Reason)>? problems = null;
        int count = csv.RowFieldCount;
        bool countOk = header.ExactCount ? count == header.ExpectedFields : count >= header.ExpectedFields;
        if (!countOk)
        {
            (problems ??= []).Add(("row", header.ExactCount
                ? $"{count} fields where the header has {header.ExpectedFields}"
                : $"{count} fields, fewer than the {header.ExpectedFields} the mapping reads"));
        }

        // One scan of the whole record for undecodable bytes: a clean record (nearly all) needs no scan per field.
        bool undecodable = csv.GetRawRecordSpan().Contains(CsvEncodings.Replacement);
        for (int i = 0; i < _plans.Length; i++)
        {
            // A record of the wrong length is misaligned: only its id is taken, so the quarantine can name it.
            if (!countOk && i != _idPlan)
            {
                continue;
            }

            CsvFieldPlan plan = _plans[i];
            int ordinal = header.Ordinals[i];
            if (ordinal >= count)
            {
                continue;
            }

            string? cell = null;
            if (ordinal >= 0)
            {
                ReadOnlySpan<char> span = csv.GetFieldSpan(ordinal);
                if (span.Length > _settings.MaxFieldChars)
                {
                    (problems ??= []).Add((plan.Field, $"{span.Length} characters, more than max_field_chars ({_settings.MaxFieldChars})"));
                    continue;
                }

                if (undecodable && span.Contains(CsvEncodings.Replacement))
                {
                    (problems ??= []).Add((plan.Field, $"bytes that are not valid {_settings.Encoding} (read as U+FFFD)"));
                    continue;
                }

                // A well-formed time is kept as its value, read from the buffer: no string, and no second parse later.
                // Any other text (blank, another shape, an impossible date) takes the text path below, as before.
                if (plan.SetTime is { } setTime
                    && IsoLocalText.ParseDateTime(span.Trim(), out LocalDateTime local, out char separator) == IsoLocalShape.Valid)
                {
                    setTime(raw, LocalTimeText.FromValue(local, separator));
                    continue;
                }

                cell = plan.Pool is { } pool ? pool.Get(span) : span.ToString();
            }

            string? value = plan.Convert(cell, out string? error);
            if (error is not null)
            {
                (problems ??= []).Add((plan.Field, error));
                continue;
            }

            plan.Set(raw, value);
        }

        if (problems is not null)
        {
            raw.SourceError = $"{name} line {line}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}";
            raw.SourceErrorField = problems[0].Field;
        }

        return raw;
    }

    private static RawDeclaration Refused(string file, long line, string field, string reason) =>
        new() { SourceName = file, RowNumber = line, SourceError = reason, SourceErrorField = field };
}
