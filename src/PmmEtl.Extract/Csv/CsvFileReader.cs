using System.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Files;
using Sylvan.Data.Csv;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// Streams one CSV file into raw declarations with Sylvan's reader, one record at a time. Every record knows the
/// physical line it starts on (line breaks inside quoted fields count), so a refused row names its file and line.
/// A record the parser cannot read (an unclosed quote, a record longer than <c>max_record_chars</c>) stops Sylvan's
/// reader for good; the file is then reopened on the line after that record's first line, so the good rows after
/// it still load.
/// </summary>
public sealed class CsvFileReader
{
    /// <summary>More malformed records than this in one file means it is not the CSV the mapping describes.</summary>
    public const int MaxResyncs = 100;

    private readonly CsvSourceSettings _settings;
    private readonly IReadOnlyList<CsvFieldPlan> _plans;
    private readonly Encoding _encoding;
    private readonly int _idPlan;

    public CsvFileReader(CsvSourceSettings settings)
    {
        _settings = settings;
        _plans = CsvFieldPlan.Compile(settings);
        _encoding = CsvEncodings.Get(settings.Encoding);
        _idPlan = _plans.ToList().FindIndex(p => p.Field == DeclarationFields.DeclarationId);
    }

    /// <summary>Binds the file's header to the mapping; null for an empty file (no header, no rows).</summary>
    public CsvHeader? ReadHeader(string file)
    {
        if (!_settings.Header)
        {
            return CsvHeader.Bind(file, null, _plans);
        }

        using TextReader text = OpenText(file);
        CsvDataReader? csv = TryCreate(text, out string? error);
        using (csv)
        {
            if (csv is null || TryRead(csv, out error) is var read && read == Outcome.Malformed)
            {
                throw new SourceConfigurationException($"the header line of {file} cannot be read: {error}");
            }

            if (read == Outcome.End)
            {
                return null;
            }

            var names = new string[csv.RowFieldCount];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = csv.GetString(i);
            }

            return CsvHeader.Bind(file, names, _plans);
        }
    }

    public IEnumerable<RawDeclaration> Read(string file, CsvHeader header, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(file);
        long resumeAt = 1;
        int resyncs = 0;
        bool headerPassed = !_settings.Header;
        while (true)
        {
            bool resume = false;
            long line = resumeAt;
            using (TextReader text = OpenText(file))
            {
                LineBreaks.Skip(text, resumeAt - 1);
                CsvDataReader? csv = TryCreate(text, out string? error);
                using (csv)
                {
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Outcome outcome = csv is null ? Outcome.Malformed : TryRead(csv, out error);
                        if (outcome == Outcome.End)
                        {
                            break;
                        }

                        if (outcome == Outcome.Malformed)
                        {
                            if (++resyncs > MaxResyncs)
                            {
                                yield return Refused(file, line, "row",
                                    $"{name} line {line}: {error}; more than {MaxResyncs} malformed records in this file, so the rest of it from this line was not read");
                                yield break;
                            }

                            yield return Refused(file, line, "row", $"{name} line {line}: {error}; reading resumed on the next line");
                            resumeAt = line + 1;
                            resume = true;
                            break;
                        }

                        long recordLine = line;
                        ReadOnlySpan<char> raw = csv!.GetRawRecordSpan();
                        line += LineBreaks.Count(raw);
                        if (!headerPassed)
                        {
                            headerPassed = true;
                            continue;
                        }

                        if (raw.Trim().IsEmpty)
                        {
                            continue; // a blank line holds no row
                        }

                        yield return ToRaw(csv, header, file, name, recordLine);
                    }
                }
            }

            if (!resume)
            {
                yield break;
            }
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

        for (int i = 0; i < _plans.Count; i++)
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

                if (span.Contains(CsvEncodings.Replacement))
                {
                    (problems ??= []).Add((plan.Field, $"bytes that are not valid {_settings.Encoding} (read as U+FFFD)"));
                    continue;
                }

                cell = span.ToString();
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

    private TextReader OpenText(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return new StreamReader(stream, _encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private CsvDataReader? TryCreate(TextReader text, out string? error)
    {
        error = null;
        var options = new CsvDataReaderOptions
        {
            // The header is read as a record like the others, so line numbers count it the same way.
            HasHeaders = false,
            Delimiter = _settings.Delimiter,
            Quote = _settings.Quote,
            Escape = _settings.Quote,
            CsvStyle = CsvStyle.Standard,
            BufferSize = Math.Min(1 << 16, _settings.MaxRecordChars),
            MaxBufferSize = _settings.MaxRecordChars,
        };
        try
        {
            // Sylvan reads the first record while it is created; a malformed one throws here.
            return CsvDataReader.Create(text, options);
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException)
        {
            error = Describe(e);
            return null;
        }
    }

    private Outcome TryRead(CsvDataReader csv, out string? error)
    {
        error = null;
        try
        {
            return csv.Read() ? Outcome.Record : Outcome.End;
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException)
        {
            error = Describe(e);
            return Outcome.Malformed;
        }
    }

    private string Describe(Exception e) => e switch
    {
        CsvRecordTooLargeException => $"a record longer than max_record_chars ({_settings.MaxRecordChars} characters): a runaway field or an unclosed quote",
        _ => $"malformed CSV ({e.Message})",
    };

    private enum Outcome
    {
        Record,
        End,
        Malformed,
    }
}
