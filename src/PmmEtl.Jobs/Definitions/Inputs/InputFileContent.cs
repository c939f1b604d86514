using System.Security.Cryptography;
using System.Text;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// The bytes of an input file, read once: the SHA-256 stamped on the run is the hash of exactly the bytes that
/// were parsed, even if someone edits the file while the pipeline loads.
/// </summary>
public sealed class InputFileContent
{
    private readonly byte[] _bytes;

    private InputFileContent(byte[] bytes)
    {
        _bytes = bytes;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Lower-case hexadecimal SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; }

    public static InputFileContent Read(string path) => new(File.ReadAllBytes(path));

    /// <summary>The text, as UTF-8 unless a byte-order mark says otherwise.</summary>
    public TextReader OpenText() => new StreamReader(new MemoryStream(_bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
}
