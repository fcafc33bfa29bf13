using Toolflow.Testing.Postgres;
using Xunit.Abstractions;

namespace Toolflow.Testing.Stores;

/// <summary>Decides, per concrete test class, whether a store test must be skipped.</summary>
internal static class StoreSkip
{
    /// <summary>Null to run; the skip reason when the class needs PostgreSQL and there is none.</summary>
    public static string? ReasonFor(ITypeInfo testClass)
    {
        var type = testClass.ToRuntimeType();
        return type is not null && NeedsPostgres(type) ? PostgresEnvironment.SkipReason : null;
    }

    private static bool NeedsPostgres(Type type) =>
        typeof(IRequiresPostgres).IsAssignableFrom(type)
        || type.GetInterfaces().Any(i =>
            i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IClassFixture<>) || i.GetGenericTypeDefinition() == typeof(ICollectionFixture<>))
            && typeof(IRequiresPostgres).IsAssignableFrom(i.GetGenericArguments()[0]));
}
