using Xunit.Sdk;

namespace Toolflow.Testing.Stores;

/// <summary>
/// A fact of an abstract store suite. It runs on every subclass, except that a subclass bound to a
/// PostgreSQL fixture is skipped (with the reason) when PostgreSQL is unavailable.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Toolflow.Testing.Stores.StoreFactDiscoverer", "Toolflow.Testing")]
public sealed class StoreFactAttribute : FactAttribute;
