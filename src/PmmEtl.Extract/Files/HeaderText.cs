using System.Text;

namespace PmmEtl.Extract.Files;

/// <summary>
/// What an error message may repeat of a file's header. A header that does not fit the mapping may not be an export at
/// all (a source path pointed at <c>/etc/passwd</c>, a key file), and the message goes to the logs, the run's row and
/// <c>status</c>, read by people who should not read that file. So a header cell is quoted only when it resembles a
/// name the pipeline itself uses (a near-miss such as <c>DECL_NR</c> for <c>DECL_NO</c>, which is what helps fix a
/// mapping and reveals next to nothing new), sanitised and cut short; any other cell is named by its position.
/// </summary>
public static class HeaderText
{
    private const int MaxQuoted = 40;

    /// <summary>The header cells that resemble <paramref name="name"/>, quoted and sanitised.</summary>
    public static IReadOnlyList<string> Resembling(IReadOnlyList<string> cells, string name) =>
        cells.Where(c => Resembles(c, name)).Select(Quote).Distinct(StringComparer.Ordinal).Take(3).ToArray();

    /// <summary>The cell quoted when it resembles one of <paramref name="known"/>, else its 1-based position.</summary>
    public static string Describe(string cell, int position, IEnumerable<string> known) =>
        known.Any(k => Resembles(cell, k)) ? Quote(cell) : $"column {position}";

    public static bool Resembles(string cell, string name)
    {
        string a = Letters(cell);
        string b = Letters(name);
        if (a.Length == 0 || b.Length == 0 || a.Length > 64)
        {
            return false;
        }

        return a == b || Distance(a, b) <= Math.Max(1, Math.Min(a.Length, b.Length) / 3);
    }

    /// <summary>Control and format characters become '?', and the text is cut at 40 characters.</summary>
    public static string Quote(string cell)
    {
        var text = new StringBuilder(Math.Min(cell.Length, MaxQuoted));
        foreach (char c in cell.Trim().Take(MaxQuoted))
        {
            text.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c);
        }

        return $"'{text}{(cell.Trim().Length > MaxQuoted ? "…" : "")}'";
    }

    /// <summary>Letters and digits only, lower-cased: DECL_NO, Decl No and decl-no are one name.</summary>
    private static string Letters(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
