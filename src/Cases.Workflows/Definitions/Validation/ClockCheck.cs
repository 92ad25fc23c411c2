namespace Cases.Workflows.Definitions;

/// <summary>
/// A statutory clock: it names its basis (an article; a clock nobody can justify is refused), counts from exactly one
/// date — a declared date field or <see cref="DefinitionValidator.EnteredMarker"/> — by exactly one positive amount.
/// </summary>
internal static class ClockCheck
{
    /// <summary>The words every agency clock's Chinese label carries (「本机构办理时限」, 「本机构默认…」).</summary>
    public const string AgencyMark = "本机构";

    public static void Check(CheckContext c, string path, ClockSpec clock)
    {
        if (string.IsNullOrWhiteSpace(clock.Basis))
        {
            c.Add(path + ".basis", DefinitionRules.ClockWithoutBasis, "此期限没有依据：请写明出自规程哪一条，如“第二十二条”。", "The clock has no basis: name the article it comes from, e.g. \"第二十二条\".");
        }

        // An agency's target read as the law's would turn a service failure into a legal one (and back): the label
        // of an agency clock that counts a period says whose limit it is, as the regulation's own wording never does.
        // A clock "on" a date fires on a date counted elsewhere (whose label says so) and names what then happens.
        if (clock.Source == ClockSource.Agency && clock.On is null && clock.Label is { } label && !label.Zh.Contains(AgencyMark, StringComparison.Ordinal))
        {
            c.Add(path + ".label", DefinitionRules.ClockSource,
                $"此期限是本机构自定的办理时限（source 为 agency），其中文名称须写明“{AgencyMark}”，以免被读作规程规定的法定时限。",
                $"The clock is the agency's own target (source \"agency\"); its Chinese label must say \"{AgencyMark}\" so that nobody reads it as a statutory limit.");
        }

        var anchors = new[] { clock.After, clock.Before, clock.On }.Count(a => a is not null);
        if (anchors != 1)
        {
            c.Add(path, DefinitionRules.ClockAmount, anchors == 0
                ? new LocalizedText("此期限须写明 after、before 或 on 之一：从哪个日期起算。", "The clock needs \"after\", \"before\" or \"on\": the date it counts from.")
                : new LocalizedText("此期限同时写了 after、before、on 中的多项；只能从一个日期起算。", "The clock names more than one of \"after\", \"before\" and \"on\"; it counts from exactly one date."));
        }

        var amounts = new (string Name, int? Value)[] { ("workingDays", clock.WorkingDays), ("calendarDays", clock.CalendarDays), ("months", clock.Months) };
        var given = amounts.Where(a => a.Value is not null).ToList();
        if (clock.On is not null)
        {
            if (given.Count > 0)
            {
                c.Add(path, DefinitionRules.ClockAmount, "用 on 写的期限就是该日期本身，不能再写 workingDays、calendarDays 或 months。", "A clock \"on\" a date is that date itself; it takes no workingDays, calendarDays or months.");
            }

            given.Clear();
        }
        else if (given.Count != 1)
        {
            c.Add(path, DefinitionRules.ClockAmount, given.Count == 0
                ? new LocalizedText("此期限须写明时长：workingDays、calendarDays、months 三者之一。", "The clock needs its amount: exactly one of workingDays, calendarDays and months.")
                : new LocalizedText(
                    $"此期限同时写了 {string.Join("、", given.Select(a => a.Name))}；只能写 workingDays、calendarDays、months 三者之一。",
                    $"The clock has {string.Join(" and ", given.Select(a => a.Name))}; it needs exactly one of workingDays, calendarDays and months."));
        }

        foreach (var (amountName, value) in given)
        {
            if (value <= 0)
            {
                c.Add($"{path}.{amountName}", DefinitionRules.ClockAmount, $"{amountName} 须大于 0，现为 {value}。", $"{amountName} must be greater than 0, not {value}.");
            }
        }

        foreach (var (member, field) in new[] { ("after", clock.After), ("before", clock.Before), ("on", clock.On) })
        {
            if (field is null || field == DefinitionValidator.EnteredMarker)
            {
                continue;
            }

            if (!c.Data.TryGetValue(field, out var spec))
            {
                c.Add($"{path}.{member}", DefinitionRules.UndeclaredField,
                    $"此期限从“{field}”起算，但 data 中没有声明该字段（或使用“{DefinitionValidator.EnteredMarker}”，即进入本环节之日）。",
                    $"The clock counts from \"{field}\", which is not declared in data (or use \"{DefinitionValidator.EnteredMarker}\").");
            }
            else if (spec.Type != "date")
            {
                c.Add($"{path}.{member}", DefinitionRules.ClockFieldNotDate, $"此期限从“{field}”起算，但它是 {spec.Type} 类型；起算字段须为日期。", $"The clock counts from \"{field}\", a {spec.Type} field; it must be a date.");
            }
        }
    }
}
