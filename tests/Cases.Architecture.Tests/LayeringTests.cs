using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace Cases.Architecture.Tests;

/// <summary>
/// The product's shape, read from the compiled assemblies: namespaces that depend on each other in a circle cannot be
/// understood or moved one at a time, and a runtime that knows the agency's procedures cannot serve the next one.
/// </summary>
public sealed class LayeringTests
{
    private static readonly ArchUnitNET.Domain.Architecture Product = new ArchLoader().LoadAssemblies(
        typeof(Domain.Staff.Roles).Assembly,
        typeof(Workflows.RuntimeSetup).Assembly,
        typeof(Application.ApplicationSetup).Assembly,
        typeof(Web.Hosting.CasesServices).Assembly).Build();

    [Fact]
    public void No_two_namespaces_of_the_product_depend_on_each_other_in_a_circle() =>
        Slices().Matching("Cases.(**)").Should().BeFreeOfCycles().Check(Product);

    [Fact]
    public void The_workflow_runtime_knows_no_procedure_of_the_agency() =>
        Types().That().ResideInNamespaceMatching(@"^Cases\.Workflows(\..*)?$").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Cases\.(Domain\.(Injuries|Projects|Calculations)|Application|Web)(\..*)?$"))
            .Check(Product);

    [Fact]
    public void The_domain_stands_on_nothing_but_dotnet() =>
        Types().That().ResideInNamespaceMatching(@"^Cases\.Domain(\..*)?$").Should()
            .NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^(Cases\.(Workflows|Application|Web)|Microsoft\.(EntityFrameworkCore|AspNetCore))(\..*)?$"))
            .Check(Product);
}
