using Xunit.Abstractions;
using Xunit.Sdk;

namespace Toolflow.Testing.Stores;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping them where <see cref="StoreSkip"/> says so.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var reason = StoreSkip.ReasonFor(testMethod.TestClass.Class);
        return reason is null
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : [new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}
