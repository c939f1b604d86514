using System.Globalization;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// Writes the <c>fos</c> section of an assessment file for the FoS tests: every one of the 33 indicators at its level,
/// with an answer to each capacity-building question that level asks (1a; 2a, 2b; 3a, 3b; 4a, 4b, 4c; 5a, 5b, the yes/no
/// questions 3b and 4c answered "No" so that 3c and 4d are not asked), unless the test gives an indicator's answers.
/// </summary>
internal static class FosAnswers
{
    private static readonly Dictionary<int, string[]> Asked = new()
    {
        [1] = ["1a"],
        [2] = ["2a", "2b"],
        [3] = ["3a", "3b"],
        [4] = ["4a", "4b", "4c"],
        [5] = ["5a", "5b"],
    };

    /// <param name="levels">Level per indicator ("1.1" … "15.1").</param>
    /// <param name="answers">The capacity_building mapping of some indicators, as inline YAML (e.g. <c>{ 2a: …, 2b: … }</c>).</param>
    public static string Section(IReadOnlyDictionary<string, int> levels, IReadOnlyDictionary<string, string>? answers = null) =>
        "fos:\n" + string.Join("\n", levels.Select(l =>
        {
            string given = answers is not null && answers.TryGetValue(l.Key, out string? a) ? a : Generic(l.Key, l.Value);
            return string.Create(CultureInfo.InvariantCulture, $"  \"{l.Key}\": {{ level: {l.Value}, capacity_building: {given} }}");
        })) + "\n";

    private static string Generic(string indicator, int level) =>
        "{ " + string.Join(", ", Asked[level].Select(q => q is "3b" or "4c" ? $"{q}: \"No\"" : $"{q}: \"answer {q} of {indicator}\"")) + " }";
}
