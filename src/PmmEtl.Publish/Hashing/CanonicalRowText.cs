using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PmmEtl.Publish.Hashing;

/// <summary>
/// Builds the canonical text of one row, field by field, and digests it. Every field is length-prefixed
/// (<c>5:hello;</c>) and a null is <c>~;</c>, so no value can imitate a field boundary or a null, whatever
/// characters it contains.
/// </summary>
internal sealed class CanonicalRowText
{
    private readonly StringBuilder _text = new();

    public void AppendNull() => _text.Append("~;");

    public void Append(string value) =>
        _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');

    // "R" is the shortest text that round-trips the exact double, so two values hash equal only if their bits do
    // (apart from NaN payloads, which a KPI value never carries).
    public void Append(double value) => Append(value.ToString("R", CultureInfo.InvariantCulture));

    public void Append(bool value) => Append(value ? "1" : "0");

    public void Append(long value) => Append(value.ToString(CultureInfo.InvariantCulture));

    public void Append(DateOnly value) => Append(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Append(DateTime value) => Append(value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>SHA-256 of the row's text, after which the builder is empty for the next row.</summary>
    public RowDigest DigestAndClear()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        byte[] utf8 = Encoding.UTF8.GetBytes(_text.ToString());
        SHA256.HashData(utf8, hash);
        _text.Clear();
        return RowDigest.From(hash);
    }
}
