using System.Text.Json.Nodes;
using Cases.Domain.Calculations;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Calculations;

/// <summary>
/// "calculate": runs one of the regulation's calculators (see /api/calculations) on case data and stores the figures
/// it names back into the case; the result and its step-by-step explanation are journaled. Parameters:
/// <c>calculator</c>; <c>input</c> as "requestField=dataField, …" (a dataField "list[].key" gives the array of that
/// key over the list's items, "list[].a|b" the array of objects with those keys); <c>output</c> as
/// "resultField=dataField, …" ("result[].key=list[].key" writes each result item's figure into the same list item).
/// Figures come from the case data only (no parameter table inside a transition), so a procedure asks for them in
/// its forms.
/// </summary>
public sealed class CalculateAction : IWorkflowAction
{
    public string Name => "calculate";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var calculator = check.Parameters.GetValueOrDefault("calculator");
        if (calculator is null || CalculatorCatalog.Find(calculator) is null)
        {
            check.Problem($"{check.Path}.parameters.calculator", DefinitionRules.UnknownAction,
                $"\"{calculator}\" is not a calculator; known: {string.Join(", ", CalculatorCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal))}.");
        }

        foreach (var member in new[] { "input", "output" })
        {
            foreach (var (_, field) in Pairs(check.Parameters.GetValueOrDefault(member)))
            {
                check.Field($"{check.Path}.parameters.{member}", field.Split('.', '[')[0], $"The calculate {member} field");
            }
        }
    }

    /// <summary>One key of a list item ("amount"), or several as an object ("name|relation|orphanOrSolitaryElder").</summary>
    private static JsonNode? Pick(JsonObject? item, string keys)
    {
        if (!keys.Contains('|', StringComparison.Ordinal))
        {
            return item?[keys]?.DeepClone();
        }

        var picked = new JsonObject();
        foreach (var key in keys.Split('|'))
        {
            if (item?[key] is { } value)
            {
                picked[key] = value.DeepClone();
            }
        }

        return picked;
    }

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
            // "wages[].amount" reads one key of every item of a list field, as the array a calculator takes (the
            // twelve monthly wages of 第七十七条).
            if (dataField.Split("[].", 2) is [var list, var key])
            {
                body[requestField] = new JsonArray([.. (context.Progress.Data[list] as JsonArray ?? []).Select(item => Pick(item as JsonObject, key))]);
                continue;
            }

            // "expenses.mealDays" reads a field of an object field.
            var path = dataField.Split('.');
            var node = context.Progress.Data[path[0]];
            foreach (var segment in path.Skip(1))
            {
                node = (node as JsonObject)?[segment];
            }

            body[requestField] = node?.DeepClone();
        }

        var response = RunCalculationHandler.Calculate(calculator, body, NoParameters.Instance);
        foreach (var (resultField, dataField) in Pairs(context.Parameters.GetValueOrDefault("output")))
        {
            // "dependants[].amount=dependants[].monthlyAmount" writes each result item's figure into the same item of a
            // list field (each dependant's pension beside the dependant, 第八十四条).
            if (resultField.Split("[].", 2) is [var resultList, var resultKey] && dataField.Split("[].", 2) is [var list, var key])
            {
                var items = (context.Progress.Data[list] as JsonArray)?.DeepClone() as JsonArray ?? [];
                var figures = response.Result[resultList] as JsonArray ?? [];
                for (var i = 0; i < items.Count && i < figures.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        item[key] = (figures[i] as JsonObject)?[resultKey]?.DeepClone();
                    }
                }

                context.Progress.Data.Set(list, items);
                continue;
            }

            context.Progress.Data.Set(dataField, response.Result[resultField]?.DeepClone());
        }

        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.Calculated, context.State, context.State, new JsonObject
        {
            ["calculator"] = calculator,
            ["input"] = body,
            ["result"] = response.Result.DeepClone(),
            ["explanation"] = Journaled(response.Explanation),
        }));
    }

    /// <summary>
    /// The explanation as the journal keeps it: each step's name and formula in both languages ({zh, en}), so the case's
    /// journal, read for years by officers and auditors in either language (规程 第一百二十条 留痕可溯), shows the reader's.
    /// </summary>
    public static JsonArray Journaled(IReadOnlyList<ExplanationStep> steps)
    {
        var journaled = new JsonArray();
        foreach (var step in steps)
        {
            var node = System.Text.Json.JsonSerializer.SerializeToNode(step, RunCalculationHandler.Json)!.AsObject();
            node["step"] = JournalFields.Store(step.Name);
            node["formula"] = JournalFields.Store(step.Rule);
            journaled.Add(node);
        }

        return journaled;
    }
}
