using System.Text.Json.Nodes;
using Cases.Domain.Parties;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Registry;

/// <summary>
/// The registers as the runtime reads them when a case starts from one of their entries (<see cref="RegisterRef"/>):
/// the employer (its city is its agency's), the worker (the city of the current employer), the injury case and the
/// project, each only within the case's city.
/// </summary>
public sealed class CaseRegisters(CasesDb db) : ICaseRegisters
{
    public async Task<IReadOnlyDictionary<string, JsonNode?>?> FindAsync(RegisterKind kind, string key, string cityCode, CancellationToken ct) => kind switch
    {
        RegisterKind.Employer => await EmployerAsync(key, cityCode, ct),
        RegisterKind.Worker => await WorkerAsync(key, cityCode, ct),
        RegisterKind.InjuryCase => await InjuryCaseAsync(key, cityCode, ct),
        RegisterKind.Project => await ProjectAsync(key, cityCode, ct),
        _ => null,
    };

    private async Task<IReadOnlyDictionary<string, JsonNode?>?> EmployerAsync(string key, string city, CancellationToken ct)
    {
        if (!CreditCode.TryParse(key, out var code, out _))
        {
            return null;
        }

        var e = await db.Employers.AsNoTracking().SingleOrDefaultAsync(x => x.CreditCode == code && x.CityCode == city, ct);
        if (e is { Status: EmployerStatus.Deregistered })
        {
            // Injury pages: a deregistered employer (第十七、十八条) has no insurance relation left to open new work on;
            // what it still owes is settled in its liquidation (第十九条) and on the cases opened before.
            var closed = e.StatusOn is { } d ? Clocks.Format(d) : "—";
            throw new RegisterEntryRefusedException(new LocalizedText(
                $"用人单位 {e.Name}（{e.CreditCode}）已注销，已于 {closed} 注销登记（第十七、十八条），不能再受理以其为对象的新业务。",
                $"Employer {e.Name} ({e.CreditCode}) was deregistered (已注销) on {closed} (第十七、十八条); no new case is opened on it."));
        }

        return e is null ? null : new Dictionary<string, JsonNode?>
        {
            ["creditCode"] = e.CreditCode.Value, ["name"] = e.Name, ["riskClass"] = e.RiskClass.Value, ["city"] = e.CityCode,
        };
    }

    private async Task<IReadOnlyDictionary<string, JsonNode?>?> WorkerAsync(string key, string city, CancellationToken ct)
    {
        if (!IdNumber.TryParse(key, out var id, out _))
        {
            return null;
        }

        var found = await (from w in db.Workers.AsNoTracking()
                           where w.IdNumber == id
                           join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id
                           where e.CityCode == city
                           select new { w.IdNumber, w.Name, e.CreditCode, EmployerName = e.Name }).SingleOrDefaultAsync(ct);
        return found is null ? null : new Dictionary<string, JsonNode?>
        {
            ["idNumber"] = found.IdNumber.Value, ["name"] = found.Name, ["employerCreditCode"] = found.CreditCode.Value, ["employerName"] = found.EmployerName,
        };
    }

    private async Task<IReadOnlyDictionary<string, JsonNode?>?> InjuryCaseAsync(string key, string city, CancellationToken ct)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }

        var found = await (from i in db.InjuryCases.AsNoTracking()
                           where i.Id == id && i.CityCode == city
                           join w in db.Workers.AsNoTracking() on i.WorkerId equals w.Id
                           join e in db.Employers.AsNoTracking() on i.EmployerId equals e.Id
                           select new { Injury = i, WorkerIdNumber = w.IdNumber, WorkerName = w.Name, e.CreditCode, EmployerName = e.Name }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var injury = found.Injury;
        return new Dictionary<string, JsonNode?>
        {
            ["workerIdNumber"] = found.WorkerIdNumber.Value, ["workerName"] = found.WorkerName,
            ["employerCreditCode"] = found.CreditCode.Value, ["employerName"] = found.EmployerName,
            ["injuredOn"] = Date(injury.InjuryOn), ["recognizedOn"] = Date(injury.RecognizedOn), ["recognitionNumber"] = injury.RecognitionNumber,
            ["rehabStartsOn"] = Date(injury.RehabStartsOn), ["rehabEndsOn"] = Date(injury.RehabEndsOn),

            // Injury pages: the appraisal in force (第七十八条); nothing until the committee concluded.
            // As posted JSON holds a number (the start data's checks read it as any numeric type).
            ["disabilityGrade"] = injury.DisabilityGrade is { IsEmpty: false } grade ? JsonNode.Parse(grade.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null,
            ["selfCareLevel"] = injury.AppraisedOn is null ? null : SelfCareName(injury.SelfCareLevel),
            ["appraisedOn"] = Date(injury.AppraisedOn),
            ["employmentEndedOn"] = Date(injury.EmploymentEndedOn), ["keepsMedicalTreatment"] = injury.KeepsMedicalTreatment,
        };
    }

    private async Task<IReadOnlyDictionary<string, JsonNode?>?> ProjectAsync(string key, string city, CancellationToken ct)
    {
        var found = await (from p in db.ConstructionProjects.AsNoTracking()
                           where p.ProjectCode == key && p.CityCode == city
                           join e in db.Employers.AsNoTracking() on p.GeneralContractorCreditCode equals e.CreditCode into es
                           from e in es.DefaultIfEmpty()
                           select new { Project = p, ContractorName = e == null ? null : e.Name }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var project = found.Project;
        return new Dictionary<string, JsonNode?>
        {
            ["projectCode"] = project.ProjectCode, ["name"] = project.Name,
            ["generalContractorCreditCode"] = project.GeneralContractorCreditCode.Value, ["generalContractorName"] = found.ContractorName,
            ["contractStartsOn"] = Date(project.ContractStartsOn), ["contractEndsOn"] = Date(project.ContractEndsOn),
        };
    }

    private static JsonNode? Date(DateOnly? day) => day is { } d ? Clocks.Format(d) : null;

    private static JsonNode SelfCareName(Domain.Injuries.SelfCareLevel level) => level switch
    {
        Domain.Injuries.SelfCareLevel.Partial => "partial",
        Domain.Injuries.SelfCareLevel.Major => "major",
        Domain.Injuries.SelfCareLevel.Complete => "complete",
        _ => "none",
    };
}
