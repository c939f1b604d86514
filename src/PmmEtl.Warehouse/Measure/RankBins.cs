using System.Globalization;
using System.Text;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// The coarse bins of the exact percentile search: each octave of minutes [2^k, 2^(k+1)) for k = −3 … 15 split into
/// 32 equal bins (about 2 % of the value wide, so the bin holding a median or 90th percentile holds a few hundredths of
/// its group whatever the unit of the spread), one bin below 7.5 s and whole 2,048-minute bins above 45 days. A group
/// of a month therefore has at most about 600 bins. Order-preserving by construction: within an octave t − 2^k is
/// exact (Sterbenz) and the scaling is by a power of two, so the bin never rounds across a value, and a lower value
/// never lands in a higher bin; the rank search relies on that, not on the exact edges.
/// </summary>
public static class RankBins
{
    private const int FirstOctave = -3;
    private const int LastOctave = 15;
    private const int PerOctave = 32;

    /// <summary>The bin of <paramref name="minutes"/>, as <see cref="Sql"/> computes it (used by tests to choose edge values).</summary>
    public static int Of(double minutes)
    {
        if (minutes < Math.Pow(2, FirstOctave))
        {
            return 0;
        }

        for (int k = FirstOctave; k <= LastOctave; k++)
        {
            if (minutes < Math.Pow(2, k + 1))
            {
                return Base(k) + (int)Math.Floor((minutes - Math.Pow(2, k)) * Math.Pow(2, 5 - k));
            }
        }

        return Base(LastOctave + 1) - PerOctave + (int)Math.Floor(minutes * Math.Pow(2, 5 - (LastOctave + 1)));
    }

    /// <summary>
    /// The bin of a minutes expression, as an INTEGER, in SQL every engine reads (CASE, FLOOR, CAST). The CASE is a
    /// balanced search over the octaves (five comparisons a value, not up to twenty): on PostgreSQL, which evaluates
    /// expressions row by row, the bins are most of the cost of counting them.
    /// </summary>
    public static string Sql(string minutes, string doubleType) => Search(minutes, doubleType, FirstOctave - 1, LastOctave + 1);

    /// <summary>The pieces from <paramref name="first"/> to <paramref name="last"/>: below the first octave, octave k, or the tail past the last.</summary>
    private static string Search(string minutes, string doubleType, int first, int last)
    {
        if (first == last)
        {
            return first < FirstOctave ? "0"
                : first > LastOctave ? $"{Base(LastOctave + 1) - PerOctave} + CAST(FLOOR({minutes} * {Literal(5 - (LastOctave + 1), doubleType)}) AS INTEGER)"
                : $"{Base(first)} + CAST(FLOOR(({minutes} - {Literal(first, doubleType)}) * {Literal(5 - first, doubleType)}) AS INTEGER)";
        }

        // Piece k holds [2^k, 2^(k+1)): the split below piece m is at 2^m.
        int middle = first + ((last - first + 1) / 2);
        return $"CASE WHEN {minutes} < {Literal(middle, doubleType)} THEN {Search(minutes, doubleType, first, middle - 1)} ELSE {Search(minutes, doubleType, middle, last)} END";
    }

    private static int Base(int octave) => 1 + (PerOctave * (octave - FirstOctave));

    /// <summary>
    /// 2^exponent as a double: a short exact decimal, cast from text, which every engine parses to the nearest double
    /// (a bare literal is a DECIMAL first on some engines).
    /// </summary>
    private static string Literal(int exponent, string doubleType) =>
        $"CAST('{Math.Pow(2, exponent).ToString("R", CultureInfo.InvariantCulture)}' AS {doubleType})";
}
