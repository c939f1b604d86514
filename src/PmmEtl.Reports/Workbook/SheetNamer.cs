namespace PmmEtl.Reports.Workbook;

/// <summary>
/// Excel sheet names: at most 31 characters, none of <c>: \ / ? * [ ]</c>, unique ignoring case. A strategic
/// area's long name is cut at a word and ends with an ellipsis; its full name is on the sheet's first column.
/// </summary>
internal sealed class SheetNamer
{
    private const int MaxLength = 31;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Unique(string wanted)
    {
        string clean = new([.. wanted.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c)]);
        clean = clean.Trim().Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }

        string name = Shorten(clean, MaxLength);
        for (int i = 2; !_used.Add(name); i++)
        {
            string suffix = $" ({i})";
            name = Shorten(clean, MaxLength - suffix.Length) + suffix;
        }

        return name;
    }

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        int cut = text.LastIndexOf(' ', max - 1);
        string head = (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd(' ', ',', '.', ';', '-', '–', '—');
        return head + "…";
    }
}
