using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Registry;

/// <summary>What an update-register action writes: the entry (by its key, in the case's city) and the new values.</summary>
/// <param name="Register">The register written.</param>
/// <param name="Key">The entry's key as the case names it.</param>
/// <param name="Values">Property → its new value.</param>
/// <param name="Stated">The register's properties as the case holds them (through its ref's fills) when the step ran:
/// a period the register does not hold yet is recorded as the case states it before it is extended.</param>
/// <param name="Others">The written properties that are not dates (injury pages: the appraisal's grade and self-care level,
/// the medical-dependency exception), as the case holds them.</param>
public sealed record RegisterUpdatePlan(
    RegisterKind Register, string Key, IReadOnlyDictionary<string, DateOnly> Values, IReadOnlyDictionary<string, DateOnly> Stated,
    IReadOnlyDictionary<string, JsonNode?>? Others = null) : IProgressEffect;

/// <summary>
/// "update-register": a step's outcome written to the register the case started from, in the step's transaction —
/// an approved rehabilitation extension sets the injury case's period end (第四十九条, so a later reimbursement checks
/// 第四十四条 against it), an approved term extension or an early completion sets the project's term (第九条).
/// Parameters: <c>register</c>, <c>key</c> (the start field naming the entry, declared with a <c>ref</c> to that
/// register) and each writable property → the date field holding its new value.
/// </summary>
public sealed class UpdateRegisterAction : IWorkflowAction
{
    public string Name => "update-register";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, parameters) = (check.Path + ".parameters", check.Parameters);
        if (Registers.Find(parameters.GetValueOrDefault("register")) is not { } register)
        {
            check.Problem(path + ".register", DefinitionRules.RegisterRef, new LocalizedText(
                $"update-register 须写明登记簿：{string.Join("、", Registers.All.Select(r => r.Name))}。",
                $"update-register needs a register: {string.Join(", ", Registers.All.Select(r => r.Name))}."));
            return;
        }

        var key = parameters.GetValueOrDefault("key");
        if (key is null || check.Definition.Data.GetValueOrDefault(key)?.Ref?.Register != register.Name)
        {
            check.Problem(path + ".key", DefinitionRules.RegisterRef, new LocalizedText(
                $"update-register 的 key 须是引用{register.Title.Zh}登记（ref）的立案字段，现为“{key}”。",
                $"update-register's key must be a start field with a ref to the {register.Title.En} register; got \"{key}\"."));
        }

        var written = parameters.Keys.Where(p => p is not ("register" or "key")).ToList();
        if (written.Count == 0)
        {
            check.Problem(path, DefinitionRules.RegisterRef, new LocalizedText("update-register 至少要写入一项。", "update-register writes at least one property."));
        }

        foreach (var property in written)
        {
            if (Registers.WritableType(register, property) is not { } type)
            {
                check.Problem($"{path}.{property}", DefinitionRules.RegisterRef, new LocalizedText(
                    $"{register.Title.Zh}登记中可写入的只有：{string.Join("、", register.Writable)}。",
                    $"The {register.Title.En} register takes only: {string.Join(", ", register.Writable)}."));
                continue;
            }

            var field = parameters[property];
            check.Field($"{path}.{property}", field, new LocalizedText($"写入{register.Title.Zh}的“{property}”", $"The field written to the {register.Title.En}'s {property}"));

            // Injury pages: a text property (the self-care level) may come from a choice of values.
            if (check.Definition.Data.GetValueOrDefault(field)?.Type is { } fieldType && fieldType != type && !(type == "string" && fieldType == "enum"))
            {
                check.Problem($"{path}.{property}", DefinitionRules.RegisterRef, new LocalizedText($"字段“{field}”是 {fieldType} 类型，须为 {type}。", $"\"{field}\" is a {fieldType} field; it must be a {type}."));
            }
        }

        // Injury pages: a grade or self-care level is one appraisal conclusion, which has its day (第七十八条).
        if (register.Kind == RegisterKind.InjuryCase && written.Any(p => p is "disabilityGrade" or "selfCareLevel") && !written.Contains("appraisedOn"))
        {
            check.Problem(path + ".appraisedOn", DefinitionRules.RegisterRef, new LocalizedText(
                "写入伤残等级或生活自理障碍程度时，须同时写入鉴定日期（appraisedOn）。",
                "Writing the disability grade or self-care level needs the appraisal day (appraisedOn) too."));
        }

        // 第六十条: the medical-dependency exception belongs to one end of the employment.
        if (register.Kind == RegisterKind.InjuryCase && written.Contains("keepsMedicalTreatment") && !written.Contains("employmentEndedOn"))
        {
            check.Problem(path + ".employmentEndedOn", DefinitionRules.RegisterRef, new LocalizedText(
                "写入医疗依赖（keepsMedicalTreatment）时，须同时写入劳动关系终止日期（employmentEndedOn）。",
                "Writing keepsMedicalTreatment needs the day the employment ended (employmentEndedOn) too."));
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var data = context.Progress.Data;
        var register = Registers.Find(p["register"])!;
        var key = data.GetText(p["key"]) ?? throw new DomainRuleException(new LocalizedText(
            $"案件中没有{register.Title.Zh}，无法写入登记。", $"The case names no {register.Title.En}; nothing was written to the register."));
        var values = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var others = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var journal = new JsonObject { ["register"] = register.Name, ["key"] = key };
        foreach (var (property, field) in p.Where(x => x.Key is not ("register" or "key")))
        {
            if (Registers.WritableType(register, property) != "date")
            {
                // Injury pages: a grade left empty is "no grade reached", written with its conclusion's day.
                others[property] = data[field]?.DeepClone();
                journal[property] = data[field]?.DeepClone();
                continue;
            }

            // A value the step did not give (an early completion without a day) writes nothing for that property.
            if (data.GetDate(field) is { } day)
            {
                values[property] = day;
                journal[property] = Clocks.Format(day);
            }
        }

        if (values.Count == 0)
        {
            return;
        }

        var stated = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var (field, property) in context.Definition.Data[p["key"]].Ref?.Fills ?? [])
        {
            if (data.GetDate(field) is { } day)
            {
                stated[property] = day;
            }
        }

        context.Progress.Effects.Add(new RegisterUpdatePlan(register.Kind, key, values, stated, others));
        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.RegisterUpdated, context.State, context.State, journal));
    }
}

