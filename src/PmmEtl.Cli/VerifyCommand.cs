using System.CommandLine;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Cli;

/// <summary>
/// <c>pmm-etl verify ARCHIVE</c>: re-checks every published version of a snapshots folder against its manifest
/// (checksums, sizes, row counts, schema, disclosure), each manifest against the hash its successor and the history
/// recorded and against its signature, and each history against its versions. Waits for a publication in progress.
/// One line per problem, with its path, then a one-line summary. Exit 0 when clean, 1 on any problem, 2 when the
/// folder does not exist.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var archive = new Argument<string>("archive") { Description = "The snapshots folder (a pipeline's 'output'), or one audience's tree" };
        var command = new Command("verify", "Re-check every published version: manifest, SHA-256 and size of each file, no extra files, Parquet schema and row counts, disclosure, the chain of manifest hashes and signatures, history.") { archive };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(archive)!;
            VerificationResult result;
            try
            {
                result = ArchiveVerifier.Verify(folder);
            }
            catch (DirectoryNotFoundException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            foreach (ArchiveProblem note in result.Notes)
            {
                Console.WriteLine($"note: {note}");
            }

            foreach (ArchiveProblem problem in result.Problems)
            {
                Console.WriteLine($"problem: {problem}");
            }

            string counts = $"{result.Versions} versions, {result.Files} files, {result.Histories} histories in {Path.GetFullPath(folder)}";
            Console.WriteLine(result.Clean
                ? $"verify: OK: {counts}; no problems"
                : $"verify: FAILED: {counts}; {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}");
            return result.Clean ? 0 : 1;
        });
        return command;
    }
}
