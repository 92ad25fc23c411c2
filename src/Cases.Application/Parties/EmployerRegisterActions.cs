using System.Text.Json.Nodes;
using Cases.Domain.Parties;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Parties;

/// <summary>What a procedure does to the employer register.</summary>
public enum EmployerRegisterOperation
{
    /// <summary>参保登记 (第六～八条).</summary>
    Register,

    /// <summary>变更登记 (第十三～十五条).</summary>
    Change,

    /// <summary>预注销标识 (第十八条): the employer still owes contributions or late fees (第十七条).</summary>
    PreDeregister,

    /// <summary>注销登记 (第十七、十八条).</summary>
    Deregister,
}

/// <summary>
/// A change of the employer register a procedure's action planned, written by <see cref="EmployerRegisterWriter"/> in the
/// command's transaction; with <see cref="CheckOnly"/> it is only checked (a registration of a code already registered, a
/// deregistration while cases of the employer run), so a case is refused when it starts rather than at its end.
/// </summary>
public sealed record EmployerRegisterPlan(EmployerRegisterOperation Operation, CreditCode CreditCode, bool CheckOnly) : IProgressEffect
{
    public string? Name { get; init; }

    public IndustryRiskClass? RiskClass { get; init; }

    public EmployerDetails Details { get; init; } = EmployerDetails.None;

    public EmployerChange? Change { get; init; }

    /// <summary>The data field the plan's credit code came from, which a refusal names.</summary>
    public string CodeField { get; init; } = "data." + EmployerRegisterAction.CreditCodeField;
}

/// <summary>
/// The actions of the employer procedures: <c>register-employer</c> (第六～八条), <c>change-employer</c> (第十五条:
/// 即时更新登记信息), <c>pre-deregister-employer</c> (第十八条) and <c>deregister-employer</c> (第十七、十八条). Each reads the
/// case data under fixed names (<see cref="CreditCodeField"/> and the items of 第七条 named as the register's API names
/// them), checks them with the domain's rules, and plans the register's change. Parameter <c>checkOnly</c> ("true")
/// checks without writing; <c>on</c> names a date field set to the day of the change.
/// </summary>
public sealed class EmployerRegisterAction(string name, EmployerRegisterOperation operation) : IWorkflowAction
{
    public const string CreditCodeField = "employerCreditCode";

    /// <summary>The four actions, as the host registers them.</summary>
    public static IReadOnlyList<EmployerRegisterAction> All { get; } =
    [
        new("register-employer", EmployerRegisterOperation.Register),
        new("change-employer", EmployerRegisterOperation.Change),
        new("pre-deregister-employer", EmployerRegisterOperation.PreDeregister),
        new("deregister-employer", EmployerRegisterOperation.Deregister),
    ];

    public string Name => name;

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        check.Field($"{check.Path}.parameters", CreditCodeField, new LocalizedText("用人单位统一社会信用代码字段", "The employer's credit code field"));
        if (operation == EmployerRegisterOperation.Register)
        {
            check.Field($"{check.Path}.parameters", "employerName", new LocalizedText("单位名称字段", "The employer's name field"));
            check.Field($"{check.Path}.parameters", "riskClass", new LocalizedText("行业风险类别字段", "The risk class field"));
        }

        if (check.Parameters.GetValueOrDefault("on") is { } on)
        {
            check.Field($"{check.Path}.parameters.on", on, new LocalizedText("办理日期字段", "The field of the day"));
        }

