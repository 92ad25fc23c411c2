using System.Text.Json.Nodes;

namespace Cases.Workflows.Runtime;

/// <summary>The actions the product registers; definitions name them, never .NET types.</summary>
public static class BuiltInActions
{
    public static IReadOnlyList<IWorkflowAction> All() => [new NotifyAction(), new RecordAction(), new SetFieldAction(), new CalculateAction(), new MaterialsNoticeAction(), new LedgerAction()];
}

/// <summary>
/// "notify": writes a notification to the outbox (第九十四条). Parameters: <c>to</c> (employer, worker, contractor,
/// institution, role:supervisor …) and <c>template</c>; the payload carries the case data fields named in
/// <c>fields</c> (comma-separated), e.g. the list of missing materials of a one-time notice (第十五条).
/// </summary>
public sealed class NotifyAction : IWorkflowAction
{
    public string Name => "notify";

    public void Run(ActionContext context)
    {
        var to = context.Parameters.GetValueOrDefault("to", "");
        var template = context.Parameters.GetValueOrDefault("template", context.State);
        var payload = new JsonObject { ["state"] = context.State };
        foreach (var field in context.Parameters.GetValueOrDefault("fields", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            payload[field] = context.Progress.Data[field]?.DeepClone();
        }

        context.Progress.Outbox.Add(new OutboxPlan(to, template, payload));
        context.Progress.Journal.Add(new JournalPlan("notified", context.State, context.State, new JsonObject { ["to"] = to, ["template"] = template, ["payload"] = payload.DeepClone() }));
    }
}

/// <summary>"record": journals a named fact about the case (e.g. "registration updated"), with the fields named in <c>fields</c>.</summary>
public sealed class RecordAction : IWorkflowAction
{
    public string Name => "record";

    public void Run(ActionContext context)
    {
        var data = new JsonObject { ["what"] = context.Parameters.GetValueOrDefault("what", context.State) };
        foreach (var field in context.Parameters.GetValueOrDefault("fields", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            data[field] = context.Progress.Data[field]?.DeepClone();
        }

        context.Progress.Journal.Add(new JournalPlan("recorded", context.State, context.State, data));
    }
}

/// <summary>
/// "set-field": copies one case-data field into another, e.g. an approved new contract end date becoming the
/// contract end date (第九条), journaled with the old and new value. Parameters: <c>field</c> and <c>from</c>.
/// </summary>
public sealed class SetFieldAction : IWorkflowAction
{
    public string Name => "set-field";

    public void Run(ActionContext context)
    {
        var field = context.Parameters["field"];
        var from = context.Parameters["from"];
        var before = context.Progress.Data[field]?.DeepClone();
        var value = context.Progress.Data[from]?.DeepClone();
        context.Progress.Data.Set(field, value);
        context.Progress.Journal.Add(new JournalPlan("field-set", context.State, context.State, new JsonObject { ["field"] = field, ["from"] = before, ["to"] = value?.DeepClone() }));
    }
}

/// <summary>
/// "calculate": runs one of the regulation's calculators (see /api/calculations) on case data and stores the figures
/// it names back into the case; the result and its step-by-step explanation are journaled. Parameters:
/// <c>calculator</c>; <c>input</c> as "requestField=dataField, …"; <c>output</c> as "resultField=dataField, …".
/// Figures come from the case data only (no parameter table inside a transition), so a procedure asks for them in
/// its forms.
/// </summary>
public sealed class CalculateAction : IWorkflowAction
{
    public string Name => "calculate";

    public static IEnumerable<(string Left, string Right)> Pairs(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0], p.Length > 1 ? p[1] : p[0]));

    public void Run(ActionContext context)
    {
        var calculator = context.Parameters["calculator"];
        var body = new JsonObject();
        foreach (var (requestField, dataField) in Pairs(context.Parameters.GetValueOrDefault("input")))
        {
            // "expenses.mealDays" reads a field of an object field.
            var path = dataField.Split('.');
            var node = context.Progress.Data[path[0]];
            foreach (var segment in path.Skip(1))
            {
                node = (node as JsonObject)?[segment];
            }

            body[requestField] = node?.DeepClone();
        }

        var response = Calculations.RunCalculationHandler.Calculate(calculator, body, Domain.Calculations.NoParameters.Instance);
        foreach (var (resultField, dataField) in Pairs(context.Parameters.GetValueOrDefault("output")))
        {
            context.Progress.Data.Set(dataField, response.Result[resultField]?.DeepClone());
        }

        context.Progress.Journal.Add(new JournalPlan("calculated", context.State, context.State, new JsonObject
        {
            ["calculator"] = calculator,
            ["input"] = body,
            ["result"] = response.Result.DeepClone(),
            ["explanation"] = System.Text.Json.JsonSerializer.SerializeToNode(response.Explanation, Calculations.RunCalculationHandler.Json),
        }));
    }
}
