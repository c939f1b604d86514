using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Violations and the fines imposed for them. Violations are found before release (a control's finding), after
/// release (a later check, a complaint) or by post-clearance audit (which K16 leaves out). Half of them are fined;
/// a fine case sometimes carries two or three fines. Passengers are fined without a goods violation, and carriers
/// for manifest discrepancies (direction "other").
/// </summary>
internal sealed class Violations
{
    private static readonly WeightedChoice<string> ControlKinds = new(("CLS", 45), ("VAL", 30), ("ORI", 15), ("OTH", 10));
    private static readonly WeightedChoice<string> AuditKinds = new(("CLS", 40), ("VAL", 40), ("ORI", 15), ("OTH", 5));

    private readonly Random _rng;
    private readonly RegisterTable _violations;
    private readonly RegisterTable _fines;
    private readonly SequenceIds _violationIds;
    private readonly SequenceIds _fineIds;
    private readonly SequenceIds _caseIds;
    private readonly LocalDate _lastDay;

    public Violations(RegisterContext context)
    {
        _rng = context.Random("violation");
        _lastDay = context.LastDay;
        _violationIds = new SequenceIds("OF", context.Year, 6);
        _fineIds = new SequenceIds("PN", context.Year, 6);
        _caseIds = new SequenceIds("PC", context.Year, 6);
        _violations = context.Table("violation", context.PerDeclaration(0.004, 1),
            DefectColumn.Code("offence_kind", "CLAS", "XX"), DefectColumn.Date("detected_on", context.Year));
        _fines = context.Table("fine", context.PerDeclaration(0.002, 1),
            DefectColumn.Code("flow", "ZZ", "IMP"), DefectColumn.Date("imposed_on", context.Year));
    }

    /// <summary>A finding of a control before release.</summary>
    public void PreRelease(DeclarationPlan plan, LocalDate detected)
    {
        DeclarationAttributes a = plan.Attributes;
        Write(detected, plan.DeclarationId, ControlKinds.Pick(_rng), "PRE", a.Trader.Id, plan.OfficeCode, FlowOf(a));
    }

    /// <summary>Some declarations are found wrong weeks after release: by a later check, or by other means (a complaint, a tip).</summary>
    public void AfterRelease(DeclarationPlan plan)
    {
        if (!_rng.Chance(0.003))
        {
            return;
        }

        LocalDate detected = plan.RegistrationDate.PlusDays(_rng.Next(20, 200));
        DeclarationAttributes a = plan.Attributes;
        Write(detected, plan.DeclarationId, ControlKinds.Pick(_rng), _rng.Chance(0.6) ? "PCC" : "OTH", a.Trader.Id, plan.OfficeCode, FlowOf(a));
    }

    /// <summary>What a post-clearance audit with findings concluded: one to three violations on the audit's closing date.</summary>
    public void FoundByAudit(LocalDate closed, string traderId, string regime)
    {
        int count = 1 + _rng.Next(3);
        for (int i = 0; i < count; i++)
        {
            Write(closed, null, AuditKinds.Pick(_rng), "PCA", traderId, null, regime);
        }
    }

    /// <summary>A passenger fined for undeclared goods: a fine case without a goods declaration.</summary>
    public void PassengerFine(LocalDate date, string officeCode) => Fines(null, null, "PX", date, null, Currencies.Pick(_rng, officeCode));

    private void Write(LocalDate detected, string? declarationId, string kind, string foundBy, string? traderId, string? officeCode, string flow)
    {
        // Dated registers hold the demo year only; what would be found next year is not in this extract.
        if (detected > _lastDay)
        {
            return;
        }

        string id = _violationIds.Next();
        string chapter = (1 + _rng.Next(97)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        _violations.Text(id).Date(detected).Text(declarationId).Text(kind).Text(foundBy).Text(chapter).Text(traderId).Text(officeCode).Write();
        if (_rng.Chance(0.55))
        {
            Fines(id, declarationId, flow, detected, traderId, Currencies.Pick(_rng, officeCode ?? ""));
        }
    }

    private void Fines(string? violationId, string? declarationId, string flow, LocalDate from, string? traderId, string currency)
    {
        int count = _rng.NextDouble() switch
        {
            < 0.80 => 1,
            < 0.95 => 2,
            _ => 3,
        };
        string caseId = _caseIds.Next();
        LocalDate imposed = from.PlusDays(_rng.Next(7, 61));
        for (int i = 0; i < count && imposed <= _lastDay; i++)
        {
            double amount = Currencies.FromUsd(_rng.LogNormal(flow == "PX" ? 400 : 2500, 1.0, 50, 500_000), currency);
            _fines.Text(_fineIds.Next()).Text(caseId).Date(imposed).Text(violationId).Text(declarationId).Text(flow).Amount(amount)
                .Text(currency).Text(traderId).Write();
            imposed = imposed.PlusDays(_rng.Next(0, 30));
        }
    }

    /// <summary>Cargo manifests are the carrier's: their fines are neither import nor export (direction "other").</summary>
    private static string FlowOf(DeclarationAttributes a) => a.Type switch
    {
        "IM" => "IM",
        "EX" => "EX",
        "TR" => "TR",
        _ => "OT",
    };
}
