namespace PmmEtl.DemoSource.Records;

/// <summary>How many deliberate defects the register tables get.</summary>
internal static class RegisterScale
{
    /// <summary>Defective copies per kind and register: 4 at the default 200,000 declarations, at least 1 from 10 declarations.</summary>
    public static int DefectsPerKind(int declarations) => declarations < 10 ? 0 : Math.Clamp(declarations / 50_000, 1, 4);
}
