using System.Text.Json.Nodes;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Projects;

/// <summary>The project a "register-project" action registers, written by <see cref="ProjectRegistering"/> in the command's transaction.</summary>
public sealed record ProjectRegistrationPlan(
    string ProjectCode,
    string Name,
    string GeneralContractorCreditCode,
    DateOnly ContractStartsOn,
    DateOnly ContractEndsOn,
    decimal TotalCost,
    ProjectRegistration Registration) : IProgressEffect;

/// <summary>
/// "register-project": registers the construction project the case's data describes (第九条), with the premium the
/// case computed and recorded as paid (第二十六、二十七条), in the transaction of the command that reaches the action
/// state. Each parameter names the data field of one property and defaults to the field of the same name:
/// <c>projectCode</c>, <c>name</c>, <c>generalContractorCreditCode</c>, <c>contractStartsOn</c>, <c>contractEndsOn</c>,
/// <c>totalCost</c>, <c>contractNumber</c>, <c>awardNotice</c>, <c>workStarted</c>, <c>subcontracted</c>,
/// <c>premium</c>, <c>premiumPaidOn</c>. A project code already registered refuses the command (409).
/// </summary>
public sealed class RegisterProjectAction : IWorkflowAction
{
    /// <summary>Each parameter and the type of the data field it names.</summary>
    public static IReadOnlyList<(string Parameter, string Type)> Fields { get; } =
    [
        ("projectCode", "string"), ("name", "string"), ("generalContractorCreditCode", "string"),
        ("contractStartsOn", "date"), ("contractEndsOn", "date"), ("totalCost", "decimal"),
        ("contractNumber", "string"), ("awardNotice", "enum"), ("workStarted", "boolean"), ("subcontracted", "boolean"),
        ("premium", "decimal"), ("premiumPaidOn", "date"),
    ];

    public string Name => "register-project";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        foreach (var (parameter, type) in Fields)
        {
            var field = check.Parameters.GetValueOrDefault(parameter) ?? parameter;
            check.Field($"{check.Path}.parameters.{parameter}", field, $"The project's {parameter} field");
            if (check.Definition.Data.TryGetValue(field, out var spec) && spec.Type != type && !(type == "string" && spec.Type == "text"))
            {
                check.Problem($"{check.Path}.parameters.{parameter}", DefinitionRules.UndeclaredField, $"The project's {parameter} field \"{field}\" is a {spec.Type}; it must be a {type}.");
            }
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Progress.Data;
        string Field(string parameter) => context.Parameters.GetValueOrDefault(parameter) ?? parameter;
        string Text(string parameter) => data.GetText(Field(parameter)) ?? throw Lacks(Field(parameter));
        DateOnly Date(string parameter) => data.GetDate(Field(parameter)) ?? throw Lacks(Field(parameter));
        decimal Amount(string parameter) => data.GetDecimal(Field(parameter)) ?? throw Lacks(Field(parameter));
        bool Flag(string parameter) => data.Has(Field(parameter)) && data[Field(parameter)] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

        var registeredOn = Cases.Domain.Calendar.ChinaTime.DateOf(context.Now);
        var plan = new ProjectRegistrationPlan(
            Text("projectCode").Trim(), Text("name").Trim(), Text("generalContractorCreditCode"),
            Date("contractStartsOn"), Date("contractEndsOn"), Amount("totalCost"),
            new ProjectRegistration(Text("contractNumber").Trim(), Text("awardNotice"), Flag("workStarted"), Flag("subcontracted"),
                registeredOn, Amount("premium"), Date("premiumPaidOn")));
        context.Progress.Effects.Add(plan);
        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.ProjectRegistered, context.State, context.State, new JsonObject
        {
            ["projectCode"] = plan.ProjectCode,
            ["registeredOn"] = Clocks.Format(registeredOn),
            ["contractStartsOn"] = Clocks.Format(plan.ContractStartsOn),
            ["contractEndsOn"] = Clocks.Format(plan.ContractEndsOn),
            ["premium"] = plan.Registration.Premium,
            ["premiumPaidOn"] = Clocks.Format(plan.Registration.PremiumPaidOn),
        }));
    }

    // A field the definition names is not in the case's data: nothing is registered.
    private static DomainRuleException Lacks(string field) => new(new LocalizedText(
        $"登记建设项目需要案件中的「{field}」，但案件中没有这项数据，未予登记。",
        $"Registering the project needs {field}, which the case does not have; nothing was registered."));
}

/// <summary>
/// Adds the projects the "register-project" action planned to the register, in the command's unit of work; a project
/// code the province already holds refuses the whole command (409, saying neither where nor whose: 规程 第一百四十条),
/// and the unique index of the code refuses a registration that raced past the check.
/// </summary>
public sealed class ProjectRegistering(CasesDb db) : IProgressEffectWriter
{
    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var plan in effects.Effects.OfType<ProjectRegistrationPlan>())
        {
            if (await db.ConstructionProjects.AsNoTracking().AnyAsync(p => p.ProjectCode == plan.ProjectCode, ct))
            {
                throw new ConflictException(ProjectMessages.AlreadyRegistered(plan.ProjectCode));
            }

            db.ConstructionProjects.Add(ConstructionProject.Register(
                plan.ProjectCode, plan.Name, CreditCode.Parse(plan.GeneralContractorCreditCode, "generalContractorCreditCode"),
                City.Parse(effects.Case.CityCode), plan.ContractStartsOn, plan.ContractEndsOn, plan.TotalCost, plan.Registration,
                Guid.CreateVersion7(effects.Now)));
        }
    }
}

/// <summary>The refusals the projects' use cases share.</summary>
public static class ProjectMessages
{
    public static LocalizedText AlreadyRegistered(string code) => new(
        $"项目编号 {code} 已经登记参保，不能重复登记（第九条）。",
        $"Project {code} is already registered; a project is registered once (第九条).");

    public static LocalizedText NotFound(string code) => new(
        $"本市没有项目编号为 {code} 的建设项目。",
        $"No construction project with code {code} in your city.");
}
