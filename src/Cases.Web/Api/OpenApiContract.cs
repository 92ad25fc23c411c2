using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cases.Web.Api;

/// <summary>
/// What /openapi/v1.json promises beyond the routes, so that a client generated from it (Kiota, NSwag) works: every
/// failure the server can answer, as the ProblemDetails it sends under application/problem+json (docs/adr/0004), with the
/// extensions a client needs (<c>errors</c>, <c>current</c>, <c>year</c>, <c>parameter</c>); enums typed as the strings
/// the server writes; the cookie sign-in as a security scheme; an operationId per operation; no server address (the
/// document is read from the server it describes).
/// </summary>
public static partial class OpenApiContract
{
    public const string ProblemJson = "application/problem+json";

    public const string CookieScheme = "cookie";

    /// <summary>What each tag of the API is for, in Chinese and English: a generated client names its groups after them.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Administration"] = "用户与角色（系统管理员）。 Users and their roles (administrators).",
        ["Audit"] = "个人信息查看记录（审计人员，规程第一百四十条）。 Who viewed whose personal data (auditors, 第一百四十条).",
        ["Auth"] = "登录与退出（Cookie 会话）。 Sign-in and sign-out (a cookie session).",
        ["Calculations"] = "待遇与费用计算器，逐步说明。 Benefit and fee calculators, explained step by step.",
        ["Calendar"] = "工作日日历与法定期限计算。 The working-day calendar and statutory periods.",
        ["Cases"] = "立案、案件查询、事件登记与案件日志。 Opening cases, finding them, recording events, the case journal.",
        ["Casework"] = "备注、附件与一次性告知书。 Comments, attachments and one-time notices.",
        ["Definitions"] = "业务流程定义：校验、发布、审批、试运行。 Procedure definitions: validate, publish, approve, dry-run.",
        ["Employers"] = "参保单位登记与查询（按城市）。 Employers: registration and lookup, by city.",
        ["Inbox"] = "已保存的待办筛选。 Saved inbox filters.",
        ["Ledgers"] = "先行支付与第三人医疗费台账。 The advance-payment and third-party medical ledgers.",
        ["Parameters"] = "计发参数及其来源（按年度、城市）。 Benefit parameters with their sources, by year and city.",
        ["Supervision"] = "督办：时限、升级事项、改派、导出。 Supervision: deadlines, escalations, reassignment, exports.",
        ["Tasks"] = "待办任务：领取、放回、改派、办结。 Tasks: claim, release, assign, complete.",
        ["Test clock"] = "测试时钟（仅开发与培训环境）。 The test clock (development and training only).",
        ["Workers"] = "参保人员登记与查询（身份号码默认遮蔽）。 Workers: registration and lookup (identity numbers masked by default).",
        ["Injury cases"] = "工伤案件登记：按工伤认定决定登记、查询，确认康复期（按城市）。 Injury cases: registered from the recognition decision, found, the rehabilitation period confirmed (by city).",
        ["Projects"] = "建设项目参保登记、实名制备案（按城市）。 Construction projects: registration and the real-name filing of their workers (by city).",
        // People
        ["Parties"] = "当事人查找：职工、用人单位、建设项目（按城市，号码遮蔽）。 Parties: find workers, employers and projects (by city, numbers masked).",
        ["Entitlements"] = "定期待遇：伤残津贴、生活护理费、供养亲属抚恤金及其变更记录（按城市）。 Monthly benefits — disability allowance, nursing care, dependants' pensions — with their history (by city).",
        ["Catalogues"] = "三目录：药品目录、诊疗项目目录、住院服务标准，按版本导入与查询。 The three catalogues (drugs, treatment items, inpatient services), loaded by version and searched.",
        ["Payments"] = "支付单、银行批次、银行回盘与支付台账（第九十四、九十六条）。 Payment orders, bank batches, the bank's results and the payment ledger (第九十四、九十六条).",
        // Letters
        ["Letters"] = "核定通知书：已办结待遇案件的核定结果（第九十四条）。 Decision letters: what an ended benefit case decided (第九十四条).",
        // Payroll
        ["Payroll"] = "月度发放：按城市逐月计算定期待遇（含补发、多发扣回），主管审批后支付（第九十六条）。 The monthly payroll of periodic benefits by city, with arrears and recoveries, approved by a supervisor (第九十六条).",
        // datamatch
        ["DataMatches"] = "信息比对：导入民政、卫生健康、公安、司法等部门的比对数据，认证或转调查核实（第六十四条）。 Data matches: other departments' data imported, certifying recipients or flagging them for investigation (第六十四条).",
        ["Certifications"] = "领取资格认证：认证到期日、逾期暂停、认证后恢复发放（第六十三、六十四条）。 Recipients' yearly certification: due dates, suspension when overdue, resumption once certified (第六十三、六十四条).",
        ["Overpayments"] = "多发待遇追回：扣回、退还、拒不退还移交（第六十四条、第一百一十七条（五））。 Overpaid benefits and their recovery: deductions, repayments, referral of a refusal (第六十四条, 第一百一十七条（五）).",
        ["Benefit adjustments"] = "待遇调整：年度调整规则的录入、预览、审批与执行（第一百〇五条）。 The yearly benefit adjustment: entered, previewed, approved and applied (第一百〇五条).",
    };

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer(EnumsAsStrings);
        options.AddDocumentTransformer(DescribeAsync);
    }

    /// <summary>
    /// The server writes enums as camel-case strings (JsonStringEnumConverter, no integers): say so, or a generated client
    /// reads the values as numbers and fails on every answer holding one.
    /// </summary>
    private static Task EnumsAsStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if ((underlying ?? type).IsEnum)
        {
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        }

        // Amounts and rates are decimals, not binary floating point: a client that reads them as double loses fen.
        if ((underlying ?? type) == typeof(decimal))
        {
            schema.Format = "decimal";
        }

        return Task.CompletedTask;
    }

    private static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "工伤保险经办系统 API / Work-injury insurance case management API";
        document.Info.Description =
            "山东省工伤保险经办的业务流程、待办、台账与计算。错误以 application/problem+json（RFC 9457）答复，detail 按 Accept-Language（默认中文）。" +
            " Procedures, tasks, ledgers and calculators of the Shandong work-injury insurance agency. Failures answer application/problem+json (RFC 9457), " +
            "their detail in the language of Accept-Language (Chinese by default). 数字一律为 JSON 数字（不接受加引号的数字）；金额以元计，精确到分。 " +
            "Numbers are JSON numbers (a number in quotes is refused); amounts are in yuan, to the fen.";
        // Read from the server it describes: a fixed address would point clients at a developer's machine.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "cases.auth",
            Description = "POST /api/auth/login 登录后服务器设置的会话 Cookie；写操作另需请求头 X-Requested-With。 The session cookie set by POST /api/auth/login; " +
                "writes also send the X-Requested-With header.",
        };

        document.AddComponent("ProblemDetails", await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        document.AddComponent("HttpValidationProblemDetails", await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, ct));

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, text) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = text;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = text });
            }
        }

        var descriptions = context.DescriptionGroups.SelectMany(g => g.Items)
            .GroupBy(d => (Method: d.HttpMethod?.ToUpperInvariant() ?? "", Path: "/" + (d.RelativePath ?? "").TrimEnd('/')))
            .ToDictionary(g => g.Key, g => g.First());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                descriptions.TryGetValue((method.Method.ToUpperInvariant(), path), out var description);
                Describe(document, path, method, operation, description, ids);
            }
        }
    }

    private static void Describe(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation, ApiDescription? description, HashSet<string> ids)
    {
        operation.OperationId ??= OperationId(method, path);
        if (!ids.Add(operation.OperationId))
        {
            throw new InvalidOperationException($"Two operations of the API are both {operation.OperationId}.");
        }

        var anonymous = description?.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any() == true;
        if (!anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] }];
        }

        operation.Responses ??= [];
        var writes = method != HttpMethod.Get && method != HttpMethod.Head;
        var hasInput = writes || operation.Parameters?.Count > 0;
        if (hasInput)
        {
            Add(operation, document, "400", "HttpValidationProblemDetails",
                "输入不符合要求：errors 按字段名列出原因。 The input was refused: errors lists the reason under each field's name.");
        }

        if (!anonymous)
        {
            Add(operation, document, "401", "ProblemDetails", "未登录或会话已结束。 Not signed in, or the session has ended.");
            Add(operation, document, "403", "ProblemDetails", "角色或所在城市不允许。 The user's role or city does not allow it.");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(operation, document, "404", "ProblemDetails", "没有此记录，或它不属于本市。 No such record, or not in the user's city.");
        }

        if (writes)
        {
            Add(operation, document, "409", "ProblemDetails",
                "记录已被他人改变；current 为其现状。 The record changed meanwhile; current holds it as it is now.");
            Add(operation, document, "422", "ProblemDetails",
                "按规程不能办理；缺少参数时 parameter 与 year 指明缺哪一项。 Refused by a rule of the regulation; a missing parameter is named by parameter and year.");
        }

        Add(operation, document, "503", "ProblemDetails", "数据库暂不可用，请按 Retry-After 秒后重试。 The database is unavailable; retry after Retry-After seconds.");
        ((OpenApiResponse)operation.Responses["503"]).Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "秒数。 Seconds to wait.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        };
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string schema, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) } },
        };
    }

    /// <summary>
    /// A stable name for an operation from its method and path: GET /api/cases/{id}/journal → getCasesByIdJournal. Generated
    /// clients name their methods after it (not CasesGET2Async).
    /// </summary>
    public static string OperationId(HttpMethod method, string path)
    {
        var words = new List<string> { method.Method.ToLowerInvariant() };
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "api"))
        {
            var parameter = Parameter().Match(segment);
            words.Add(parameter.Success ? "By" + Pascal(parameter.Groups[1].Value) : Pascal(segment));
        }

        return string.Concat(words);
    }

    private static string Pascal(string text) =>
        string.Concat(Word().Split(text).Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex(@"^\{([A-Za-z0-9_]+)(?::[^}]*)?\}$")]
    private static partial Regex Parameter();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Word();
}
