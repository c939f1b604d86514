using System.Buffers.Binary;

namespace PmmEtl.Publish.Hashing;

/// <summary>
/// SHA-256 of one row's canonical text, held as two 128-bit halves: 32 bytes a row and no per-row array,
/// so keeping one per row of a large file stays cheap. Ordered like the bytes of the hash.
/// </summary>
internal readonly record struct RowDigest(UInt128 High, UInt128 Low) : IComparable<RowDigest>
{
    public const int Size = 32;

    public static RowDigest From(ReadOnlySpan<byte> sha256) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(sha256[..16]), BinaryPrimitives.ReadUInt128BigEndian(sha256[16..Size]));

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt128BigEndian(destination[..16], High);
        BinaryPrimitives.WriteUInt128BigEndian(destination[16..Size], Low);
    }

    public int CompareTo(RowDigest other)
    {
        int high = High.CompareTo(other.High);
        return high != 0 ? high : Low.CompareTo(other.Low);
    }
}
