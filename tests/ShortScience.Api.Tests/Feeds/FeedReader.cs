using System.Diagnostics;
using System.Text.Json;

namespace ShortScience.Api.Tests.Feeds;

public sealed record ParsedEntry(string? Id, string? Title, string? Link, string? Published, string? Updated, string? Author,
    List<string> Tags, List<string> Content, string? Summary);

public sealed record ParsedFeed(bool Bozo, string Error, string Version, string? Title, List<ParsedEntry> Entries);

/// <summary>
/// A real feed reader's opinion: Debian's python3-feedparser (through /usr/bin/python3, the Python that has
/// Debian's packages). "bozo" is its flag for anything malformed: encoding, XML, dates it cannot read.
/// </summary>
public static class FeedReader
{
    const string Script = """
        import json, sys, feedparser
        d = feedparser.parse(sys.argv[1])
        print(json.dumps({
          "bozo": bool(d.bozo), "error": repr(d.get("bozo_exception", "")), "version": d.version, "title": d.feed.get("title"),
          "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "published": e.get("published"),
                       "updated": e.get("updated"), "author": e.get("author"), "tags": [t.term for t in e.get("tags", [])],
                       "content": [c.value for c in e.get("content", [])], "summary": e.get("summary")} for e in d.entries]}))
        """;

    public static async Task<ParsedFeed> ParseAsync(byte[] feed)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, feed);
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", Script, file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "feedparser failed (apt-get install python3-feedparser): " + await error);
            return JsonSerializer.Deserialize<ParsedFeed>(await output, JsonSerializerOptions.Web)!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
