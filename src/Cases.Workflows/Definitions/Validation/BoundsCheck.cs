namespace Cases.Workflows.Definitions;

/// <summary>
/// The plausibility bounds fields declare (<see cref="FieldSpec.Bounds"/>, <see cref="FieldSpec.Future"/>): a date is
/// measured against another date field or today, an amount against another decimal field; the field named exists, has
/// the same type and is not the field itself. A bound the runtime could never check, or that says nothing, is refused
/// here rather than silently ignored on a case.
/// </summary>
internal static class BoundsCheck
{
    public static void Check(CheckContext c)
    {
        foreach (var (name, spec) in c.Data)
        {
            var path = "$.data" + DefinitionValidator.PathSegment(name);
            if (spec.Future && spec.Type != "date")
            {
                c.Add(path + ".future", DefinitionRules.FieldBound, $"“{name}”是 {spec.Type} 类型；future 只用于日期字段。", $"\"{name}\" is a {spec.Type} field; future is for date fields only.");
            }

            foreach (var bound in spec.Bounds())
            {
                CheckBound(c, path + "." + bound.Member, name, spec, bound);
            }

            Nested(c, path, spec);
        }
    }

    private static void CheckBound(CheckContext c, string path, string name, FieldSpec spec, FieldBound bound)
    {
        var amount = bound.Kind is BoundKind.NotAbove or BoundKind.NotBelow;
        var type = amount ? "decimal" : "date";
        if (spec.Type != type)
        {
            c.Add(path, DefinitionRules.FieldBound,
                $"“{name}”是 {spec.Type} 类型；{bound.Member} 只用于{(amount ? "金额（decimal）" : "日期（date）")}字段。",
                $"\"{name}\" is a {spec.Type} field; {bound.Member} is for {type} fields only.");
            return;
        }

        if (bound.IsToday)
        {
            if (amount)
            {
                c.Add(path, DefinitionRules.FieldBound, $"金额不能与今天比较；{bound.Member} 须为另一个金额字段的名称。", $"An amount is not measured against today; {bound.Member} names another decimal field.");
            }
            else if (bound.Kind == BoundKind.NotAfter)
            {
                c.Add(path, DefinitionRules.FieldBound,
                    "notAfter 不能写 today：日期本来就不能晚于今天（除非字段声明 future，那时又与之矛盾）。",
                    "notAfter cannot be today: a date is never after today already (unless the field says future, which this would contradict).");
            }
            else if (!spec.Future)
            {
                c.Add(path, DefinitionRules.FieldBound,
                    $"“{name}”不早于今天、又不能晚于今天，只能是今天；若此日期可以在将来，请声明 \"future\": true。",
                    $"\"{name}\" not before today and never after it could only be today; declare \"future\": true if the date may lie ahead.");
            }

            return;
        }

        if (bound.Other == name)
        {
            c.Add(path, DefinitionRules.FieldBound, $"“{name}”不能以自身为界。", $"\"{name}\" cannot be bounded by itself.");
        }
        else if (amount && bound.Other.Split('.', 2) is [var list, var member])
        {
            // "invoices.amount": the total of a list's decimal member (FieldBounds.ListTotal).
            if (!c.Data.TryGetValue(list, out var listSpec) || listSpec.Type != "list" || listSpec.Fields?.GetValueOrDefault(member)?.Type != "decimal")
            {
                c.Add(path, DefinitionRules.FieldBound, $"{bound.Member} 所指的“{bound.Other}”须为列表字段及其金额项（如 invoices.amount）。", $"{bound.Member} names \"{bound.Other}\", which must be a list field and its decimal member (e.g. invoices.amount).");
            }
        }
        else if (!c.Data.TryGetValue(bound.Other, out var other))
        {
            c.Add(path, DefinitionRules.FieldBound, $"{bound.Member} 所指的“{bound.Other}”未在 data 中声明。", $"{bound.Member} names \"{bound.Other}\", which is not declared in data.");
        }
        else if (other.Type != type)
        {
            c.Add(path, DefinitionRules.FieldBound,
                $"{bound.Member} 所指的“{bound.Other}”是 {other.Type} 类型；“{name}”只能与{(amount ? "金额（decimal）" : "日期（date）")}字段比较。",
                $"{bound.Member} names \"{bound.Other}\", a {other.Type} field; \"{name}\" is measured against {type} fields only.");
        }
    }

    // An object's or a list item's own fields may say future (a date inside a list), but bounds name fields of data,
    // which a member of one item cannot be measured against: the runtime checks bounds on data's fields only.
    private static void Nested(CheckContext c, string path, FieldSpec spec)
    {
        foreach (var (name, inner) in spec.Fields ?? [])
        {
            var innerPath = path + ".fields" + DefinitionValidator.PathSegment(name);
            if (inner.Future && inner.Type != "date")
            {
                c.Add(innerPath + ".future", DefinitionRules.FieldBound, $"“{name}”是 {inner.Type} 类型；future 只用于日期字段。", $"\"{name}\" is a {inner.Type} field; future is for date fields only.");
            }

            foreach (var bound in inner.Bounds())
            {
                c.Add(innerPath + "." + bound.Member, DefinitionRules.FieldBound,
                    $"{bound.Member} 只用于 data 中的字段，不用于一组内容或列表中的字段。",
                    $"{bound.Member} is for the fields of data, not for the fields of an object or a list item.");
            }

            Nested(c, innerPath, inner);
        }
    }
}
