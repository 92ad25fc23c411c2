using Cases.Domain.Calculations;
using Cases.Domain.Parties;

namespace Cases.Application.Parameters;

/// <summary>The parameter names the calculators read, with their units and whether they are per city.</summary>
public static class ParameterNames
{
    public const string ProvincialAverageMonthlyWage = "provincialAverageMonthlyWage";
    public const string NationalUrbanDisposableIncome = "nationalUrbanDisposableIncome";
    public const string MinimumWage = "minimumWage";
    public const string HospitalMealDailyStandard = "hospitalMealDailyStandard";

    /// <summary>The city's certification cycle in months (第六十三条: 原则上不超过12个月); 12 where the city set none.</summary>
    public const string CertificationCycleMonths = "certificationCycleMonths";

    private static readonly string[] GradeNames = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>"medicalLumpSumMonthsGrade7": Shandong's months of a 第八十条 benefit for one grade.</summary>
    public static string TerminationMonths(TerminationBenefit benefit, int grade) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(benefit == TerminationBenefit.Medical ? "medical" : "employment")}LumpSumMonthsGrade{grade}");

    public static IReadOnlyDictionary<string, (string Unit, bool PerCity, string TitleZh)> All { get; } = Build();

    private static Dictionary<string, (string, bool, string)> Build()
    {
        var all = new Dictionary<string, (string, bool, string)>
        {
            [ProvincialAverageMonthlyWage] = ("元/月", false, "全省全口径城镇单位就业人员月平均工资"),
            [NationalUrbanDisposableIncome] = ("元/年", false, "全国城镇居民人均可支配收入"),
            [MinimumWage] = ("元/月", true, "月最低工资标准"),
            [HospitalMealDailyStandard] = ("元/天", true, "住院伙食补助费标准"),
            [CertificationCycleMonths] = ("月", true, "定期待遇领取资格认证周期（第六十三条，不超过12个月）"),
        };
        for (var grade = 5; grade <= 10; grade++)
        {
            all[TerminationMonths(TerminationBenefit.Medical, grade)] = ("月", false, $"{GradeNames[grade]}级一次性工伤医疗补助金月数（山东，自该年起执行）");
            all[TerminationMonths(TerminationBenefit.Employment, grade)] = ("月", false, $"{GradeNames[grade]}级一次性伤残就业补助金月数（山东，自该年起执行）");
        }

        return all;
    }
}

/// <summary>The parameter table, read once per request, as the calculators' <see cref="IParameterSource"/>.</summary>
public sealed class TableParameterSource(IReadOnlyList<ParameterValue> rows) : IParameterSource
{
    public static async Task<TableParameterSource> LoadAsync(CasesDb db, CancellationToken ct) =>
        new(await db.ParameterValues.AsNoTracking().ToListAsync(ct));

    public decimal? ProvincialAverageMonthlyWage(int year) => Find(ParameterNames.ProvincialAverageMonthlyWage, year, "");

    public decimal? NationalUrbanDisposableIncome(int year) => Find(ParameterNames.NationalUrbanDisposableIncome, year, "");

    public decimal? MinimumWage(string cityCode, int year) => Find(ParameterNames.MinimumWage, year, cityCode);

    public decimal? HospitalMealDailyStandard(string cityCode, int year) => Find(ParameterNames.HospitalMealDailyStandard, year, cityCode);

    /// <summary>The city's certification cycle: its latest figure from that year or before, else the regulation's 12 months (第六十三条).</summary>
    public int CertificationCycleMonths(string cityCode, int year) => Math.Clamp(
        (int)(rows.Where(r => r.Name == ParameterNames.CertificationCycleMonths && r.Year <= year && r.CityCode == cityCode)
            .OrderByDescending(r => r.Year).FirstOrDefault()?.Value ?? Cases.Domain.Benefits.Certification.MaxCycleMonths), 1, Cases.Domain.Benefits.Certification.MaxCycleMonths);

    // Months are set by a provincial rule and stay in force until the next one: the latest figure from that year or before.
    public decimal? TerminationLumpSumMonths(TerminationBenefit benefit, int grade, int year) =>
        rows.Where(r => r.Name == ParameterNames.TerminationMonths(benefit, grade) && r.Year <= year && r.CityCode == "")
            .OrderByDescending(r => r.Year).FirstOrDefault()?.Value;

    private decimal? Find(string name, int year, string city) =>
        rows.FirstOrDefault(r => r.Name == name && r.Year == year && r.CityCode == city)?.Value;
}

/// <summary>The table as listed, newest year first.</summary>
public sealed record ListParameters : IQuery<IReadOnlyList<ParameterValue>>;

/// <summary>An administrator sets (or corrects) one figure with its source; the change is journaled.</summary>
public sealed record SetParameter(string? Name, int? Year, string? City, decimal? Value, string? Source, string? Reason, Actor By) : ICommand<ParameterValue>;

/// <summary>The administrators' changes, newest first.</summary>
public sealed record ListParameterChanges : IQuery<IReadOnlyList<ParameterChange>>;

