namespace Cases.Workflows.Definitions;

/// <summary>A notification of a definition (on entering a state, or a reminder): to whom, and the declared fields it carries.</summary>
internal static class NotifyChecks
{
    public static void Check(CheckContext c, string path, NotifySpec notify)
    {
        RoleChecks.Recipient(c, path, notify);
        for (var i = 0; i < notify.Fields?.Count; i++)
        {
            FieldChecks.Declared(c, $"{path}.fields[{i}]", notify.Fields[i], new LocalizedText("通知携带的字段", "The notification's field"));
        }
    }
}
