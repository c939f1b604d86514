using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Signing;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// Manifests signed with an ECDSA P-256 key: each version's manifest.sig verifies against the archive's
/// signing-key.pem (checked here by OpenSSL too, not only by this program); verify refuses a changed manifest and a
/// version signed by another key; a signed archive takes only its own key.
/// </summary>
public sealed class SigningTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _temp.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static string Fingerprint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static ParquetSnapshotPublisher PublisherWith(ECDsa key) =>
        new(signer: ManifestSigner.FromPem(key.ExportPkcs8PrivateKeyPem(), "the test's key"));

    private string YearFolder(string audience = "national") => _temp.YearFolder(SampleRows.Pipeline, SampleRows.Year, audience);

    private string V(int version, string audience = "national") => Path.Combine(YearFolder(audience), $"v{version}");

    private static string Manifest(string version) => Path.Combine(version, ParquetSnapshotPublisher.ManifestFileName);

    private static string Signature(string version) => Path.Combine(version, SigningKey.SignatureFileName);

    private string KeyFile(string audience = "national") => Path.Combine(_temp.PipelineFolder(SampleRows.Pipeline, audience), SigningKey.FileName);

    private void PublishTwoSigned()
    {
        ParquetSnapshotPublisher publisher = PublisherWith(_key);
        publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-1"), SampleRows.Reader());
        publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"),
            new FakeKpiValueReader([.. SampleRows.Values.Select(v => v with { N = v.N + 1 })], SampleRows.Exclusions, SampleRows.Distribution));
    }

    [Fact]
    public void Every_version_is_signed_and_verifies_against_the_archives_public_key()
    {
        PublishTwoSigned();

        VerificationResult result = ArchiveVerifier.Verify(_temp.Output);

        Assert.Empty(result.Problems);
        foreach (string audience in Archive.Audiences)
        {
            Assert.Equal(_key.ExportSubjectPublicKeyInfoPem().Trim(), File.ReadAllText(KeyFile(audience)).Trim());
            foreach (int version in new[] { 1, 2 })
            {
                Assert.Equal(Fingerprint(_key), (string?)JsonNode.Parse(File.ReadAllText(Manifest(V(version, audience))))!["signing_key_sha256"]);
                Assert.True(_key.VerifyData(File.ReadAllBytes(Manifest(V(version, audience))), File.ReadAllBytes(Signature(V(version, audience))),
                    HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            }

            Assert.Contains(result.Notes, n => n.Path == KeyFile(audience)
                && n.Message == $"versions are signed with the key of SHA-256 {Fingerprint(_key)}: compare it with the fingerprint you were given");
        }
    }

    [Fact]
    public void OpenSSL_verifies_a_signature_with_the_archives_key_file()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/openssl"), "openssl is not installed");
        PublishTwoSigned();

        (int code, string output) = Run("/usr/bin/openssl", "dgst", "-sha256", "-verify", KeyFile(), "-signature", Signature(V(2)), Manifest(V(2)));

        Assert.Equal((0, "Verified OK"), (code, output.Trim()));
        (int fingerprintCode, string der) = Run("/usr/bin/openssl", "pkey", "-pubin", "-in", KeyFile(), "-outform", "DER", "-out", Path.Combine(_temp.Root, "key.der"));
        Assert.True(fingerprintCode == 0, der);
        Assert.Equal(Fingerprint(_key), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_temp.Root, "key.der")))));
    }

    [Fact]
    public void A_changed_manifest_no_longer_matches_its_signature()
    {
        PublishTwoSigned();
        ChainTests.EditField(Manifest(V(2)), "tzdb_version", "2025b", "2024a");

        VerificationResult result = ArchiveVerifier.Verify(_temp.Output);

        // The signature says so, and so does the history's record of the manifest's hash.
        Assert.Equal(
            [
                (Manifest(V(2)), "the signature (manifest.sig) does not match the manifest: the manifest or the signature was changed after signing"),
                (Manifest(V(2)), "changed after publication: its SHA-256 is " + Sha256(Manifest(V(2)))),
            ],
            result.Problems.Select(p => (p.Path, p.Message.Split(", the history recorded")[0])));
    }

    [Fact]
    public void A_manifest_re_signed_with_another_key_is_refused()
    {
        PublishTwoSigned();
        // Whoever holds another key edits v2 and signs it anew, naming their own key.
        ChainTests.EditField(Manifest(V(2)), "tzdb_version", "2025b", "2024a");
        ChainTests.EditField(Manifest(V(2)), "signing_key_sha256", Fingerprint(_key), Fingerprint(_otherKey));
        File.WriteAllBytes(Signature(V(2)), _otherKey.SignData(File.ReadAllBytes(Manifest(V(2))), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        VerificationResult result = ArchiveVerifier.Verify(_temp.Output);

        Assert.Contains(result.Problems, p => p.Path == Manifest(V(2))
            && p.Message == $"is signed by key {Fingerprint(_otherKey)}, not by the archive's key {Fingerprint(_key)} (signing-key.pem)");
    }

    [Fact]
    public void Another_public_key_put_in_the_archive_fails_every_signed_version()
    {
        PublishTwoSigned();
        File.WriteAllText(KeyFile(), _otherKey.ExportSubjectPublicKeyInfoPem());

        VerificationResult result = ArchiveVerifier.Verify(_temp.Output);

        Assert.Equal([Manifest(V(1)), Manifest(V(2))], result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.Equal($"is signed by key {Fingerprint(_key)}, not by the archive's key {Fingerprint(_otherKey)} (signing-key.pem)", p.Message));
    }

    [Fact]
    public void A_removed_signature_is_caught()
    {
        PublishTwoSigned();
        File.Delete(Signature(V(1)));

        ArchiveProblem problem = Assert.Single(ArchiveVerifier.Verify(_temp.Output).Problems);

        Assert.Equal((Manifest(V(1)), $"names signing key {Fingerprint(_key)}, but its manifest.sig is missing"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_signed_archive_refuses_another_key_and_no_key_before_writing_anything()
    {
        PublisherWith(_key).Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        SnapshotRequest changed = SampleRows.Request(_temp.Output, runId: "run-2");
        var reader = new FakeKpiValueReader([.. SampleRows.Values.Select(v => v with { N = v.N + 1 })], SampleRows.Exclusions);

        var other = Assert.Throws<InvalidOperationException>(() => PublisherWith(_otherKey).Publish(changed, reader));
        var none = Assert.Throws<InvalidOperationException>(() => new ParquetSnapshotPublisher(signer: null).Publish(changed, reader));

        Assert.Equal(
            $"The signing key given (SHA-256 {Fingerprint(_otherKey)}) is not the key this archive is signed with ('{KeyFile("public")}', SHA-256 {Fingerprint(_key)}); publish with the archive's key.",
            other.Message);
        Assert.StartsWith($"The archive is signed ('{KeyFile("public")}', key SHA-256 {Fingerprint(_key)}): set PMMETL_SIGNING_KEY", none.Message, StringComparison.Ordinal);
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder()));
        Assert.Empty(YearFolderAssert.TempFolders(YearFolder()));
        Assert.Empty(ArchiveVerifier.Verify(_temp.Output).Problems);
    }

    [Fact]
    public void Signing_can_begin_on_an_unsigned_archive_and_then_stays()
    {
        new ParquetSnapshotPublisher(signer: null).Publish(SampleRows.Request(_temp.Output, runId: "run-1"), SampleRows.Reader());
        for (int n = 1; n <= 2; n++)
        {
            PublisherWith(_key).Publish(SampleRows.Request(_temp.Output, runId: $"run-{n + 1}"),
                new FakeKpiValueReader([.. SampleRows.Values.Select(v => v with { N = v.N + n })], SampleRows.Exclusions, SampleRows.Distribution));
        }

        VerificationResult clean = ArchiveVerifier.Verify(_temp.Output);
        Assert.Empty(clean.Problems);
        Assert.Contains(clean.Notes, n => n.Path == KeyFile() && n.Message.EndsWith("; 1 version(s) published before signing began are not signed", StringComparison.Ordinal));

        // Stripping v3's signature (the key's name and the signature file) is no way back to an unsigned archive.
        string text = File.ReadAllText(Manifest(V(3)));
        File.WriteAllText(Manifest(V(3)), text.Replace($"\"signing_key_sha256\": \"{Fingerprint(_key)}\"", "\"signing_key_sha256\": null", StringComparison.Ordinal));
        File.Delete(Signature(V(3)));

        Assert.Equal(
            [
                (Manifest(V(3)), "is not signed, though v2 before it is: a signed archive stays signed, so its signature was removed"),
                (Manifest(V(3)), "changed after publication: its SHA-256 is " + Sha256(Manifest(V(3)))),
            ],
            ArchiveVerifier.Verify(_temp.Output).Problems.Select(p => (p.Path, p.Message.Split(", the history recorded")[0])));
    }

    [Fact]
    public void A_key_that_cannot_be_used_is_refused_without_showing_it()
    {
        const string Secret = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETSECRETSECRET";
        string broken = $"-----BEGIN PRIVATE KEY-----\n{Secret}\n-----END PRIVATE KEY-----\n";
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var notAKey = Assert.Throws<InvalidOperationException>(() => ManifestSigner.FromPem(broken, "PMMETL_SIGNING_KEY"));
        var wrongCurve = Assert.Throws<InvalidOperationException>(() => ManifestSigner.FromPem(p384.ExportPkcs8PrivateKeyPem(), "PMMETL_SIGNING_KEY"));
        var publicOnly = Assert.Throws<InvalidOperationException>(() => ManifestSigner.FromPem(_key.ExportSubjectPublicKeyInfoPem(), "PMMETL_SIGNING_KEY"));

        Assert.Equal("PMMETL_SIGNING_KEY does not hold an ECDSA P-256 private key in PEM ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----').", notAKey.Message);
        Assert.Null(notAKey.InnerException);
        Assert.Equal("PMMETL_SIGNING_KEY: the key is not on curve P-256; manifests are signed with ECDSA P-256.", wrongCurve.Message);
        Assert.Equal(notAKey.Message, publicOnly.Message);
        Assert.DoesNotContain("SECRET", notAKey.Message + notAKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_left_in_the_archive_is_reported_without_being_shown()
    {
        PublishTwoSigned();
        string pem = _key.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(KeyFile(), pem);

        VerificationResult result = ArchiveVerifier.Verify(_temp.Output);

        Assert.Contains(result.Problems, p => p.Path == KeyFile()
            && p.Message == $"{KeyFile()} holds a private key; the archive keeps only the public key. Remove it from the archive now.");
        string body = pem.Split('\n')[1];
        Assert.DoesNotContain(result.Problems.Concat(result.Notes), p => p.Message.Contains(body, StringComparison.Ordinal));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