/// <summary>
/// Writes the register updates the progress planned, through the entries' own rules (an extended period is not
/// extended again, 第四十九条; a completed project's term does not move, 第九条), in the command's unit of work: a
/// refusal refuses the step, and nothing of it is saved.
/// </summary>
public sealed class RegisterUpdates(CasesDb db) : IProgressEffectWriter
{
    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var city = effects.Case.CityCode;
        foreach (var plan in effects.Effects.OfType<RegisterUpdatePlan>())
        {
            switch (plan.Register)
            {
                case RegisterKind.InjuryCase:
                    var injury = Guid.TryParse(plan.Key, out var id) ? await db.InjuryCases.SingleOrDefaultAsync(i => i.Id == id && i.CityCode == city, ct) : null;
                    if (injury is null)
                    {
                        throw Missing(plan);
                    }

                    if (plan.Values.TryGetValue("rehabEndsOn", out var endsOn))
                    {
                        injury.ExtendRehabilitation(endsOn, plan.Stated.TryGetValue("rehabStartsOn", out var s) ? s : null, plan.Stated.TryGetValue("rehabEndsOn", out var e) ? e : null);
                    }

                    // 第六十条: the end of the labour relation closes fund-paid treatment from the next month, unless the
                    // worker keeps it for a medical dependency (recorded with it, in the same step).
                    if (plan.Values.TryGetValue("employmentEndedOn", out var endedOn))
                    {
                        injury.RecordEmploymentEnd(endedOn, plan.Others?.GetValueOrDefault("keepsMedicalTreatment") is JsonValue keeps && keeps.TryGetValue<bool>(out var flag) && flag);
                    }

                    if (plan.Values.TryGetValue("appraisedOn", out var appraisedOn))
                    {
                        RecordAppraisal(injury, appraisedOn, plan.Others ?? new Dictionary<string, JsonNode?>(), effects);
                    }

                    break;
                case RegisterKind.Project:
                    var project = await db.ConstructionProjects.SingleOrDefaultAsync(x => x.ProjectCode == plan.Key && x.CityCode == city, ct) ?? throw Missing(plan);
                    if (plan.Values.TryGetValue("contractEndsOn", out var newEnd))
                    {
                        project.ExtendTo(newEnd);
                    }

                    if (plan.Values.TryGetValue("completedOn", out var completed))
                    {
                        project.CompleteOn(completed);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"The {plan.Register} register takes no updates.");
            }
        }
    }

    // Injury pages: a committee-appraisal step's conclusion replaces the one in force (第七十八条) through the injury
    // case's own rules, and joins its history with the case that wrote it, in the step's transaction.
    private void RecordAppraisal(Domain.Injuries.InjuryCase injury, DateOnly appraisedOn, IReadOnlyDictionary<string, JsonNode?> others, ProgressEffects effects)
    {
        Domain.Injuries.DisabilityGrade? grade = others.GetValueOrDefault("disabilityGrade") is JsonValue g && g.TryGetValue<decimal>(out var number)
            ? Domain.Injuries.DisabilityGrade.From(decimal.IsInteger(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : 0, "data.disabilityGrade")
            : null;
        var level = others.GetValueOrDefault("selfCareLevel") is JsonValue l && l.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? Injuries.RecordAppraisalHandler.ParseLevel(text, "data.selfCareLevel")
            : Domain.Injuries.SelfCareLevel.None;
        injury.RecordAppraisal(grade, level, appraisedOn);
        db.InjuryAppraisals.Add(Injuries.RecordAppraisalHandler.History(injury, null, effects.Actor, effects.Now, effects.Case.Id));
    }

    private static DomainRuleException Missing(RegisterUpdatePlan plan) => new(new LocalizedText(
        $"本市的{Registers.Of(plan.Register).Title.Zh}登记中没有“{plan.Key}”，未能写入。", $"The city's {Registers.Of(plan.Register).Title.En} register has no \"{plan.Key}\"; nothing was written."));
}
