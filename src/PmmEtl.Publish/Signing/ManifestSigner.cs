using System.Security.Cryptography;

namespace PmmEtl.Publish.Signing;

/// <summary>
/// Signs manifests with the private key of an ECDSA P-256 pair, taken from the environment:
/// <c>PMMETL_SIGNING_KEY</c> holding the PEM text (PKCS#8 <c>BEGIN PRIVATE KEY</c>, or SEC 1 <c>BEGIN EC PRIVATE KEY</c>),
/// or <c>PMMETL_SIGNING_KEY_FILE</c> naming a file that holds it. No message ever shows the key: errors name the
/// variable only, and what is published is the public half (<see cref="PublicKey"/>).
/// </summary>
public sealed class ManifestSigner : IDisposable
{
    public const string KeyVariable = "PMMETL_SIGNING_KEY";
    public const string KeyFileVariable = "PMMETL_SIGNING_KEY_FILE";

    private readonly ECDsa _key;

    private ManifestSigner(ECDsa key)
    {
        _key = key;
        PublicKey = SigningKey.PublicHalfOf(key);
    }

    public SigningKey PublicKey { get; }

    /// <summary>The signer of the environment's key, or null when neither variable is set.</summary>
    /// <exception cref="InvalidOperationException">A variable is set but holds no usable key, or both are set.</exception>
    public static ManifestSigner? FromEnvironment()
    {
        string? pem = Environment.GetEnvironmentVariable(KeyVariable);
        string? file = Environment.GetEnvironmentVariable(KeyFileVariable);
        if (!string.IsNullOrWhiteSpace(pem) && !string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidOperationException($"Both {KeyVariable} and {KeyFileVariable} are set; set one.");
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            try
            {
                return FromPem(File.ReadAllText(file), $"{KeyFileVariable} ('{file}')");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{KeyFileVariable}: cannot read '{file}': {e.Message}", e);
            }
        }

        return string.IsNullOrWhiteSpace(pem) ? null : FromPem(pem, KeyVariable);
    }

    /// <param name="source">Where the key came from, for messages (never the key itself).</param>
    /// <exception cref="InvalidOperationException">The text holds no ECDSA P-256 private key in PEM.</exception>
    public static ManifestSigner FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            ECParameters parameters = key.ExportParameters(includePrivateParameters: true);
            CryptographicOperations.ZeroMemory(parameters.D);
            if (parameters.Curve.Oid.Value != "1.2.840.10045.3.1.7")
            {
                throw new InvalidOperationException($"{source}: the key is not on curve P-256; manifests are signed with ECDSA P-256.");
            }

            return new ManifestSigner(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // The inner exception is left out on purpose: nothing of the text may reach a log.
            key.Dispose();
            throw new InvalidOperationException(
                $"{source} does not hold an ECDSA P-256 private key in PEM ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----').");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The DER-encoded ECDSA signature of <paramref name="data"/> (SHA-256).</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _key.Dispose();
        PublicKey.Dispose();
    }
}
