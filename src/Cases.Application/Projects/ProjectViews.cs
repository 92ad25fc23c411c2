using Cases.Domain.Projects;

namespace Cases.Application.Projects;

/// <summary>One line of the projects list: who registered what, and until when it is insured.</summary>
public sealed record ProjectRow(string ProjectCode, string Name, string CityCode, string GeneralContractorCreditCode, string? GeneralContractorName,
    DateOnly InsuredFrom, DateOnly TermEndsOn, DateOnly? CompletedOn);

/// <summary>A page of projects; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record ProjectPage(IReadOnlyList<ProjectRow> Items, string? Next);

/// <summary>The insured term of 第九条 第二款: from the start of works (or the registration of a project under construction) to the contract end or the completion.</summary>
public sealed record ProjectTerm(DateOnly From, DateOnly To, DateOnly ContractStartsOn, DateOnly ContractEndsOn, DateOnly? CompletedOn);

/// <summary>The premium of 第二十六、二十七条; <see cref="PaidAfterStart"/> flags a payment after the start of works.</summary>
public sealed record ProjectPremium(decimal? Amount, DateOnly? PaidOn, bool PaidAfterStart, decimal TotalCost);

/// <summary>How many workers were filed by real name (第十一条), how many are still on the project and how many were filed late.</summary>
public sealed record ProjectWorkerCounts(int Filed, int Current, int FiledLate);

/// <summary>One project with its 第九条 papers, term, premium and workers count.</summary>
public sealed record ProjectView(
    string ProjectCode,
    string Name,
    string CityCode,
    string GeneralContractorCreditCode,
    string? GeneralContractorName,
    string? ContractNumber,
    string? AwardNotice,
    bool WorkStarted,
    bool Subcontracted,
    DateOnly? RegisteredOn,
    ProjectTerm Term,
    ProjectPremium Premium,
    ProjectWorkerCounts Workers)
{
    public static ProjectView From(ConstructionProject p, string? contractorName, ProjectWorkerCounts workers) => new(
        p.ProjectCode, p.Name, p.CityCode, p.GeneralContractorCreditCode.Value, contractorName, p.ContractNumber, p.AwardNotice,
        p.WorkStarted, p.Subcontracted, p.RegisteredOn,
        new ProjectTerm(p.InsuredFrom, p.TermEndsOn, p.ContractStartsOn, p.ContractEndsOn, p.CompletedOn),
        new ProjectPremium(p.Premium, p.PremiumPaidOn, p.PremiumPaidAfterStart, p.TotalCost),
        workers);
}

/// <summary>A worker filed by real name; the identity number always masked (规程 第一百四十条).</summary>
public sealed record ProjectWorkerView(string IdNumber, string Name, DateOnly EmployedOn, DateOnly FiledOn, DateOnly FilingDeadline, bool FiledLate, DateOnly? LeftOn)
{
    public static ProjectWorkerView From(ProjectWorker w) => new(w.IdNumber.Masked, w.Name, w.EmployedOn, w.FiledOn, w.FilingDeadline, w.FiledLate, w.LeftOn);
}
