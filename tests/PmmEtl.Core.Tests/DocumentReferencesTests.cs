using System.Text.RegularExpressions;
using PmmEtl.Testing;

namespace PmmEtl.Core.Tests;

/// <summary>
/// A document or a source file named in the code or the docs exists: a comment that sends a maintainer to
/// docs/registers.md, or a README that points at a file since renamed, sends them nowhere.
/// </summary>
public sealed partial class DocumentReferencesTests
{
    [Fact]
    public void Every_doc_and_source_file_named_in_code_and_docs_exists()
    {
        string root = RepoFiles.Path("");
        IEnumerable<string> readers = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
            .Append(Path.Combine(root, "README.md"));

        var missing = new List<string>();
        foreach (string file in readers)
        {
            foreach (Match m in Reference().Matches(File.ReadAllText(file)))
            {
                if (!File.Exists(Path.Combine(root, m.Value)))
                {
                    missing.Add($"{Path.GetRelativePath(root, file)} names {m.Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"(?<![\w/.-])(?:docs/[\w.-]+\.(?:md|json)|src/PmmEtl\.[\w.]+/[\w./]+\.cs)")]
    private static partial Regex Reference();
}
