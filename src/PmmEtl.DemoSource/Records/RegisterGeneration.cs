using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Generates every register of the national system beside the declarations: those that follow declarations
/// (amounts, shipments, inspections and what they find, interest) as each declaration is written, the others before
/// or after. Each register draws from its own seeded generator, so the declarations are exactly what they were
/// without registers, and the order of registers does not matter.
/// </summary>
internal sealed class RegisterGeneration
{
    private readonly RegisterContext _context;
    private readonly DeclarationAmounts _amounts;
    private readonly Violations _violations;
    private readonly Seizures _seizures;
    private readonly Inspections _inspections;
    private readonly Shipments _shipments;
    private readonly InterestCharges _interest;

    public RegisterGeneration(RegisterContext context)
    {
        _context = context;
        _amounts = new DeclarationAmounts(context);
        _violations = new Violations(context);
        _seizures = new Seizures(context);
        _inspections = new Inspections(context, _seizures, _violations);
        _shipments = new Shipments(context, _inspections);
        _interest = new InterestCharges(context);
    }

    /// <summary>Registers that only need the traders: the AEO register (the amounts' AEO flag is read from it).</summary>
    public void BeforeDeclarations() => new AeoRegister(_context).Generate();

    /// <summary>
    /// What a written declaration brings with it. A duplicate copy brings nothing (the national tables hold one row per
    /// declaration number); a declaration with another defect keeps its amounts only.
    /// </summary>
    public void Follow(DeclarationPlan plan)
    {
        if (plan.Bad == BadKind.Duplicate)
        {
            return;
        }

        double? value = _amounts.Follow(plan);
        if (plan.Bad != BadKind.None)
        {
            return;
        }

        var times = new DeclarationTimes(plan);
        ControlPlan controls = _inspections.Plan(plan);
        string? hawbNo = _shipments.Follow(plan, in times, controls, value);
        _inspections.Goods(plan, in times, controls, hawbNo);
        _violations.AfterRelease(plan);
        _interest.Follow(plan);
    }

    public void AfterDeclarations()
    {
        _amounts.Archive();
        _interest.OnLastYearsDeclarations();
        new PassengerControls(_context, _inspections).Generate();
        _seizures.TopUp(_context, 12);
        new PostClearanceCases(_context, _violations).Generate();
        BindingRulings.Generate(_context);
        IReadOnlyList<Employee> staff = StaffRegister.Generate(_context);
        HumanResources.CompetencyRatings(_context, staff);
        HumanResources.TrainingParticipations(_context, staff);
        HumanResources.DisciplinaryCases(_context, staff);
        IntegrityReports.Generate(_context, staff);
        Services.Generate(_context);
        InformationRequests.Generate(_context);
    }
}
