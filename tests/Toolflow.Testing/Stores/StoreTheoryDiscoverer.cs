using Xunit.Abstractions;
using Xunit.Sdk;

namespace Toolflow.Testing.Stores;

/// <summary>Discovers <see cref="StoreTheoryAttribute"/> tests, skipping them where <see cref="StoreSkip"/> says so.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var reason = StoreSkip.ReasonFor(testMethod.TestClass.Class);
        return reason is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
    }
}
