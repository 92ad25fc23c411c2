using Cases.Domain.Parties;

namespace Cases.Domain.Injuries;

/// <summary>
/// Dependant (供养亲属) of a worker who died of the injury, entitled to the dependants' pension (第八十二条～第八十四条, 第八十六条).
/// </summary>
public sealed class Dependant
{
    /// <summary>Longest name accepted.</summary>
    public const int NameMaxLength = 100;

    private Dependant() => Name = string.Empty;

    public Guid Id { get; private set; }

    public Guid InjuryCaseId { get; private set; }

    public string Name { get; private set; }

    public DependantRelation Relation { get; private set; }

    /// <summary>Null when not yet known (e.g. a new-born child before registration).</summary>
    public IdNumber? IdNumber { get; private set; }

    /// <summary>An orphan or solitary elder (孤儿、孤寡老人), verified under 第八十六条; raises the pension share.</summary>
    public bool OrphanOrSolitaryElder { get; private set; }

    /// <summary>Adds a dependant to a case; each argument is checked and a failure names its field.</summary>
    public static Dependant Add(
        Guid injuryCaseId,
        string name,
        DependantRelation relation,
        IdNumber? idNumber = null,
        bool orphanOrSolitaryElder = false,
        Guid? id = null)
    {
        if (!Enum.IsDefined(relation))
        {
            throw new DomainValidationException(
                "relation",
                new LocalizedText(
                    $"与工亡职工的关系应为配偶、子女、父母、祖父母或外祖父母、孙子女或外孙子女、兄弟姐妹之一，现为 {(int)relation}。",
                    $"Relation must be one of {string.Join(", ", Enum.GetNames<DependantRelation>())}; got {(int)relation}."));
        }

        if (idNumber is { IsEmpty: true })
        {
            throw new DomainValidationException("idNumber", new LocalizedText("公民身份号码为空；不知道时请不填。", "Resident identity number is empty; pass null when it is not known."));
        }

        return new Dependant
        {
            Id = Guard.NewIdOr(id, "id"),
            InjuryCaseId = Guard.RequiredId(injuryCaseId, "injuryCaseId", new LocalizedText("工伤案件", "Injury case")),
            Name = Guard.RequiredText(name, "name", new LocalizedText("供养亲属姓名", "Dependant name"), NameMaxLength),
            Relation = relation,
            IdNumber = idNumber,
            OrphanOrSolitaryElder = orphanOrSolitaryElder,
        };
    }
}
