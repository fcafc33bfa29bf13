using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace Toolflow.Server.Web.Forms;

/// <summary>
/// A <see cref="SchemaForm"/> posted as a plain HTML form (a static page, no circuit) back into the JSON
/// object it edits: each field's text parsed as the interactive form parses it, errors keyed by JSON pointer
/// (<c>/count</c>) as the server keys them, so the same form shows both.
/// </summary>
public static class PostedFields
{
    public static string NameOf(string formName, FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return formName + "." + field.Name;
    }

    /// <param name="fields">The form's fields (from the schema).</param>
    /// <param name="formName">The <see cref="SchemaForm.FormName"/> the form was rendered with.</param>
    /// <param name="posted">The posted form's values by control name.</param>
    public static (JsonObject Value, Dictionary<string, string[]> Errors) Read(
        IReadOnlyList<FieldSpec> fields, string formName, Func<string, StringValues> posted)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(posted);
        var value = new JsonObject();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var text = posted(NameOf(formName, field)).ToString();

            // An unticked box posts nothing: that is false, not "left out".
            if (field.Kind == FieldKind.Boolean)
            {
                text = text.Length == 0 ? "false" : "true";
            }

            var (parsed, error) = FieldValue.Parse(field, text, expression: false);
            if (error is not null)
            {
                errors["/" + field.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)] = [error];
            }
            else if (parsed is not null)
            {
                value[field.Name] = parsed;
            }
        }

        return (value, errors);
    }
}