public sealed class ParameterHandlers(CasesDb db, TimeProvider clock) :
    IQueryHandler<ListParameters, IReadOnlyList<ParameterValue>>,
    ICommandHandler<SetParameter, ParameterValue>,
    IQueryHandler<ListParameterChanges, IReadOnlyList<ParameterChange>>
{
    // Read without tracking, so masking the copies changes nothing stored: a source or a reason is free text, and a number
    // typed into it serves no duty of its readers (规程 第一百四十条).
    public async ValueTask<IReadOnlyList<ParameterValue>> Handle(ListParameters query, CancellationToken cancellationToken)
    {
        var rows = await db.ParameterValues.AsNoTracking().OrderBy(p => p.Name).ThenByDescending(p => p.Year).ThenBy(p => p.CityCode).ToListAsync(cancellationToken);
        rows.ForEach(r => r.Source = Cases.Domain.Privacy.PersonalDataMask.Text(r.Source));
        return rows;
    }

    public async ValueTask<IReadOnlyList<ParameterChange>> Handle(ListParameterChanges query, CancellationToken cancellationToken)
    {
        var changes = await db.ParameterChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(500).ToListAsync(cancellationToken);
        changes.ForEach(c => (c.Source, c.Reason) = (Cases.Domain.Privacy.PersonalDataMask.Text(c.Source), Cases.Domain.Privacy.PersonalDataMask.Text(c.Reason)));
        return changes;
    }

    public async ValueTask<ParameterValue> Handle(SetParameter command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Administer))
        {
            throw new ForbiddenException(new LocalizedText("只有管理员可以修改参数。", "Only administrators change parameters."));
        }

        if (command.Name is null || !ParameterNames.All.TryGetValue(command.Name, out var meta))
        {
            throw new DomainValidationException("name", new LocalizedText(
                $"参数名称须为以下之一：{string.Join("、", ParameterNames.All.Values.Select(p => p.TitleZh))}。",
                $"name must be one of: {string.Join(", ", ParameterNames.All.Keys)}."));
        }

        var year = command.Year is >= 2000 and <= 2100 ? command.Year.Value : throw new DomainValidationException("year", new LocalizedText("年度须在 2000 至 2100 之间。", "year must be between 2000 and 2100."));
        var city = meta.PerCity
            ? City.Parse(command.City).Code
            : string.IsNullOrWhiteSpace(command.City) ? "" : throw new DomainValidationException("city", new LocalizedText($"「{meta.TitleZh}」全省统一适用，请不要选择城市。", $"{command.Name} holds for the whole province; give no city."));
        var value = command.Value is > 0 and < 10_000_000 ? command.Value.Value : throw new DomainValidationException("value", new LocalizedText("数值须为大于零的金额。", "value must be a positive amount."));
        if (string.IsNullOrWhiteSpace(command.Source))
        {
            throw new DomainValidationException("source", new LocalizedText("请填写来源：该数值所依据的公布文件。", "source is required: the publication the figure comes from."));
        }

        // The table's columns hold 500 characters each.
        var source = TextInput.Required(command.Source, "source", "source", 500);
        var reason = TextInput.Required(command.Reason, "reason", "reason", 500, lineBreaks: true);

        var now = clock.GetUtcNow();
        var row = await db.ParameterValues.SingleOrDefaultAsync(p => p.Name == command.Name && p.Year == year && p.CityCode == city, cancellationToken);
        var before = row?.Value;
        if (row is null)
        {
            db.ParameterValues.Add(row = new ParameterValue { Name = command.Name, Year = year, CityCode = city });
        }

        row.Value = value;
        row.Source = source;
        row.UpdatedAt = now;
        row.UpdatedBy = command.By.UserName;
        db.ParameterChanges.Add(new ParameterChange
        {
            Name = command.Name,
            Year = year,
            CityCode = city,
            Before = before,
            After = value,
            Source = row.Source,
            Reason = reason,
            ChangedBy = command.By.UserName,
            ChangedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}

/// <summary>
/// The figures the product ships with, each with its official source. Only figures that could be checked here are
/// shipped; Shandong's average wages, minimum wages and meal standards are entered by administrators (see README).
/// </summary>
public static class SeedParameters
{
    private const string NbsSource = "国家统计局《国民经济和社会发展统计公报》";

    public static async Task RunAsync(CasesDb db, TimeProvider clock, CancellationToken ct = default)
    {
        (int Year, decimal Value)[] income = [(2022, 49_283m), (2023, 51_821m), (2024, 54_188m), (2025, 56_502m)];
        var present = await db.ParameterValues.Where(p => p.Name == ParameterNames.NationalUrbanDisposableIncome).Select(p => p.Year).ToListAsync(ct);
        foreach (var (year, value) in income.Where(i => !present.Contains(i.Year)))
        {
            db.ParameterValues.Add(new ParameterValue
            {
                Name = ParameterNames.NationalUrbanDisposableIncome,
                Year = year,
                CityCode = "",
                Value = value,
                Source = $"{NbsSource} {year}",
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = "system:seed",
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
