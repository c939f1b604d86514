namespace PmmEtl.DemoSource.Generation;

/// <summary>Chooses, before generating, which ordinary declarations (by generation index) get which defect.</summary>
internal static class BadRowSelection
{
    private static readonly BadKind[] Kinds =
        [BadKind.ReleaseBeforeArrival, BadKind.UnknownOffice, BadKind.UnparsableTime, BadKind.MissingLodgement, BadKind.Duplicate];

    public static BadKind[] Choose(int count, int perKind, Random rng)
    {
        var chosen = new BadKind[count];
        foreach (BadKind kind in Kinds)
        {
            // A duplicate repeats an earlier row, so none is placed in the first tenth of the year.
            int low = kind == BadKind.Duplicate ? count / 10 : 0;
            for (int i = 0; i < perKind; i++)
            {
                int index;
                do
                {
                    index = rng.Next(low, count);
                }
                while (chosen[index] != BadKind.None);

                chosen[index] = kind;
            }
        }

        return chosen;
    }
}
