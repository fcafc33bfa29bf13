using System.Text;

namespace Toolflow.Core.Import.Graph;

/// <summary>Derives Toolflow node ids (<c>[A-Za-z_][A-Za-z0-9_-]{0,63}</c>, unique) from n8n node names.</summary>
internal static class NodeIds
{
    public static Dictionary<string, string> Assign(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var baseId = Sanitise(name);
            var id = baseId;
            for (var n = 2; !used.Add(id); n++)
            {
                var suffix = $"_{n}";
                id = (baseId.Length + suffix.Length > 64 ? baseId[..(64 - suffix.Length)] : baseId) + suffix;
            }

            result[name] = id;
        }

        return result;
    }

    public static string Sanitise(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Trim())
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
            // Runs of spaces, punctuation and non-ASCII letters collapse into one underscore.
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var id = builder.ToString().Trim('_');
        if (id.Length == 0)
        {
            id = "node";
        }

        if (!char.IsAsciiLetter(id[0]) && id[0] != '_')
        {
            id = "_" + id;
        }

        return id.Length > 64 ? id[..64] : id;
    }
}
