using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Hosting;

/// <summary>The repositories and the master key ring, shared by the API and the workers (registered once).</summary>
internal static class RepositoryRegistration
{
    public static IServiceCollection AddToolflowRepositories(this IServiceCollection services, IConfiguration configuration)
    {
        var secrets = new SecretsOptions();
        configuration.GetSection(SecretsOptions.SectionName).Bind(secrets);
        // A key setting that cannot work stops start-up here, as one line (SettingsException), not at the first credential.
        MasterKeyRing.CheckSettings(secrets, configuration.ReadDatabaseOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => MasterKeyRing.Load(secrets, sp.GetRequiredService<DatabaseOptions>()));
        services.TryAddSingleton(sp => new ToolflowRepositories(
            sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MasterKeyRing>()));
        return services;
    }
}
