using Toolflow.Server.Web.Versions;

namespace Toolflow.Web.Tests.Versions;

public sealed class LineDiffTests
{
    [Fact]
    public void ChangedLines_AreRemovedThenAdded_TheRestKept()
    {
        var diff = LineDiff.Compare("a\nb\nc\nd", "a\nB\nc\nd\ne");

        Assert.Equal(
            [(DiffKind.Same, "a"), (DiffKind.Removed, "b"), (DiffKind.Added, "B"), (DiffKind.Same, "c"), (DiffKind.Same, "d"), (DiffKind.Added, "e")],
            diff.Select(d => (d.Kind, d.Text)));
    }

    [Fact]
    public void EqualTexts_HaveNoChanges_AndEmptyTextsNoLines()
    {
        Assert.All(LineDiff.Compare("x\ny", "x\ny"), d => Assert.Equal(DiffKind.Same, d.Kind));
        Assert.Empty(LineDiff.Compare("", ""));
        Assert.Equal([DiffKind.Added], LineDiff.Compare("", "new").Select(d => d.Kind));
    }

    [Fact]
    public void HugeTexts_AreComparedWithoutTheQuadraticTable()
    {
        var big = string.Join('\n', Enumerable.Range(0, LineDiff.MaxLines + 1));

        var diff = LineDiff.Compare(big, "0");

        Assert.Equal(LineDiff.MaxLines + 2, diff.Count);
    }
}
