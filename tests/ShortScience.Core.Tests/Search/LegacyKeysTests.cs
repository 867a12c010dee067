using ShortScience.Core.Search;

namespace ShortScience.Core.Tests.Search;

public sealed class LegacyKeysTests
{
    [Theory]
    [InlineData("journals/corr/1406.2661", "1406.2661")]
    [InlineData("journals/corr/abs-1706-03762", "1706.03762")]
    [InlineData("journals/corr/abs-1412-6980v9", "1412.6980")]
    [InlineData("arxiv.org/abs/1406.2661", "1406.2661")]
    [InlineData("1406.2661", "1406.2661")]
    [InlineData("journals/corr/hep-th/9901001", "hep-th/9901001")]
    [InlineData("hep-th-9901001", "hep-th/9901001")]
    public void FindsTheArxivIdInsideAnOldKey(string key, string id)
    {
        Assert.True(LegacyKeys.TryArxivId(key, out var found));
        Assert.Equal(id, found.Id);
    }

    [Theory]
    [InlineData("conf/nips/GoodfellowPMXWOCB14")]
    [InlineData("journals/corr/GoodfellowPMXWOCB14")]
    [InlineData("")]
    [InlineData("abs-9999-99999")]
    public void KeysWithoutAnArxivIdHaveNone(string key) => Assert.False(LegacyKeys.TryArxivId(key, out _));
}
