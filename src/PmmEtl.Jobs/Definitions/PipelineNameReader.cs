using System.Text.RegularExpressions;
using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions;

/// <summary><c>name</c>: the pipeline's name, which names its folders and jobs, so only a safe set of characters.</summary>
internal static partial class PipelineNameReader
{
    public static string Read(YamlNodeReader top)
    {
        string name = top.String("name", required: true) ?? "";
        if (name.Length > 0 && !SafeName().IsMatch(name))
        {
            top.Problem(top.Get("name"), "name", "use lower-case letters, digits, '-' and '_' (it names folders and jobs)");
        }

        return name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex SafeName();
}
