using Cases.Domain.Parties;
using Cases.Workflows.Calendar;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;

namespace Cases.Workflows.Instances;

/// <summary>An officer opens a case of a procedure in a city with its start data; the latest published version runs it.</summary>
public sealed record StartCase(string? Procedure, string? City, JsonObject? Data, Actor By) : ICommand<StartedCase>;

public sealed class StartCaseHandler(
    IWorkflowDb db, DefinitionStore definitions, CalendarStore calendars, WorkflowEngine engine, ProgressWriter writer, TimerScheduler scheduler, IEnumerable<ICaseRegisters> registers, TimeProvider clock)
    : ICommandHandler<StartCase, StartedCase>
{
    public async ValueTask<StartedCase> Handle(StartCase command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Procedure))
        {
            throw new Domain.DomainValidationException("procedure", "procedure is required (e.g. fee-rate-objection).");
        }

        var city = City.Parse(command.City);
        if (!command.By.May(Permission.OpenCases))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员、主管和系统管理员可以立案。", "Only officers, supervisors and administrators open cases."));
        }

        if (!command.By.CanSeeCity(city.Code))
        {
            throw new ForbiddenException(new LocalizedText($"您属于 {command.By.CityCode} 经办机构，不能在 {city.Code} 立案。", $"You work for city {command.By.CityCode} and cannot open a case in {city.Code}."));
        }

        WorkflowDefinition definition;
        try
        {
            definition = await definitions.GetLatestAsync(db, command.Procedure, cancellationToken);
        }
        catch (NotFoundException e)
        {
            throw new Domain.DomainValidationException("procedure", e.Text);
        }

        var now = clock.GetUtcNow();
        var data = CaseData.Empty();
        var startFields = definition.Data.Keys.Select(k => new FieldRef { Field = k, Required = definition.StartWith.Contains(k) }).ToList();
        var given = await RegisterRefs.ResolveAsync(registers, definition, command.Data, city.Code, cancellationToken);
        data.Merge(given, definition.Data, startFields, "data", Domain.Calendar.ChinaTime.DateOf(now), city.Code);

        await OncePerCase.EnsureFirstAsync(db, definition, data, cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var progress = engine.Start(definition, data, now, calendar);
        Materials.JournalShared(definition, [], progress);

        var @case = new CaseRecord
        {
            Id = Guid.CreateVersion7(now),
            Procedure = definition.Key,
            CityCode = city.Code,
            Party = PartyOf(definition, data),
            CreatedAt = now,
            CreatedBy = command.By.UserName,
        };
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            State = definition.Initial,
            CityCode = city.Code,
            StartedAt = now,
        };
        db.Cases.Add(@case);
        db.Instances.Add(instance);
        var claim = OncePerCase.Claim(db, definition, data, @case.Id, now);
        await writer.ApplyAsync(@case, instance, definition, progress, command.By.UserName, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (claim is not null)
        {
            // Another start of the same procedure and value committed its claim first (第四十九条: once per injury case):
            // nothing of this one is kept, and the user is told which case holds the chance.
            db.ChangeTracker.Clear();
            if (await OncePerCase.RefusalAfterLostRaceAsync(db, definition, data, claim, cancellationToken) is { } refusal)
            {
                throw refusal;
            }

            throw;
        }

        scheduler.ScheduleAfterCommit(writer.NewTimers);
        return new StartedCase(@case.Id, instance.Id, instance.State, instance.DefinitionVersion);
    }

    // The lists show a party, recorded from the start form: the worker (a field of format id-number, masked here — the
    // label travels into lists and exports), else the construction project (projectCode), else the employer (a field of
    // format credit-code, or an object start field holding a creditCode, as a liable employer), each with the name the
    // form gives beside it (…Name, the object's name); else the first string start field (an injury case's number …).
    private static string PartyOf(WorkflowDefinition definition, CaseData data)
    {
        string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        string? NameBeside(string field, string suffix) =>
            field.EndsWith(suffix, StringComparison.Ordinal) ? Text(data[field[..^suffix.Length] + "Name"]) : null;
        string Label(string? name, string number) => (name is null ? number : $"{name} {number}") is var label && label.Length > 200 ? label[..200] : label;

        foreach (var field in definition.StartWith.Where(f => definition.Data[f].Format == "id-number"))
        {
            if (Text(data[field]) is { } typed && IdNumber.TryParse(typed, out var id, out _))
            {
                return Label(NameBeside(field, "IdNumber"), id.Masked);
            }
        }

        // A construction project's case is the project's (its contractor's code is not its party).
        if (definition.StartWith.Contains("projectCode") && Text(data["projectCode"]) is { } project)
        {
            return Label(Text(data["projectName"]), project);
        }

        foreach (var field in definition.StartWith)
        {
            var spec = definition.Data[field];
            if (spec.Format == "credit-code" && Text(data[field]) is { } code)
            {
                return Label(NameBeside(field, "CreditCode"), code);
            }

            if (spec.Type == "object" && data[field] is JsonObject party && Text(party["creditCode"]) is { } objectCode)
            {
                return Label(Text(party["name"]), objectCode);
            }
        }

        var first = definition.StartWith.Where(f => definition.Data[f].Type == "string").Select(data.GetText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
        return IdNumber.TryParse(first, out var number, out _) ? number.Masked : first;
    }
}
