using Cases.Domain.Injuries;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Injuries;

public sealed class DependantTests
{
    [Fact]
    public void Add_records_checked_values()
    {
        var caseId = Guid.NewGuid();
        var id = IdNumber.Parse("37020219851111002X");

        var dependant = Dependant.Add(caseId, " 李四 ", DependantRelation.Spouse, id);

        Assert.Equal(caseId, dependant.InjuryCaseId);
        Assert.Equal("李四", dependant.Name);
        Assert.Equal(DependantRelation.Spouse, dependant.Relation);
        Assert.Equal(id, dependant.IdNumber);
        Assert.False(dependant.OrphanOrSolitaryElder);
    }

    [Fact]
    public void Add_accepts_an_unknown_identity_number()
    {
        var dependant = Dependant.Add(Guid.NewGuid(), "王小明", DependantRelation.Child, orphanOrSolitaryElder: true);
        Assert.Null(dependant.IdNumber);
        Assert.True(dependant.OrphanOrSolitaryElder);
    }

    [Fact]
    public void Add_refuses_blank_name()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Dependant.Add(Guid.NewGuid(), " ", DependantRelation.Parent));

        Assert.Equal("name", ex.Field);
        Assert.Equal("Dependant name is required.", ex.Text.En);
    }

    [Fact]
    public void Add_refuses_missing_case()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Dependant.Add(Guid.Empty, "李四", DependantRelation.Parent));

        Assert.Equal("injuryCaseId", ex.Field);
    }

    [Fact]
    public void Add_refuses_unknown_relation()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Dependant.Add(Guid.NewGuid(), "李四", (DependantRelation)42));

        Assert.Equal("relation", ex.Field);
        Assert.Equal("Relation must be one of Spouse, Child, Parent, Grandparent, Grandchild, Sibling; got 42.", ex.Text.En);
    }

    [Fact]
    public void Add_refuses_unset_identity_number()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => Dependant.Add(Guid.NewGuid(), "李四", DependantRelation.Parent, default(IdNumber)));

        Assert.Equal("idNumber", ex.Field);
    }
}
