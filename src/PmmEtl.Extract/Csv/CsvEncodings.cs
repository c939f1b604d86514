using System.Text;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// The text encodings a CSV export may come in. Bytes that are not valid in the encoding decode to U+FFFD (never
/// to a plausible-looking '?'), so the row that holds them can be recognised and quarantined.
/// </summary>
public static class CsvEncodings
{
    public const char Replacement = '\uFFFD';

    static CsvEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool TryGet(string name, out Encoding encoding)
    {
        var fallback = new DecoderReplacementFallback(Replacement.ToString());
        try
        {
            encoding = name.Trim().ToLowerInvariant() switch
            {
                "utf-8" or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
                _ => Encoding.GetEncoding(name.Trim(), EncoderFallback.ReplacementFallback, fallback),
            };
            return true;
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
            return false;
        }
    }

    public static Encoding Get(string name) =>
        TryGet(name, out Encoding encoding) ? encoding : throw new Files.SourceConfigurationException($"source.csv.encoding: unknown encoding '{name}'");
}
