using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The pool's tests force hash collisions through the internal constructor.
[assembly: InternalsVisibleTo("PmmEtl.Extract.Tests")]

namespace PmmEtl.Extract.Csv;

/// <summary>
/// One string per distinct text of a column, so a value that repeats row after row (an office, a mode, a channel,
/// a flag, a trader id, a business date) is allocated once instead of once a row. The texts are compared in full on
/// every lookup, so two different texts never share a string, whatever their hashes. Bounded: a column with more
/// distinct texts than <see cref="MaxEntries"/> (a key column, or a far larger trader register than expected) keeps the
/// first ones and allocates the rest as it would without the pool; texts longer than <see cref="MaxLength"/> are never
/// pooled. Not thread-safe: one reader owns it.
/// </summary>
public sealed class CsvStringPool
{
    public const int MaxLength = 64;
    public const int MaxEntries = 1 << 16;

    /// <summary>How many slots a lookup tries; a table at most half full rarely needs more than a few.</summary>
    public const int MaxProbes = 16;

    /// <summary>Open addressing, linear probing; a text and its hash side by side, so a lookup reads one cache line.</summary>
    private Entry[] _entries = new Entry[64];
    private int _count;

    /// <summary>Null: <see cref="Hash"/>. Tests give one that makes texts collide.</summary>
    private readonly Func<ReadOnlySpan<char>, int>? _hash;

    public CsvStringPool()
    {
    }

    internal CsvStringPool(Func<ReadOnlySpan<char>, int> hash) => _hash = hash;

    public int Count => _count;

    /// <summary>The pooled string equal to <paramref name="text"/> (added to the pool when there is room).</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        int hash = _hash is null ? Hash(text) : _hash(text);
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        int slot = hash & mask;
        for (int probe = 0; probe < MaxProbes; probe++, slot = (slot + 1) & mask)
        {
            ref Entry entry = ref entries[slot];
            if (entry.Text is not { } held)
            {
                string created = text.ToString();
                if (_count < MaxEntries)
                {
                    entry = new Entry(created, hash);
                    if (++_count * 2 > entries.Length)
                    {
                        Grow();
                    }
                }

                return created;
            }

            if (entry.Hash == hash && text.SequenceEqual(held))
            {
                return held;
            }
        }

        // A long run of colliding texts (a crafted file could make one): those beyond it are simply not pooled.
        return text.ToString();
    }

    /// <summary>
    /// A cheap hash, eight bytes at a time: string hashing (Marvin) is made to resist crafted collisions and costs
    /// several times more, which a dozen cells a row would feel. Crafted collisions only shorten the pool
    /// (<see cref="MaxProbes"/>); they cannot make it slow or wrong.
    /// </summary>
    internal static int Hash(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(text);
        ulong hash = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        hash = Mix(hash ^ tail);
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong value)
    {
        value *= 0xFF51AFD7ED558CCDUL;
        return value ^ (value >> 33);
    }

    /// <summary>Doubles the table, so it stays at most half full and a probe chain stays short.</summary>
    private void Grow()
    {
        Entry[] old = _entries;
        var entries = new Entry[old.Length * 2];
        int mask = entries.Length - 1;
        foreach (Entry entry in old)
        {
            if (entry.Text is null)
            {
                continue;
            }

            // An entry that lands more than MaxProbes from its home slot is not found again; the text is then pooled
            // a second time, which costs a string, never a wrong answer.
            int slot = entry.Hash & mask;
            while (entries[slot].Text is not null)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = entry;
        }

        _entries = entries;
    }

    private readonly record struct Entry(string? Text, int Hash);
}
