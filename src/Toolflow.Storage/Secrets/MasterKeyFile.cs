using System.Globalization;

namespace Toolflow.Storage.Secrets;

/// <summary>
/// The embedded default's key store: one <c>version:base64</c> line per key, the highest version
/// current. Created on first start with mode 0600 (set at creation, so it is never readable by
/// others, even for a moment); two processes starting at once agree on one key (CreateNew).
/// </summary>
public static class MasterKeyFile
{
    public const string FileName = "master.key";

    public static MasterKeyRing LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            try
            {
                Write(path, [MasterKey.Generate(1)], FileMode.CreateNew);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return Read(path);
    }

    /// <summary>Replaces the file with <paramref name="ring"/>'s keys (after a rotation).</summary>
    public static void Save(string path, MasterKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var keys = ring.Versions.Select(v => ring.Find(v)!).ToList();
        var temporary = path + ".tmp";
        Write(temporary, keys, FileMode.Create);
        File.Move(temporary, path, overwrite: true);
    }

    private static MasterKeyRing Read(string path)
    {
        var keys = File.ReadAllLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 && int.TryParse(line[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                    ? MasterKey.FromBase64(version, line[(colon + 1)..])
                    : throw new SettingsException($"The key file '{path}' is malformed.");
            })
            .ToList();
        return keys.Count == 0
            ? throw new SettingsException($"The key file '{path}' holds no key.")
            : new MasterKeyRing(keys.MaxBy(k => k.Version)!, keys);
    }

    private static void Write(string path, IEnumerable<MasterKey> keys, FileMode mode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Database.PrivateDirectory.Ensure(folder);
        }

        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            foreach (var key in keys.OrderBy(k => k.Version))
            {
                writer.Write(FormattableString.Invariant($"{key.Version}:{key.ToBase64()}\n"));
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is masked by the umask and ignored for an existing file: say it again.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
