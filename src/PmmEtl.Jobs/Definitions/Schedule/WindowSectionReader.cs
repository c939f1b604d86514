using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Schedule;

/// <summary>Reads <c>window:</c>: what a scheduled run loads, everything (<c>full</c>) or the last days (<c>nightly</c>, the default, 7 days).</summary>
internal static class WindowSectionReader
{
    public static WindowDefinition Read(YamlNodeReader? w)
    {
        if (w is null)
        {
            return new WindowDefinition(WindowMode.Nightly, 7);
        }

        w.OnlyKeys("mode", "lookback_days");
        string mode = w.String("mode", required: false) ?? "nightly";
        WindowMode parsed = mode switch
        {
            "full" => WindowMode.Full,
            "nightly" => WindowMode.Nightly,
            _ => Invalid(),
        };
        return new WindowDefinition(parsed, w.Int("lookback_days", required: false, 1, 366) ?? 7);

        WindowMode Invalid()
        {
            w.Problem(w.Get("mode"), "mode", $"unknown window mode '{mode}' (expected full or nightly)");
            return WindowMode.Nightly;
        }
    }
}
