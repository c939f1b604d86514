namespace PmmEtl.Extract.Files;

/// <summary>Counts physical lines the way editors number them: CR LF, a lone LF and a lone CR each end one line.</summary>
public static class LineBreaks
{
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n')
            {
                count++;
            }
            else if (c == '\r')
            {
                count++;
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
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