        if (check.Parameters.GetValueOrDefault("checkOnly") is { } checkOnly && checkOnly is not ("true" or "false"))
        {
            check.Problem($"{check.Path}.parameters.checkOnly", DefinitionRules.UndeclaredField, "checkOnly is \"true\" or \"false\".");
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Progress.Data;
        var checkOnly = context.Parameters.GetValueOrDefault("checkOnly") == "true";
        var plan = Data(() =>
        {
            var code = CreditCode.Parse(data.GetText(CreditCodeField), CreditCodeField);
            return operation switch
            {
                EmployerRegisterOperation.Register => new EmployerRegisterPlan(operation, code, checkOnly)
                {
                    Name = checkOnly ? null : TextInput.Required(data.GetText("employerName"), "employerName", new LocalizedText("单位名称", "Employer name"), Employer.NameMaxLength),
                    RiskClass = checkOnly ? null : RiskClassOf(data, "riskClass"),
                    // Checked at the start too: a mistyped item is named when the case is opened, not after the review.
                    Details = EmployerDetails.Parse(InputOf(data), Cases.Domain.Calendar.ChinaTime.DateOf(context.Now)),
                },
                EmployerRegisterOperation.Change => new EmployerRegisterPlan(operation, code, checkOnly)
                {
                    Change = new EmployerChange
                    {
                        CreditCode = data.GetText("newCreditCode") is { Length: > 0 } changed ? CreditCode.Parse(changed, "newCreditCode") : null,
                        Name = data.GetText("newName"),
                        RiskClass = data.Has("newRiskClass") ? RiskClassOf(data, "newRiskClass") : null,
                        Details = EmployerDetails.Parse(InputOf(data)),
                        LaborDispatch = data["laborDispatch"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null,
                    },
                },
                _ => new EmployerRegisterPlan(operation, code, checkOnly),
            };
        });
        context.Progress.Effects.Add(plan);
        if (checkOnly)
        {
            return;
        }

        var today = Cases.Domain.Calendar.ChinaTime.DateOf(context.Now);
        if (context.Parameters.GetValueOrDefault("on") is { } onField)
        {
            data.Set(onField, JsonValue.Create(Clocks.Format(today)));
        }

        var journal = new JsonObject { ["operation"] = name, ["creditCode"] = plan.CreditCode.Value, ["on"] = Clocks.Format(today) };
        context.Progress.Journal.Add(new JournalPlan(EmployerJournalActions.RegisterChanged, context.State, context.State, journal));
    }

    /// <summary>The case data's items of 第七条 under the names the register's API uses.</summary>
    private static EmployerInput InputOf(CaseData data)
    {
        var rep = data["legalRepresentative"] as JsonObject;
        return new EmployerInput
        {
            UnitType = data.GetText("unitType"),
            EconomicType = data.GetText("economicType"),
            Affiliation = data.GetText("affiliation"),
            RegistrationAuthority = data.GetText("registrationAuthority"),
            EstablishedOn = data.GetDate("establishedOn"),
            Industry = data.GetText("industry"),
            Address = data.GetText("address"),
            Phone = data.GetText("phone"),
            LegalRepresentativeName = Text(rep, "name"),
            LegalRepresentativeDocumentType = Text(rep, "idType"),
            LegalRepresentativeDocumentNumber = Text(rep, "idNumber"),
            LegalRepresentativePhone = Text(rep, "phone"),
            LaborDispatch = data["laborDispatch"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null,
            DispatchRiskBasis = data.GetText("dispatchRiskBasis"),
        };
    }

    private static string? Text(JsonObject? o, string member) =>
        o?[member] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // A definition's enum of risk classes holds "1" … "8"; an integer field holds the number.
    private static IndustryRiskClass RiskClassOf(CaseData data, string field) =>
        data[field] is JsonValue v && (v.TryGetValue<int>(out var n) || (v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n)))
            ? IndustryRiskClass.From(n, field)
            : throw new DomainValidationException(field, new LocalizedText("行业风险类别必须选择（一类至八类）。", "Industry risk class is required (1 to 8, 一类 to 八类)."));

    // The domain names the field as the register's API does; in a case it is a field of the case's data.
    private static EmployerRegisterPlan Data(Func<EmployerRegisterPlan> plan)
    {
        try
        {
            return plan();
        }
        catch (DomainValidationException e) when (!e.Field.StartsWith("data.", StringComparison.Ordinal))
        {
            throw new DomainValidationException("data." + DataField(e.Field), e.Text) { Reason = e.Reason };
        }
    }

    private static string DataField(string field) => field switch
    {
        "name" => "employerName",
        "creditCode" => CreditCodeField,
        "legalRepresentative.documentType" => "legalRepresentative.idType",
        "legalRepresentative.documentNumber" => "legalRepresentative.idNumber",
        _ => field,
    };
}

/// <summary>The journal's record of a change of the employer register.</summary>
public static class EmployerJournalActions
{
    /// <summary>An employer procedure registered, changed, flagged or deregistered an employer (第六、十五、十八条).</summary>
    public const string RegisterChanged = "employer-register-changed";
}
