namespace Cases.Domain.Injuries;

/// <summary>A dependant's relation to the deceased worker (供养亲属范围, 第八十六条).</summary>
public enum DependantRelation
{
    Spouse = 1,
    Child = 2,
    Parent = 3,
    Grandparent = 4,
    Grandchild = 5,
    Sibling = 6,
}
