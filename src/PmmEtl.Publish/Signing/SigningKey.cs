using System.Security.Cryptography;

namespace PmmEtl.Publish.Signing;

/// <summary>
/// The public half of an archive's signing key: ECDSA on P-256 with SHA-256, kept as
/// <c>&lt;audience&gt;/&lt;pipeline&gt;/signing-key.pem</c> (SubjectPublicKeyInfo PEM) beside the years it signs, so
/// every audience's tree carries what it takes to check it. Named by <see cref="Sha256"/>, the SHA-256 of its DER
/// bytes, which is what <c>openssl pkey -pubin -in signing-key.pem -outform DER | sha256sum</c> prints.
/// </summary>
public sealed class SigningKey : IDisposable
{
    public const string FileName = "signing-key.pem";

    /// <summary>The signature of a version's manifest.json bytes: DER-encoded, as <c>openssl dgst -sha256 -verify</c> reads it.</summary>
    public const string SignatureFileName = "manifest.sig";

    private const string P256 = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        byte[] der = key.ExportSubjectPublicKeyInfo();
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(der));
        Pem = PemEncoding.WriteString("PUBLIC KEY", der) + "\n";
    }

    /// <summary>Lower-case hex SHA-256 of the SubjectPublicKeyInfo DER bytes.</summary>
    public string Sha256 { get; }

    public string Pem { get; }

    /// <summary>The public half of <paramref name="key"/>, which must be ECDSA P-256.</summary>
    internal static SigningKey PublicHalfOf(ECDsa key)
    {
        var copy = ECDsa.Create();
        copy.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return new SigningKey(copy);
    }

    /// <exception cref="InvalidDataException">The file holds no ECDSA P-256 public key in PEM.</exception>
    public static SigningKey FromPem(string pem, string source)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            // Never read, never echoed: a private key has no place in an archive that is handed out.
            throw new InvalidDataException($"{source} holds a private key; the archive keeps only the public key. Remove it from the archive now.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid.Value != P256)
            {
                throw new InvalidDataException($"{source}: the key is not on curve P-256 (ECDSA with SHA-256 is what manifests are signed with).");
            }

            return new SigningKey(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{source}: not an ECDSA P-256 public key in PEM ('-----BEGIN PUBLIC KEY-----').", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The archive's key of a pipeline folder, or null when its versions are not signed.</summary>
    /// <exception cref="InvalidDataException">The key file is there but holds no usable key.</exception>
    public static SigningKey? Read(string pipelineFolder)
    {
        string path = Path.Combine(pipelineFolder, FileName);
        return File.Exists(path) ? FromPem(File.ReadAllText(path), path) : null;
    }

    /// <summary>Whether <paramref name="signature"/> (DER) is this key's signature of <paramref name="data"/>.</summary>
    public bool Verifies(byte[] data, byte[] signature)
    {
        try
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // not even a well-formed signature
        }
    }

    public void Dispose() => _key.Dispose();
}
