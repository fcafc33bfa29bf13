using Xunit.Abstractions;
using Xunit.Sdk;

namespace Toolflow.Testing.Stores;

/// <summary>A test case reported as skipped with a reason decided at discovery time.</summary>
public sealed class SkippedStoreTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes", error: true)]
    public SkippedStoreTestCase()
    {
    }

    public SkippedStoreTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        _reason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.AddValue("StoreSkipReason", _reason);
        base.Serialize(data);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _reason = data.GetValue<string>("StoreSkipReason");
        base.Deserialize(data);
    }
}
