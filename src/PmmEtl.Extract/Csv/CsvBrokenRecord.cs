namespace PmmEtl.Extract.Csv;

/// <summary>
/// Where a record the CSV parser refused ends, read by the same quoting rules the parser applies: a quote at the start
/// of a field opens a quoted field, two quotes inside it are one quote, the next single quote closes it (text after
/// the closing quote, the parser's complaint, stays in the field), and a line break outside quotes ends the record.
/// So a record broken by a stray quote after its closing one spans exactly the lines its quoted field spans, and a
/// record whose quote never closes takes the rest of the file. The text is read character by character, never held:
/// a runaway record costs no memory.
/// </summary>
public readonly record struct CsvBrokenRecord(long Lines, bool Closed)
{
    /// <summary>Reads one record from <paramref name="text"/>, which stands at its first character, and leaves it at the next line's start.</summary>
    public static CsvBrokenRecord Scan(TextReader text, char delimiter, char quote)
    {
        long breaks = 0;
        bool onLine = false; // characters read since the last line break
        var state = State.FieldStart;
        int c;
        while ((c = text.Read()) >= 0)
        {
            if (c is '\r' or '\n')
            {
                if (c == '\r' && text.Peek() == '\n')
                {
                    text.Read();
                }

                breaks++;
                onLine = false;
                if (state != State.Quoted)
                {
                    return new CsvBrokenRecord(breaks, Closed: true);
                }

                continue;
            }

            onLine = true;
            state = state switch
            {
                State.FieldStart when c == quote => State.Quoted,
                State.FieldStart or State.Unquoted or State.AfterQuote when c == delimiter => State.FieldStart,
                State.Quoted when c == quote => State.AfterQuote,
                State.Quoted => State.Quoted,
                State.AfterQuote when c == quote => State.Quoted, // "" inside a quoted field
                _ => State.Unquoted,
            };
        }

        long lines = breaks + (onLine ? 1 : 0);
        return new CsvBrokenRecord(lines, Closed: state != State.Quoted);
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        AfterQuote,
    }
}
