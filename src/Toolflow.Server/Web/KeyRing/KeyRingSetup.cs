using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Web.KeyRing;

/// <summary>Data Protection with its key ring in the database, sealed with the master key (docs/ui.md).</summary>
internal static class KeyRingSetup
{
    /// <summary>One application name for every process, so they share one key ring and one cookie purpose.</summary>
    public const string ApplicationName = "Toolflow";

    public static IServiceCollection AddToolflowKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            options.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<ToolflowRepositories>().DataProtectionKeys);
            options.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<MasterKeyRing>());
        });
        return services;
    }
}
