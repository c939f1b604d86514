using System.Text;
using PmmEtl.Extract.Files;
using Sylvan.Data.Csv;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// One physical CSV record read by the stream: the reader positioned on it (valid until the stream moves on), or the
/// reason it could not be read. <see cref="Line"/> is the physical line the record starts on.
/// </summary>
public readonly record struct CsvRecord(long Line, CsvDataReader? Reader, string? Error);

/// <summary>
/// Streams the records of one CSV file with Sylvan's reader, one at a time, with the physical line each starts on
/// (line breaks inside quoted fields count). A record the parser cannot read (a stray quote, a record longer than
/// <c>max_record_chars</c>) stops Sylvan's reader for good; the file is then reopened after that record, found by
/// its quotes (<see cref="CsvBrokenRecord"/>), so the good rows after it still come and the lines inside its quoted
/// field do not. Shared by the declaration and register CSV readers, which differ only in how a record's cells
/// become a raw row.
/// </summary>
public sealed class CsvRecordStream
{
    /// <summary>More malformed records than this in one file means it is not the CSV it is meant to be.</summary>
    public const int MaxResyncs = 100;

    private readonly CsvSourceSettings _settings;
    private readonly Encoding _encoding;

    public CsvRecordStream(CsvSourceSettings settings)
    {
        _settings = settings;
        _encoding = CsvEncodings.Get(settings.Encoding);
    }

    /// <summary>The cells of the file's first record (its header); null for an empty file.</summary>
    public string[]? ReadHeader(string file)
    {
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

            return names;
        }
    }

    /// <summary>
    /// Every record after the header (when <paramref name="skipHeader"/>), blank lines skipped. A malformed record
    /// comes as an error naming the file and line, together with every line its quotes span (see
    /// <see cref="CsvBrokenRecord"/>): a line inside a quoted field is never a row. After <see cref="MaxResyncs"/>
    /// malformed records, or at a quoted field that never closes, the rest of the file is one error.
    /// </summary>
    public IEnumerable<CsvRecord> Read(string file, bool skipHeader, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(file);
        int resyncs = 0;
        bool headerPassed = !skipHeader;
        long line = 1; // the physical line the next record starts on
        TextReader text = OpenText(file);
        try
        {
            while (true)
            {
                string? error;
                bool malformed = false;
                CsvDataReader? csv = TryCreate(text, out error);
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
                            malformed = true;
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

                        yield return new CsvRecord(recordLine, csv, null);
                    }
                }

                if (!malformed)
                {
                    yield break;
                }

                if (++resyncs > MaxResyncs)
                {
                    yield return new CsvRecord(line, null,
                        $"{name} line {line}: {error}; more than {MaxResyncs} malformed records in this file, so the rest of it from this line was not read");
                    yield break;
                }

                // Sylvan has read ahead and stopped for good: reopen the file at the broken record and find where it
                // ends by the quotes, so the lines inside its quoted field are refused with it, not read as rows.
                text.Dispose();
                text = OpenText(file);
                LineBreaks.Skip(text, line - 1);
                CsvBrokenRecord broken = CsvBrokenRecord.Scan(text, _settings.Delimiter, _settings.Quote);
                long last = line + Math.Max(broken.Lines, 1) - 1;
                if (!broken.Closed)
                {
                    yield return new CsvRecord(line, null,
                        $"{name} line {line}: {error}; a quoted field opened in this record never closes, so the rest of the file (lines {line}–{last}) is inside it and was refused");
                    yield break;
                }

                yield return new CsvRecord(line, null, last == line
                    ? $"{name} line {line}: {error}; reading resumed on the next line"
                    : $"{name} line {line}: {error}; a quoted field spans lines {line}–{last}, so they were refused as one record; reading resumed on line {last + 1}");
                line = last + 1; // the reader now stands at the start of that line
            }
        }
        finally
        {
            text.Dispose();
        }
    }

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
