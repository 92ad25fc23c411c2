using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private const string Source = "mini.json";
    private readonly DefinitionValidator _validator = new(BuiltInActions.All());

    private IReadOnlyList<DefinitionError> Errors(Action<JsonObject> change, string source = Source) =>
        _validator.Validate(DefinitionFixtures.Mini(change), source).Errors;

    private static void AssertSingle(IReadOnlyList<DefinitionError> errors, string rule, string path)
    {
        var error = Assert.Single(errors);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    // ------------------------------------------------------------ valid definitions

    [Fact]
    public void Validator_accepts_the_mini_definition()
    {
        var (definition, errors) = _validator.Validate(DefinitionFixtures.MiniJson, Source);
        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.Equal("mini", definition.Key);
        Assert.Equal(6, definition.States.Count);
    }

    [Fact]
    public void Validator_accepts_the_demo_filing_definition()
    {
        var path = Path.Combine(DefinitionFixtures.WorkflowsFolder(), "demo-filing.json");
        var (definition, errors) = _validator.Validate(File.ReadAllText(path), Path.GetFileName(path));

        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.Equal("./schema/workflow-definition.schema.json", definition.Schema);
        Assert.Equal(Enum.GetValues<StateKind>(), definition.States.Values.Select(s => s.Kind).Distinct().Order());
        var clocks = DefinitionDiff.Clocks(definition).Values.ToList();
        Assert.Contains(clocks, c => c.WorkingDays is not null && c.After is not null && c.After != DefinitionValidator.EnteredMarker);
        Assert.Contains(clocks, c => c.CalendarDays is not null);
        Assert.Contains(clocks, c => c.After == DefinitionValidator.EnteredMarker);
        Assert.All(clocks, c => Assert.False(string.IsNullOrWhiteSpace(c.Basis)));
        Assert.Contains(definition.States.Values, s => s.Kind == StateKind.Wait && s.Events is { Count: > 0 } && s.Timer is not null && s.Reminders is { Count: > 0 });
        Assert.Contains(definition.States.Values, s => s.NotCompletedBySameAs is { Count: > 0 });
    }

    [Fact]
    public void A_kind_that_is_not_one_of_the_five_is_a_schema_error_at_the_state()
    {
        foreach (var kind in new JsonNode[] { "job", "Task", 0 })
        {
            var errors = Errors(r => r.State("record")["kind"] = kind.DeepClone());
            Assert.Contains(errors, e => e is { Rule: DefinitionRules.Schema, Path: "$.states.record.kind" });
        }
    }

    [Fact]
    public void Embedded_schema_is_the_file_in_the_workflows_folder()
    {
        var onDisk = File.ReadAllText(Path.Combine(DefinitionFixtures.WorkflowsFolder(), "schema", "workflow-definition.schema.json"));
        Assert.Equal(onDisk, DefinitionValidator.SchemaText());
    }

    // ------------------------------------------------------------ json and schema

    [Fact]
    public void Validator_reports_json_syntax_error()
    {
        var (definition, errors) = _validator.Validate("{ \"key\": \"mini\", ", Source);
        Assert.Null(definition);
        var error = Assert.Single(errors);
        Assert.Equal(DefinitionRules.Json, error.Rule);
        Assert.Equal(Source, error.Source);
    }

    [Fact]
    public void Validator_reports_typo_property_as_schema_error_on_its_object()
    {
        var errors = Errors(r =>
        {
            var review = r.State("review");
            var deadline = review["deadline"]!;
            review.Remove("deadline");
            review["deadlin"] = deadline;
        });

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(DefinitionRules.Schema, e.Rule));
        Assert.All(errors, e => Assert.Equal("$.states.review", e.Path));
        Assert.Contains(errors, e => e.Message.Contains("不认识的属性“deadlin”", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.MessageEn.Contains("\"deadlin\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("deadline", StringComparison.Ordinal) && e.Message.Contains("Required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_reports_schema_errors_with_paths()
    {
        var errors = Errors(r =>
        {
            r["version"] = 0;
            r["key"] = "Mini";
            r.State("review")["priority"] = "asap";
            r.State("review")["warnAt"] = 1.5;
        });

        Assert.All(errors, e => Assert.Equal(DefinitionRules.Schema, e.Rule));
        Assert.Contains(errors, e => e.Path == "$.version");
        Assert.Contains(errors, e => e.Path == "$.key" && e.Message.Contains("^[a-z][a-z0-9-]*$", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.states.review.priority" && e.Message.Contains("urgent", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.states.review.warnAt");
    }

    [Fact]
    public void Validator_reports_clock_with_after_and_before_as_schema_error()
    {
        var errors = Errors(r => r.State("review")["deadline"]!["before"] = "filedOn");
        AssertSingle(errors, DefinitionRules.Schema, "$.states.review.deadline");
        Assert.Contains("after, before and on", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_reports_wait_without_events_or_timer_as_schema_error()
    {
        var errors = Errors(r =>
        {
            r.State("window").Remove("events");
            r.State("window").Remove("timer");
            r.State("record")["to"] = "done";
        });
        AssertSingle(errors, DefinitionRules.Schema, "$.states.window");
    }

    [Fact]
    public void Validator_reports_schema_error_with_array_index_in_path()
    {
        var errors = Errors(r => r.State("review")["form"]![0]!["fieldd"] = "note");
        Assert.Contains(errors, e => e.Path == "$.states.review.form[0]" && e.Rule == DefinitionRules.Schema);
    }

    // ------------------------------------------------------------ structural rules

    [Fact]
    public void Validator_reports_unknown_initial_state() =>
        AssertSingle(Errors(r => r["initial"] = "start"), DefinitionRules.UnknownInitialState, "$.initial");

    [Fact]
    public void Validator_reports_unknown_target() =>
        AssertSingle(
            Errors(r => r.State("review")["outcomes"]!["refused"] = new JsonObject { ["to"] = "nowhere" }),
            DefinitionRules.UnknownTarget,
            "$.states.review.outcomes.refused.to");

    [Fact]
    public void Validator_reports_unknown_timer_target() =>
        AssertSingle(Errors(r => r.State("window")["timer"]!["to"] = "closed"), DefinitionRules.UnknownTarget, "$.states.window.timer.to");

    [Fact]
    public void Validator_reports_unreachable_state() =>
        AssertSingle(
            Errors(r => r["states"]!["orphan"] = new JsonObject { ["kind"] = "end", ["outcome"] = "never" }),
            DefinitionRules.UnreachableState,
            "$.states.orphan");

    [Fact]
    public void Validator_reports_no_way_to_end() =>
        AssertSingle(
            Errors(r =>
            {
                r.State("route")["otherwise"] = "limbo";
                r["states"]!["limbo"] = JsonNode.Parse("""{ "kind": "wait", "timer": { "after": "$entered", "calendarDays": 5, "source": "agency", "basis": "第九条", "to": "limbo" } }""");
            }),
            DefinitionRules.NoWayToEnd,
            "$.states.limbo");

    [Fact]
    public void Validator_reports_end_has_transitions() =>
        AssertSingle(Errors(r => r.State("done")["to"] = "review"), DefinitionRules.EndHasTransitions, "$.states.done.to");

    // The schema names the roles a task may have, so an editor that reads $schema offers only those; the structural rule
    // says the same for a definition edited in the model.
    [Fact]
    public void Validator_reports_unknown_role() =>
        AssertSingle(Errors(r => r.State("review")["role"] = "clerk"), DefinitionRules.Schema, "$.states.review.role");

    [Fact]
    public void Validator_refuses_a_task_for_the_auditor_who_works_no_case() =>
        AssertSingle(Errors(r => r.State("review")["role"] = "auditor"), DefinitionRules.Schema, "$.states.review.role");

    // 规程 第一百一十九条: whoever designs procedures, administers the system or audits it works no case — a designer who could
    // give a task to their own role would route casework to themselves.
    [Theory]
    [InlineData("designer")]
    [InlineData("admin")]
    [InlineData("auditor")]
    public void Validator_refuses_a_task_or_a_notification_for_a_role_that_works_no_case(string role)
    {
        AssertSingle(Errors(r => r.State("approve")["role"] = role), DefinitionRules.Schema, "$.states.approve.role");
        AssertSingle(
            Errors(r => r.State("done")["onEnter"] = JsonNode.Parse($$"""[ { "to": "role:{{role}}", "template": "closed" } ]""")),
            DefinitionRules.Schema,
            "$.states.done.onEnter[0].to");
        AssertSingle(_validator.Validate(DefinitionFixtures.Model(r => r.State("approve")["role"] = role), "mini v1"), DefinitionRules.UnknownRole, "$.states.approve.role");
        AssertSingle(
            _validator.Validate(DefinitionFixtures.Model(r => r.State("done")["onEnter"] = JsonNode.Parse($$"""[ { "to": "role:{{role}}", "template": "closed" } ]""")), "mini v1"),
            DefinitionRules.UnknownRole,
            "$.states.done.onEnter[0].to");
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("reviewer")]
    [InlineData("supervisor")]
    public void Validator_accepts_the_roles_that_work_cases_for_tasks_and_notifications(string role)
    {
        var (_, errors) = _validator.Validate(DefinitionFixtures.Mini(r =>
        {
            r.State("approve")["role"] = role;
            r.State("done")["onEnter"] = JsonNode.Parse($$"""[ { "to": "role:{{role}}", "template": "closed" }, { "to": "worker", "template": "closed" } ]""");
        }), Source);
        Assert.Empty(errors);
    }

    [Fact]
    public void Validator_reports_unknown_role_in_notification() =>
        AssertSingle(
            Errors(r => r.State("done")["onEnter"] = JsonNode.Parse("""[ { "to": "role:boss", "template": "closed" } ]""")),
            DefinitionRules.Schema,
            "$.states.done.onEnter[0].to");

    [Fact]
    public void Validator_reports_an_undeclared_field_a_notification_carries() =>
        AssertSingle(
            Errors(r => r.State("done")["onEnter"] = JsonNode.Parse("""[ { "to": "worker", "template": "closed", "fields": ["amount", "remark"] } ]""")),
            DefinitionRules.UndeclaredField,
            "$.states.done.onEnter[0].fields[1]");

    [Fact]
    public void Validator_reports_undeclared_form_field() =>
        AssertSingle(Errors(r => r.State("review")["form"]![0]!["field"] = "remark"), DefinitionRules.UndeclaredField, "$.states.review.form[0].field");

    // ------------------------------------------------------------ bounds of dates and amounts

    private IReadOnlyList<DefinitionError> WithData(string data) => Errors(r =>
    {
        foreach (var (name, spec) in JsonNode.Parse(data)!.AsObject())
        {
            r["data"]![name] = spec!.DeepClone();
        }
    });

    [Fact]
    public void Declared_bounds_between_dates_and_between_amounts_and_a_future_date_are_accepted()
    {
        var errors = WithData("""
            {
              "decidedOn": { "type": "date", "notBefore": "filedOn" },
              "returnedOn": { "type": "date", "notAfter": "decidedOn" },
              "dueOn": { "type": "date", "future": true, "notBefore": "today" },
              "claimed": { "type": "decimal" },
              "amount": { "type": "decimal", "notAbove": "claimed", "notBelow": "claimed" }
            }
            """);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{ "decidedOn": { "type": "date", "notBefore": "receivedOn" } }""", "$.data.decidedOn.notBefore", "notBefore 所指的“receivedOn”未在 data 中声明。")]
    [InlineData("""{ "decidedOn": { "type": "date", "notAfter": "decidedOn" } }""", "$.data.decidedOn.notAfter", "“decidedOn”不能以自身为界。")]
    [InlineData("""{ "decidedOn": { "type": "date", "notBefore": "amount" } }""", "$.data.decidedOn.notBefore", "notBefore 所指的“amount”是 decimal 类型；“decidedOn”只能与日期（date）字段比较。")]
    [InlineData("""{ "claimed": { "type": "decimal", "notAbove": "filedOn" } }""", "$.data.claimed.notAbove", "notAbove 所指的“filedOn”是 date 类型；“claimed”只能与金额（decimal）字段比较。")]
    [InlineData("""{ "claimed": { "type": "decimal", "notAbove": "today" } }""", "$.data.claimed.notAbove", "金额不能与今天比较；notAbove 须为另一个金额字段的名称。")]
    [InlineData("""{ "note2": { "type": "text", "notBefore": "filedOn" } }""", "$.data.note2.notBefore", "“note2”是 text 类型；notBefore 只用于日期（date）字段。")]
    [InlineData("""{ "decidedOn": { "type": "date", "notAbove": "filedOn" } }""", "$.data.decidedOn.notAbove", "“decidedOn”是 date 类型；notAbove 只用于金额（decimal）字段。")]
    [InlineData("""{ "decidedOn": { "type": "date", "notAfter": "today" } }""", "$.data.decidedOn.notAfter", "notAfter 不能写 today：日期本来就不能晚于今天（除非字段声明 future，那时又与之矛盾）。")]
    [InlineData("""{ "decidedOn": { "type": "date", "notBefore": "today" } }""", "$.data.decidedOn.notBefore", "“decidedOn”不早于今天、又不能晚于今天，只能是今天；若此日期可以在将来，请声明 \"future\": true。")]
    [InlineData("""{ "count": { "type": "integer", "future": true } }""", "$.data.count.future", "“count”是 integer 类型；future 只用于日期字段。")]
    [InlineData("""{ "trip": { "type": "object", "fields": { "leftOn": { "type": "date", "notBefore": "filedOn" } } } }""", "$.data.trip.fields.leftOn.notBefore", "notBefore 只用于 data 中的字段，不用于一组内容或列表中的字段。")]
    public void A_bound_the_runtime_could_not_check_or_that_says_nothing_is_reported_at_it_in_both_languages(string data, string path, string zh)
    {
        var error = Assert.Single(WithData(data));

        Assert.Equal((DefinitionRules.FieldBound, path, zh), (error.Rule, error.Path, error.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", error.MessageEn);
    }

    [Fact]
    public void A_bound_written_as_something_other_than_a_name_is_a_schema_error()
    {
        var errors = WithData("""{ "decidedOn": { "type": "date", "notBefore": 3 } }""");

        Assert.Contains(errors, e => e is { Rule: DefinitionRules.Schema, Path: "$.data.decidedOn.notBefore" });
    }

    [Fact]
    public void Validator_reports_an_enum_value_without_a_label_and_a_label_without_a_value()
    {
        var errors = Errors(r => r["data"]!["kind"] = JsonNode.Parse("""
            { "type": "enum", "values": ["traffic", "court"],
              "labels": { "traffic": { "zh": "交通事故", "en": "Traffic accident" }, "ferry": { "zh": "客运轮渡事故", "en": "Ferry accident" } } }
            """));

        Assert.Equal(
            [(DefinitionRules.EnumLabels, "$.data.kind.labels"), (DefinitionRules.EnumLabels, "$.data.kind.labels.ferry")],
            errors.Select(e => (e.Rule, e.Path)).Order());
        Assert.Contains("court", errors.Single(e => e.Path == "$.data.kind.labels").MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_reports_an_enum_without_labels_as_the_schema_does() =>
        AssertSingle(Errors(r => r["data"]!["kind"] = JsonNode.Parse("""{ "type": "enum", "values": ["traffic"] }""")), DefinitionRules.Schema, "$.data.kind");

    [Fact]
    public void Validator_reports_undeclared_start_field() =>
        AssertSingle(Errors(r => r["startWith"]![0] = "receivedOn"), DefinitionRules.UndeclaredField, "$.startWith[0]");

    [Fact]
    public void Validator_reports_undeclared_event_field() =>
        AssertSingle(Errors(r => r.State("window")["events"]!["objection"]!["fields"]![0]!["field"] = "reason"), DefinitionRules.UndeclaredField, "$.states.window.events.objection.fields[0].field");

    [Fact]
    public void Validator_reports_undeclared_outcome_field() =>
        AssertSingle(
            Errors(r => r.State("approve")["outcomes"]!["approved"]!["requires"] = JsonNode.Parse("""[ { "field": "signedOn", "required": true } ]""")),
            DefinitionRules.UndeclaredField,
            "$.states.approve.outcomes.approved.requires[0].field");

    [Fact]
    public void Validator_reports_undeclared_clock_field() =>
        AssertSingle(Errors(r => r.State("window")["timer"]!["after"] = "noticeOn"), DefinitionRules.UndeclaredField, "$.states.window.timer.after");

    [Fact]
    public void Validator_reports_undeclared_reminder_field() =>
        AssertSingle(
            Errors(r => r.State("window")["reminders"] = JsonNode.Parse("""[ { "at": { "before": "endsOn", "calendarDays": 3, "source": "agency", "basis": "第九条" }, "notify": { "to": "employer", "template": "soon" } } ]""")),
            DefinitionRules.UndeclaredField,
            "$.states.window.reminders[0].at.before");

    [Fact]
    public void Validator_reports_clock_field_not_date() =>
        AssertSingle(Errors(r => r.State("review")["deadline"]!["after"] = "amount"), DefinitionRules.ClockFieldNotDate, "$.states.review.deadline.after");

    [Fact]
    public void Validator_reports_task_without_deadline()
    {
        var model = DefinitionFixtures.Model(r => r.State("review").Remove("deadline"));
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.TaskWithoutDeadline, "$.states.review.deadline");
    }

    [Fact]
    public void Validator_reports_task_without_deadline_in_json_through_the_schema() =>
        AssertSingle(Errors(r => r.State("review").Remove("deadline")), DefinitionRules.Schema, "$.states.review");

    [Fact]
    public void Validator_reports_clock_without_basis()
    {
        var model = DefinitionFixtures.Model(r => r.State("review")["deadline"]!.AsObject().Remove("basis"));
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.ClockWithoutBasis, "$.states.review.deadline.basis");
    }

    [Fact]
    public void Validator_reports_timer_without_basis()
    {
        var model = DefinitionFixtures.Model(r => r.State("window")["timer"]!["basis"] = " ");
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.ClockWithoutBasis, "$.states.window.timer.basis");
    }

    [Fact]
    public void Validator_reports_clock_amount_not_positive()
    {
        var model = DefinitionFixtures.Model(r => r.State("review")["deadline"]!["workingDays"] = 0);
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.ClockAmount, "$.states.review.deadline.workingDays");
    }

    [Fact]
    public void Validator_reports_clock_with_two_amounts()
    {
        var model = DefinitionFixtures.Model(r => r.State("review")["deadline"]!["months"] = 1);
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.ClockAmount, "$.states.review.deadline");
    }

    [Fact]
    public void Validator_reports_clock_without_date()
    {
        var model = DefinitionFixtures.Model(r => r.State("approve")["deadline"]!.AsObject().Remove("after"));
        AssertSingle(_validator.Validate(model, "mini v1"), DefinitionRules.ClockAmount, "$.states.approve.deadline");
    }

    [Fact]
    public void Validator_reports_unknown_action() =>
        AssertSingle(Errors(r => r.State("record")["action"] = "archive"), DefinitionRules.UnknownAction, "$.states.record.action");

    [Fact]
    public void Validator_accepts_actions_passed_in()
    {
        var validator = new DefinitionValidator([.. BuiltInActions.All(), new NamedAction("archive")]);
        var (_, errors) = validator.Validate(DefinitionFixtures.Mini(r => r.State("record")["action"] = "archive"), Source);
        Assert.Empty(errors);
    }

    [Fact]
    public void Validator_reports_guard_syntax_in_branch() =>
        AssertSingle(Errors(r => r.State("route")["branches"]![0]!["when"] = "amount > (1000"), DefinitionRules.GuardSyntax, "$.states.route.branches[0].when");

    [Fact]
    public void Validator_reports_guard_syntax_in_accept() =>
        AssertSingle(Errors(r => r.State("window")["events"]!["objection"]!["accept"] = "filedOn <="), DefinitionRules.GuardSyntax, "$.states.window.events.objection.accept");

    [Fact]
    public void Validator_reports_guard_unknown_field()
    {
        var errors = Errors(r => r.State("route")["branches"]![0]!["when"] = "amout > 1000 && amount < 5000");
        AssertSingle(errors, DefinitionRules.GuardUnknownField, "$.states.route.branches[0].when");
        Assert.Contains("“amout”", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"amout\"", errors[0].MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_allows_window_end_only_in_accept_guards_of_waits_with_timer()
    {
        AssertSingle(
            Errors(r => r.State("route")["branches"]![0]!["when"] = "filedOn <= windowEndsOn"),
            DefinitionRules.GuardUnknownField,
            "$.states.route.branches[0].when");
        AssertSingle(
            Errors(r => r.State("window").Remove("timer")),
            DefinitionRules.GuardUnknownField,
            "$.states.window.events.objection.accept");
    }

    [Fact]
    public void Validator_reports_separation_naming_a_state_that_is_not_a_task() =>
        AssertSingle(Errors(r => r.State("approve")["notCompletedBySameAs"]![0] = "route"), DefinitionRules.SeparationUnknownState, "$.states.approve.notCompletedBySameAs[0]");

    [Fact]
    public void Validator_reports_separation_naming_a_missing_state() =>
        AssertSingle(Errors(r => r.State("approve")["notCompletedBySameAs"]![0] = "check"), DefinitionRules.SeparationUnknownState, "$.states.approve.notCompletedBySameAs[0]");

    [Fact]
    public void Validator_reports_decision_without_otherwise() =>
        AssertSingle(Errors(r => r.State("route").Remove("otherwise")), DefinitionRules.DecisionWithoutOtherwise, "$.states.route.otherwise");

    [Fact]
    public void Validator_reports_file_not_named_after_key() =>
        AssertSingle(Errors(_ => { }, source: "workflows/other.json"), DefinitionRules.KeyVersion, "$.key");

    [Fact]
    public void Validator_does_not_check_file_name_of_stored_versions() =>
        Assert.Empty(Errors(_ => { }, source: "mini v3"));

    [Fact]
    public void Validator_uses_bracket_paths_for_unusual_names()
    {
        var errors = Errors(r => r["states"]!["orphan"] = new JsonObject { ["kind"] = "end", ["outcome"] = "never" });
        Assert.Equal("$.states.orphan", errors[0].Path);
        Assert.Equal("['a.b']", DefinitionValidator.PathSegment("a.b"));
        Assert.Equal(".notify-employer", DefinitionValidator.PathSegment("notify-employer"));
    }

    [Fact]
    public void Validator_collects_every_error_and_names_the_source()
    {
        var errors = Errors(
            r =>
            {
                r.State("approve")["notCompletedBySameAs"]![0] = "nowhere";
                r.State("record")["action"] = "archive";
                r.State("route").Remove("otherwise");
            },
            source: "broken/mini.json");

        Assert.Equal(
            [DefinitionRules.DecisionWithoutOtherwise, DefinitionRules.SeparationUnknownState, DefinitionRules.UnknownAction],
            errors.Select(e => e.Rule).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("broken/mini.json", e.Source));
    }

    [Fact]
    public void Validator_returns_the_definition_with_structural_errors()
    {
        var (definition, errors) = _validator.Validate(DefinitionFixtures.Mini(r => r.State("record")["action"] = "archive"), Source);
        Assert.NotNull(definition);
        Assert.Single(errors);
    }
}

/// <summary>An action a host might register, known by its name alone.</summary>
internal sealed class NamedAction(string name) : IWorkflowAction
{
    public string Name => name;

    public void Run(ActionContext context)
    {
    }
}
