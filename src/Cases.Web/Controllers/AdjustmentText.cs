namespace Cases.Web.Controllers;

/// <summary>Adjust: the labels of a rule's status, as the resource keys say them (the English comes from the resx).</summary>
public static class AdjustmentText
{
    public static string Status(string status) => status switch
    {
        "draft" => "待审批",
        "approved" => "已审批",
        "applied" => "已执行",
        _ => "已作废",
    };

    public static string Benefit(string benefit) => benefit switch
    {
        "disability-allowance" => "伤残津贴",
        "nursing-care" => "生活护理费",
        _ => "供养亲属抚恤金",
    };
}
