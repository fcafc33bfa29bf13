using Xunit.Sdk;

namespace Toolflow.Testing.Stores;

/// <summary>The theory counterpart of <see cref="StoreFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Toolflow.Testing.Stores.StoreTheoryDiscoverer", "Toolflow.Testing")]
public sealed class StoreTheoryAttribute : TheoryAttribute;
