using PmmEtl.Core.Records;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// The one place where what the messages gave becomes the raw records the normaliser reads: an assembled declaration,
/// or a refused record for what could not be one (a broken file, an unjoinable notification).
/// </summary>
public static class WcoRows
{
    public static RawRecord From(WcoDeclaration declaration)
    {
        RecordSchema type = RecordTypes.Declaration;
        var raw = new RawRecord(type, declaration.File, declaration.Line);
        raw[DeclarationFields.DeclarationId] = declaration.Id;
        foreach ((string name, string? value) in declaration.Fields)
        {
            raw[name] = value;
        }

        if (declaration.Problems.Count > 0)
        {
            raw.SourceError = $"{Path.GetFileName(declaration.File)} line {declaration.Line}: {string.Join("; ", declaration.Problems.Select(p => $"{p.Field}: {p.Reason}"))}";
            raw.SourceErrorField = declaration.Problems[0].Field;
        }

        return raw;
    }

    /// <summary>A record that is only its refusal; <paramref name="reason"/> names the file and line.</summary>
    public static RawRecord Refused(string file, long line, string field, string reason, string? id) =>
        RawRecord.Refused(RecordTypes.Declaration, file, line, field, reason, id);
}
