using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;

namespace Toolflow.Server.Hosting;

/// <summary>Binds <c>Database:*</c> and registers the one connection factory and the migrator.</summary>
internal static class DatabaseRegistration
{
    public static DatabaseOptions ReadDatabaseOptions(this IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
        return options;
    }

    public static IServiceCollection AddToolflowDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        // Fail at start-up, naming the bad setting, rather than at the first request.
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new Storage.SettingsException(string.Join(" ", problems));
        }

        services.AddSingleton(options);
        services.AddSingleton(_ => ToolflowDatabase.Create(options));
        services.AddSingleton<Migrator>();
        services.AddHostedService<MigrateOnStart>();
        return services;
    }
}
