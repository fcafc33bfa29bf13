using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Send Email (emailSend v1–v2.1) → email.send (to, cc, subject, body).</summary>
internal sealed class EmailMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.emailSend"];

    public NodeMapping Map(MappingContext context)
    {
        var p = context.Parameters;
        var to = context.Text("toEmail");
        if (string.IsNullOrWhiteSpace(to))
        {
            return context.Unsupported("it has no recipient");
        }

        var format = context.Text("emailFormat");
        var body = format == "text" ? p["text"] : p["html"] ?? p["text"];
        var config = new JsonObject
        {
            ["to"] = context.Template(to),
            ["subject"] = context.Value(p["subject"] ?? JsonValue.Create("")),
            ["body"] = context.Value(body ?? JsonValue.Create("")),
        };
        if ((context.Text("ccEmail") ?? context.Text(p["options"].Get("ccEmail"))) is { Length: > 0 } cc)
        {
            config["cc"] = context.Template(cc);
        }

        if ((context.Text("attachments") ?? context.Text(p["options"].Get("attachments"))) is { Length: > 0 })
        {
            context.Warnings.Add("n8n attached binary data; email.send sends no attachments");
        }

        if (context.Text("fromEmail") is { Length: > 0 } from)
        {
            context.Warnings.Add($"sender '{from}' is not kept: the SMTP credential decides the sender");
        }

        return NodeMapping.To("email.send", config);
    }
}
