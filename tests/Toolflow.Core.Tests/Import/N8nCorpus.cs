namespace Toolflow.Core.Tests.Import;

/// <summary>
/// The n8n corpus: the copy under tests/fixtures/n8n (with its LICENSE and NOTICE.md), so the suite
/// runs on a clean clone; the shared corpus beside the repository is the fallback.
/// </summary>
internal static class N8nCorpus
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Toolflow.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no Toolflow.slnx above {AppContext.BaseDirectory}");
        }
    }

    public static IEnumerable<string> Files(string folder) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*.json").Order(StringComparer.Ordinal);

    public static TheoryData<string> Valid() => [.. Files("valid").Select(Path.GetFileName).OfType<string>()];

    public static TheoryData<string> Problematic() => [.. Files("problematic").Select(Path.GetFileName).OfType<string>()];

    private static string Locate()
    {
        string[] candidates =
        [
            Path.Combine(RepositoryRoot, "tests", "fixtures", "n8n"),
            Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "n8n")),
        ];
        return candidates.FirstOrDefault(c => System.IO.Directory.Exists(Path.Combine(c, "valid")))
            ?? throw new InvalidOperationException($"the n8n corpus is missing: looked in {string.Join(" and ", candidates)}");
    }
}
