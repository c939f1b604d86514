namespace PmmEtl.Extract.Files;

/// <summary>Counts physical lines the way editors number them: CR LF, a lone LF and a lone CR each end one line.</summary>
public static class LineBreaks
{
    public static int Count(ReadOnlySpan<char> text)
    {
        // IndexOfAny is vectorised: a CSV record is a few hundred characters with one break at its end, counted per row.
        int count = 0;
        int at;
        while ((at = text.IndexOfAny('\r', '\n')) >= 0)
        {
            count++;
            int next = at + 1;
            if (text[at] == '\r' && next < text.Length && text[next] == '\n')
            {
                next++;
            }

            text = text[next..];
        }

        return count;
    }

    /// <summary>Reads past <paramref name="lines"/> line ends without keeping the text, so a runaway line costs no memory.</summary>
    public static void Skip(TextReader reader, long lines)
    {
        // Character by character: the reader buffers underneath, and a resync after a malformed record is rare.
        while (lines > 0)
        {
            int c = reader.Read();
            if (c < 0)
            {
                return;
            }

            if (c == '\n')
            {
                lines--;
            }
            else if (c == '\r')
            {
                lines--;
                if (reader.Peek() == '\n')
                {
                    reader.Read();
                }
            }
        }
    }
}
