namespace Cases.Web.Tests.Security;

/// <summary>The headers every answer carries, pages, API and errors alike.</summary>
public static class SecurityHeaders
{
    /// <summary>What is missing or wrong in the response's security headers; empty when all is well.</summary>
    public static IReadOnlyList<string> Missing(HttpResponseMessage response, bool cacheable = false)
    {
        var missing = new List<string>();
        var csp = Header(response, "Content-Security-Policy");
        if (csp is null)
        {
            missing.Add("no Content-Security-Policy");
        }
        else
        {
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var required in new[] { "default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'" })
            {
                if (!directives.Contains(required, StringComparer.Ordinal))
                {
                    missing.Add($"Content-Security-Policy lacks {required}: {csp}");
                }
            }

            if (csp.Contains("unsafe-inline", StringComparison.Ordinal) || csp.Contains("unsafe-eval", StringComparison.Ordinal) || csp.Contains('*', StringComparison.Ordinal))
            {
                missing.Add($"Content-Security-Policy allows inline, eval or any source: {csp}");
            }
        }

        Expect(response, "X-Content-Type-Options", "nosniff", missing);
        Expect(response, "X-Frame-Options", "DENY", missing);
        Expect(response, "Referrer-Policy", "same-origin", missing);
        if (!cacheable)
        {
            // Pages and API answers carry personal data: no browser or proxy keeps a copy.
            var cache = response.Headers.CacheControl;
            if (cache is not { NoStore: true })
            {
                missing.Add($"Cache-Control is '{cache}', not no-store");
            }
        }

        return missing;
    }

    private static void Expect(HttpResponseMessage response, string name, string value, List<string> missing)
    {
        var actual = Header(response, name);
        if (!string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
        {
            missing.Add($"{name} is '{actual}', not '{value}'");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
