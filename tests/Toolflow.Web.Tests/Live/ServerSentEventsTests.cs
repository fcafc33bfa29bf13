using Toolflow.Server.Web.Client;

namespace Toolflow.Web.Tests.Live;

public sealed class ServerSentEventsTests
{
    [Fact]
    public async Task Frames_AreReadWithTheirSequence_CommentsSkipped()
    {
        var text = ": stream open\n\n" +
                   "id: 7\nevent: node.started\ndata: {\"type\":\"node.started\",\"sequence\":7,\"data\":{\"nodeId\":\"a\"}}\n\n" +
                   ": keep-alive\n\n" +
                   "id: 8\nevent: progress\ndata: {\"data\":{\"totalSteps\":1}}\n\n" +
                   "id: 9\nevent: broken\ndata: {not json\n\n";
        var items = new List<LiveEvent>();

        await foreach (var item in ServerSentEvents.ReadAsync(new StringReader(text)))
        {
            items.Add(item);
        }

        Assert.Equal([("node.started", 7L), ("progress", 8L)], items.Select(i => (i.Type, i.Sequence)));
        Assert.Equal("a", items[0].Data["nodeId"]!.GetValue<string>());
    }
}
