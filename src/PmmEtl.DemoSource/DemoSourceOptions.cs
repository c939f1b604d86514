namespace PmmEtl.DemoSource;

/// <summary>What to generate: where, how many declaration rows, from which seed, for which calendar year.</summary>
/// <param name="Path">The SQLite file to write; an existing file is replaced only once the new one is complete.</param>
/// <param name="Declarations">Number of rows in the declaration table, bad rows and duplicate copies included.</param>
/// <param name="Seed">Seed of the one random generator; the same options always give the same content.</param>
/// <param name="Year">Calendar year the declarations are registered in (milestones may spill into the next).</param>
/// <param name="Registers">
/// Whether to write the other registers too (amounts, inspections, seizures, shipments, HR …). Off, only the
/// declaration tables are filled (the register tables exist, empty): what a declaration-only benchmark needs.
/// </param>
public sealed record DemoSourceOptions(string Path, int Declarations = 200_000, int Seed = 20250101, int Year = 2025, bool Registers = true)
{
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("A path for the demo source is required.", nameof(Path));
        }

        if (Declarations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Declarations), Declarations, "At least one declaration is required.");
        }

        // Four-digit years keep the fixed-width text formats (and the two-digit year in the ids) valid.
        if (Year is < 1971 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(Year), Year, "The year must be between 1971 and 9998.");
        }
    }
}
