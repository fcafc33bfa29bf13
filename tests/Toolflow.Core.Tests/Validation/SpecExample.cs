namespace Toolflow.Core.Tests.Validation;

/// <summary>The example of SPEC §2, verbatim.</summary>
internal static class SpecExample
{
    public const string Json = """
        {
          "name": "Morning digest",
          "description": "Fetch the feed, summarise it, mail it",
          "tags": ["news"],
          "trigger": { "type": "schedule", "cron": "0 8 * * 1-5", "timezone": "Europe/Paris" },
          "inputSchema": { "type": "object", "properties": { "topic": { "type": "string" } } },
          "nodes": [
            { "id": "fetch", "tool": "http.request",
              "config": { "method": "GET", "url": "https://example.org/feed?q={{ input.topic }}" },
              "retry": { "maxAttempts": 3, "backoff": "exponential", "initialDelayMs": 500 },
              "timeoutMs": 10000 },
            { "id": "ok", "tool": "flow.condition",
              "config": { "expression": "{{ nodes.fetch.output.status == 200 }}" } },
            { "id": "summary", "tool": "llm.chat",
              "config": { "prompt": "Summarise: {{ nodes.fetch.output.body }}" } },
            { "id": "mail", "tool": "email.send", "credential": "smtp-main",
              "config": { "to": "me@example.org", "subject": "Digest", "body": "{{ nodes.summary.output.text }}" } }
          ],
          "edges": [
            { "source": "fetch", "target": "ok" },
            { "source": "ok", "target": "summary", "branch": "true" },
            { "source": "summary", "target": "mail" }
          ]
        }
        """;
}
