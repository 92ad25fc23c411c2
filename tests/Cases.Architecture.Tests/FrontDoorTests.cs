using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Cases.Architecture.Tests;

/// <summary>
/// One front door per use case: pages and API endpoints both send the use cases' Mediator requests and nothing else —
/// no database of their own, no refusal of the domain caught and worded by a page of its own, no role asked for by
/// name (what a role may do is the one table of <see cref="Domain.Staff.Permissions"/>).
/// </summary>
public sealed class FrontDoorTests
{
    private static readonly Assembly WebAssembly = typeof(Web.Hosting.CasesServices).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Product = new ArchLoader().LoadAssemblies(
        typeof(Domain.Staff.Roles).Assembly,
        typeof(Workflows.RuntimeSetup).Assembly,
        typeof(Application.ApplicationSetup).Assembly,
        WebAssembly).Build();

    [Fact]
    public void Pages_and_endpoints_reach_no_database() =>
        Types().That().ResideInNamespaceMatching(@"^Cases\.Web\.(Controllers|Api)$").Should()
            .NotDependOnAny(Types().That().HaveFullName(typeof(Application.Persistence.CasesDb).FullName!)
                .Or().HaveFullName(typeof(Workflows.Persistence.IWorkflowDb).FullName!)
                .Or().HaveFullName(typeof(Workflows.Persistence.DefinitionStore).FullName!)
                .Or().HaveFullName(typeof(Workflows.Calendar.CalendarStore).FullName!)
                .Or().ResideInNamespaceMatching(@"^Microsoft\.EntityFrameworkCore(\..*)?$"))
            .Check(Product);

    /// <summary>
    /// A controller's methods (and the state machines of its async ones) hold no handler of a refusal: no <c>catch</c> of
    /// an exception type other than the compiler's own (<see cref="Exception"/> in an async method's frame, <see cref="object"/>
    /// around an <c>await using</c>), and no exception filter. The page filter shows refusals where the action declares.
    /// </summary>
    [Fact]
    public void No_page_catches_a_refusal_of_the_domain()
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var caught = (from type in WebAssembly.GetTypes()
                      where type.Namespace == "Cases.Web.Controllers"
                      from method in type.GetMethods(all)
                      from clause in method.GetMethodBody()?.ExceptionHandlingClauses ?? []
                      where clause.Flags == ExceptionHandlingClauseOptions.Filter
                          || (clause.Flags == ExceptionHandlingClauseOptions.Clause && clause.CatchType != typeof(Exception) && clause.CatchType != typeof(object))
                      select $"{type.FullName}.{method.Name} catches {(clause.Flags == ExceptionHandlingClauseOptions.Filter ? "with a filter" : clause.CatchType!.Name)}").ToList();

        Assert.True(caught.Count == 0, "Controllers that catch refusals themselves:\n" + string.Join("\n", caught));
    }

    /// <summary>
    /// Nothing in the web — a view, the layout, a controller, an endpoint — asks whether the user holds a role by name
    /// (<c>ClaimsPrincipal.IsInRole</c>): it asks what the user may do, as the use cases ask it.
    /// </summary>
    [Fact]
    public void The_web_asks_no_role_by_name()
    {
        using var stream = File.OpenRead(WebAssembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var asked = metadata.MemberReferences
            .Select(metadata.GetMemberReference)
            .Where(m => metadata.GetString(m.Name) == "IsInRole" && m.Parent.Kind == HandleKind.TypeReference)
            .Select(m => metadata.GetTypeReference((TypeReferenceHandle)m.Parent))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}.IsInRole")
            .ToList();

        Assert.True(asked.Count == 0, "The web asks for roles by name: " + string.Join(", ", asked));
    }
}
