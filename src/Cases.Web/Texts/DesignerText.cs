using Cases.Workflows.Definitions;
using Cases.Workflows.Records;

namespace Cases.Web.Texts;

/// <summary>The designer pages' words for a version's publication: its status, the kinds of sensitive change, the journal's steps.</summary>
public static class DesignerText
{
    public static string Status(IStringLocalizer L, PublicationStatus status) => status switch
    {
        PublicationStatus.Pending => L["待审批"],
        PublicationStatus.Rejected => L["已驳回"],
        _ => L["已启用"],
    };

    public static string Kind(IStringLocalizer L, SensitiveChangeKind kind) => kind switch
    {
        SensitiveChangeKind.SeparationRemoved => L["取消岗位不相容"],
        _ => L["变更支付审批"],
    };

    public static string Action(IStringLocalizer L, PublicationAction action) => action switch
    {
        PublicationAction.Proposed => L["提交审批"],
        PublicationAction.Approved => L["批准启用"],
        PublicationAction.Rejected => L["驳回"],
        _ => L["发布"],
    };
}
