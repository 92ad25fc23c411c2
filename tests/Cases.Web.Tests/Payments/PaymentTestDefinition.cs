using System.Security.Cryptography;
using System.Text;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Payments;

/// <summary>
/// A procedure that exists only in the tests: a reviewer approves a benefit and the step after it runs "payment-order"
/// (第九十四条: payee, amount, account). Stored as an approved version, as a designer's publication would leave it.
/// </summary>
public static class PaymentTestDefinition
{
    public const string Key = "test-payment";

    public const string Json = """
    {
      "key": "test-payment",
      "version": 1,
      "title": { "zh": "待遇支付（测试）", "en": "Benefit payment (test)" },
      "basis": ["第九十四条", "第九十六条"],
      "initial": "approve",
      "data": {
        "injuryCaseId": { "type": "string", "label": { "zh": "工伤案件", "en": "Injury case" } },
        "payee": { "type": "string", "label": { "zh": "支付对象", "en": "Payee" } },
        "payeeKind": { "type": "string", "label": { "zh": "支付对象类别", "en": "Payee kind" } },
        "account": { "type": "string", "label": { "zh": "支付账号", "en": "Account" } },
        "bank": { "type": "string", "label": { "zh": "开户银行", "en": "Bank" } },
        "amount": { "type": "decimal", "label": { "zh": "支付金额", "en": "Amount" } },
        "period": { "type": "string", "label": { "zh": "支付期间", "en": "Period" } }
      },
      "startWith": ["injuryCaseId", "payee", "payeeKind", "account", "bank", "amount", "period"],
      "states": {
        "approve": {
          "kind": "task",
          "role": "reviewer",
          "title": { "zh": "复核待遇支付", "en": "Approve the payment" },
          "deadline": {
            "after": "$entered", "workingDays": 5, "source": "agency", "basis": "第九十四条",
            "label": { "zh": "本机构5个工作日内复核", "en": "This agency: within 5 working days" }
          },
          "form": [ { "field": "amount", "required": true }, { "field": "account", "required": true }, { "field": "bank", "required": true } ],
          "outcomes": { "approved": { "to": "order", "label": { "zh": "同意支付", "en": "Approved" } } }
        },
        "order": {
          "kind": "action", "action": "payment-order",
          "title": { "zh": "生成支付单（第九十四条）", "en": "Order the payment (第九十四条)" },
          "parameters": {
            "amount": "amount", "benefit": "disability-lump-sum", "article": "第九十五条", "injuryCase": "injuryCaseId",
            "payee": "payee", "payeeKind": "payeeKind", "account": "account", "bank": "bank", "period": "period"
          },
          "to": "ordered"
        },
        "ordered": { "kind": "end", "outcome": "ordered", "title": { "zh": "已生成支付单", "en": "Payment ordered" } }
      }
    }
    """;

    /// <summary>Stores the definition in the app's database as an approved version 1 (once per app).</summary>
    public static async Task InstallAsync(AppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.InDbAsync(async db =>
        {
            if (!db.Definitions.Any(d => d.Key == Key))
            {
                db.Definitions.Add(new Cases.Workflows.Records.StoredDefinition
                {
                    Key = Key, Version = 1, TitleZh = "待遇支付（测试）", TitleEn = "Benefit payment (test)", Json = Json,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json))),
                    PublishedAt = app.Factory.Clock.GetUtcNow(), PublishedBy = "tests", Status = Cases.Workflows.Records.PublicationStatus.Approved,
                });
                await db.SaveChangesAsync();
            }

            return 0;
        });
    }
}
