using System.Reflection;

namespace PmmEtl.Warehouse.Sql;

/// <summary>An ordered schema script of one engine, embedded from sql/&lt;engine&gt;/NNN_name.sql.</summary>
public sealed record SchemaScript(string Name, string Text)
{
    /// <summary>The engine's scripts in the order of their numeric prefix.</summary>
    public static IReadOnlyList<SchemaScript> For(string engine)
    {
        Assembly assembly = typeof(SchemaScript).Assembly;
        string prefix = engine + "/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using Stream stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new SchemaScript(n[prefix.Length..], reader.ReadToEnd());
            })
            .ToArray();
    }
}
