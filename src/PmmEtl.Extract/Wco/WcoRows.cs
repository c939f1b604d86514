using PmmEtl.Core.Records;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// The one place where what the messages gave becomes the rows the normaliser reads: an assembled declaration, or a
/// refused row for what could not be one (a broken file, an unjoinable notification).
/// </summary>
public static class WcoRows
{
    public static RawDeclaration From(WcoDeclaration declaration)
    {
        var raw = new RawDeclaration { SourceName = declaration.File, RowNumber = declaration.Line, DeclarationId = declaration.Id };
        foreach ((string name, _, Action<RawDeclaration, string?> set) in DeclarationFields.All)
        {
            if (declaration.Fields.TryGetValue(name, out string? value))
            {
                set(raw, value);
            }
        }

        if (declaration.Problems.Count > 0)
        {
            raw.SourceError = $"{Path.GetFileName(declaration.File)} line {declaration.Line}: {string.Join("; ", declaration.Problems.Select(p => $"{p.Field}: {p.Reason}"))}";
            raw.SourceErrorField = declaration.Problems[0].Field;
        }

        return raw;
    }

    /// <summary>A row that is only its refusal; <paramref name="reason"/> names the file and line.</summary>
    public static RawDeclaration Refused(string file, long line, string field, string reason, string? id) =>
        new() { SourceName = file, RowNumber = line, DeclarationId = id, SourceError = reason, SourceErrorField = field };
}
