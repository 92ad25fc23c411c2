namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// The valid request of the employer register's list (第六～八条): q is a name prefix (free text) or a credit code;
    /// after is a credit code of the list (anything else is a 400 naming after); limit is 1 to 100.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> EmployersSamples => new()
    {
        [new("GET", "/api/employers")] = app => Fixed(new("officer.jinan", None, D(("q", "安全测试单位"), ("limit", "10")))
        {
            Accepts = FreeText("q", "a name prefix is free text of up to 200 characters, matched as typed"),
        }),
    };
}
