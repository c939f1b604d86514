namespace PmmEtl.Extract.Wco;

/// <summary>
/// The watched element paths of a message as a tree of local names, so a reader matches a path one element at a
/// time (the child of its parent's node) and never builds a path string: memory stays flat however deep a message
/// nests. A node with a <see cref="Path"/> is a watched path; one without is only on the way to one.
/// </summary>
public sealed class WcoPathTrie
{
    private readonly Dictionary<string, WcoPathTrie> _children = new(StringComparer.Ordinal);

    private WcoPathTrie(string? path)
    {
        Path = path;
    }

    /// <summary>The watched path (local names joined by '/') this node ends, if it ends one.</summary>
    public string? Path { get; private set; }

    public static WcoPathTrie Build(IEnumerable<string> paths)
    {
        var root = new WcoPathTrie(null);
        foreach (string path in paths)
        {
            WcoPathTrie node = root;
            foreach (string name in path.Split('/'))
            {
                if (!node._children.TryGetValue(name, out WcoPathTrie? child))
                {
                    node._children[name] = child = new WcoPathTrie(null);
                }

                node = child;
            }

            node.Path = path;
        }

        return root;
    }

    /// <summary>The node of the child element <paramref name="localName"/>; null when no watched path goes through it.</summary>
    public WcoPathTrie? Child(string localName) => _children.GetValueOrDefault(localName);
}
