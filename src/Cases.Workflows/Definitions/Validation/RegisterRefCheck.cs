namespace Cases.Workflows.Definitions;

/// <summary>
/// A start field naming a register's entry (<see cref="RegisterRef"/>): a string field listed in startWith (the entry is
/// looked up when the case starts), a register that exists, and fills that copy properties the register has into
/// declared fields of the same type — so a definition cannot promise a worker the register does not give.
/// </summary>
internal static class RegisterRefCheck
{
    public static void Check(CheckContext c)
    {
        foreach (var (field, spec) in c.Data)
        {
            if (spec.Ref is not { } reference)
            {
                continue;
            }

            var path = "$.data" + DefinitionValidator.PathSegment(field) + ".ref";
            if (spec.Type != "string")
            {
                c.Add(path, DefinitionRules.RegisterRef, $"字段“{field}”引用登记信息，须为文本（string）字段，现为 {spec.Type}。", $"\"{field}\" names a register entry; it must be a string field, not {spec.Type}.");
            }

            if (!c.Definition.StartWith.Contains(field))
            {
                c.Add(path, DefinitionRules.RegisterRef, $"登记信息在立案时核对，字段“{field}”须列在 startWith 中。", $"A register entry is checked when the case starts: \"{field}\" must be listed in startWith.");
            }

            if (Registers.Find(reference.Register) is not { } register)
            {
                var known = string.Join(", ", Registers.All.Select(r => r.Name));
                c.Add(path + ".register", DefinitionRules.RegisterRef, $"没有名为“{reference.Register}”的登记簿；可用：{known}。", $"There is no register \"{reference.Register}\"; known: {known}.");
                continue;
            }

            foreach (var (target, property) in reference.Fills ?? [])
            {
                var fillPath = path + ".fills" + DefinitionValidator.PathSegment(target);
                if (!register.Properties.TryGetValue(property, out var type))
                {
                    var known = string.Join(", ", register.Properties.Keys);
                    c.Add(fillPath, DefinitionRules.RegisterRef, $"{register.Title.Zh}登记中没有“{property}”；可用：{known}。", $"The {register.Title.En} register has no \"{property}\"; known: {known}.");
                }
                else if (target == field || !c.Data.TryGetValue(target, out var targetSpec))
                {
                    c.Add(fillPath, DefinitionRules.RegisterRef, $"取自登记的字段“{target}”未在 data 中声明（或就是引用字段本身）。", $"The filled field \"{target}\" is not declared in data (or is the naming field itself).");
                }
                // A register's text may fill an enum field: the start data's own check then holds it to the enum's values
                // (a self-care level is one of four).
                else if (targetSpec.Type != type && !(type == "string" && targetSpec.Type == "enum"))
                {
                    c.Add(fillPath, DefinitionRules.RegisterRef, $"字段“{target}”是 {targetSpec.Type} 类型，而{register.Title.Zh}登记的“{property}”是 {type}。", $"\"{target}\" is a {targetSpec.Type} field; the {register.Title.En} register's \"{property}\" is a {type}.");
                }
            }
        }
    }
}
