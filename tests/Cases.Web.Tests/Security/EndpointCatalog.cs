using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Security;

/// <summary>One routable endpoint and method, as the tables of this folder name it: <c>GET /api/cases/{id:guid}</c>.</summary>
public sealed record RouteKey(string Method, string Pattern)
{
    public override string ToString() => $"{Method} {Pattern}";
}

public sealed record RoutedEndpoint(RouteKey Key, RouteEndpoint Endpoint)
{
    public bool IsStaticAsset => Endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    public bool IsApi => Key.Pattern.StartsWith("/api/", StringComparison.Ordinal);

    public bool AllowsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public bool DeclaresAuthorization => AllowsAnonymous || Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    /// <summary>The handler of a minimal API endpoint (null for MVC, health checks, Hangfire).</summary>
    public System.Reflection.MethodInfo? Handler => Endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>();
}

/// <summary>The app's routing table, read from its <see cref="EndpointDataSource"/>: what the tests must cover.</summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<RoutedEndpoint> Of(IServiceProvider services)
    {
        var endpoints = new List<RoutedEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue; // a conventional route's link-generation entry, not something a request reaches
            }

            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods.Where(m => m != HttpMethods.Head))
            {
                endpoints.Add(new RoutedEndpoint(new RouteKey(method, PatternOf(endpoint)), endpoint));
            }
        }

        return endpoints;
    }

    // Conventionally routed actions are named by controller and action ("/Home/Index"); everything else by its template.
    private static string PatternOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is { AttributeRouteInfo: null } action
            ? $"/{action.ControllerName}/{action.ActionName}"
            : "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
}
