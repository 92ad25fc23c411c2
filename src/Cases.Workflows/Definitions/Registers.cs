namespace Cases.Workflows.Definitions;

/// <summary>
/// The registers a case can name (登记): the employer (第七条), the insured worker (第十一条), the construction project
/// (第九条) and the injury case (工伤认定, received from the recognition department). A procedure that concerns one of
/// them starts from it, so its worker, employer or project is the registered one and never a free text.
/// </summary>
public enum RegisterKind
{
    Employer,
    Worker,
    InjuryCase,
    Project,
}

/// <summary>What a definition may read from a register (<see cref="RegisterRef.Fills"/>) and write back (the update-register action).</summary>
public sealed record RegisterContract(RegisterKind Kind, string Name, LocalizedText Title, IReadOnlyDictionary<string, string> Properties, IReadOnlyCollection<string> Writable);

/// <summary>The registers by the names definitions use, with the properties each exposes and their field types.</summary>
public static class Registers
{
    private static readonly RegisterContract[] Contracts =
    [
        new(RegisterKind.Employer, "employer", new LocalizedText("用人单位", "employer"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["creditCode"] = "string", ["name"] = "string", ["riskClass"] = "integer", ["city"] = "string",
        }, []),
        new(RegisterKind.Worker, "worker", new LocalizedText("参保职工", "worker"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["idNumber"] = "string", ["name"] = "string", ["employerCreditCode"] = "string", ["employerName"] = "string",
        }, []),
        new(RegisterKind.InjuryCase, "injury-case", new LocalizedText("工伤案件", "injury case"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workerIdNumber"] = "string", ["workerName"] = "string", ["employerCreditCode"] = "string", ["employerName"] = "string",
            ["injuredOn"] = "date", ["recognizedOn"] = "date", ["recognitionNumber"] = "string",
            ["rehabStartsOn"] = "date", ["rehabEndsOn"] = "date",

            // Injury pages: the appraisal conclusion in force (第七十八条), which a benefits procedure fills and a
            // committee-appraisal step writes (grade 1–10, none when not reached; none|partial|major|complete).
            ["disabilityGrade"] = "integer", ["selfCareLevel"] = "string", ["appraisedOn"] = "date",

            // The end of the labour relation (第六十条, 第八十条) and the medical-dependency exception of 第六十条, which a
            // one-time medical subsidy procedure writes and a reimbursement's review reads.
            ["employmentEndedOn"] = "date", ["keepsMedicalTreatment"] = "boolean",
        }, ["rehabEndsOn", "disabilityGrade", "selfCareLevel", "appraisedOn", "employmentEndedOn", "keepsMedicalTreatment"]),
        new(RegisterKind.Project, "project", new LocalizedText("建设项目", "construction project"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["projectCode"] = "string", ["name"] = "string", ["generalContractorCreditCode"] = "string", ["generalContractorName"] = "string",
            ["contractStartsOn"] = "date", ["contractEndsOn"] = "date",
        }, ["contractEndsOn", "completedOn"]),
    ];

    /// <summary>Every register, in the order above.</summary>
    public static IReadOnlyList<RegisterContract> All => Contracts;

    /// <summary>The register a definition names, or null when there is none of that name.</summary>
    public static RegisterContract? Find(string? name) => Contracts.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public static RegisterContract Of(RegisterKind kind) => Contracts.First(c => c.Kind == kind);

    /// <summary>The type a written-back property takes (the writable ones not also read are dates of the term).</summary>
    public static string? WritableType(RegisterContract register, string property)
    {
        ArgumentNullException.ThrowIfNull(register);
        return !register.Writable.Contains(property) ? null : register.Properties.GetValueOrDefault(property) ?? "date";
    }
}

/// <summary>
/// A start field that names a register's entry (<c>"ref"</c>): the value must be registered in the case's city, and
/// <see cref="Fills"/> copy the entry's properties into data fields (the worker and employer of an injury case).
/// </summary>
public sealed class RegisterRef
{
    /// <summary>The register's name: employer, worker, injury-case or project.</summary>
    public string Register { get; init; } = "";

    /// <summary>Data field → the register property it takes when the case starts.</summary>
    public Dictionary<string, string>? Fills { get; init; }
}
