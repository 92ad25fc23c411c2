using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cases.Application.Casework;

public static class CaseworkSetup
{
    /// <summary>
    /// The attachment store: <c>Attachments:Path</c> (relative to <paramref name="contentRoot"/>; default
    /// <c>data/attachments</c>, beside the SQLite database) and <c>Attachments:MaxBytes</c> (default 10 MiB).
    /// </summary>
    public static IServiceCollection AddCasework(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(AttachmentOptions.Section).Get<AttachmentOptions>() ?? new AttachmentOptions();
        if (options.MaxBytes <= 0)
        {
            throw new InvalidOperationException($"Attachments:MaxBytes must be a positive number of bytes; it is {options.MaxBytes}.");
        }

        options.Path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Path) ? Path.Combine("data", "attachments") : options.Path, contentRoot);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<IAttachmentStore>(new FileSystemAttachmentStore(options.Path));
        return services;
    }
}
