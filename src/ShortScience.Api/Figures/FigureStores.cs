using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ShortScience.Data;

namespace ShortScience.Api.Figures;

/// <summary>
/// Where the bytes of figures live. The facts of a figure (size, owner, dates) are always rows of <c>figures</c>;
/// a store only keeps and hands out bytes by (hash, variant). Saving is idempotent (content-addressed), reading
/// streams. An S3-compatible store would implement the same three calls (PUT object, GET object streamed, DELETE).
/// </summary>
public interface IFigureStore
{
    Task SaveAsync(string hash, string variant, byte[] data, CancellationToken ct);

    /// <summary>Copies the bytes to <paramref name="destination"/> without holding them whole; false when absent.</summary>
    Task<bool> CopyToAsync(string hash, string variant, Stream destination, CancellationToken ct);

    Task DeleteAsync(string hash, CancellationToken ct);
}

/// <summary>The default: bytes in the <c>figure_blobs</c> table, backed up and replicated with everything else.</summary>
public sealed class PostgresFigureStore(ShortScienceDb db) : IFigureStore
{
    public Task SaveAsync(string hash, string variant, byte[] data, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO figure_blobs (hash, variant, data) VALUES ({hash}, {variant}, {data}) ON CONFLICT (hash, variant) DO NOTHING", ct);

    public async Task<bool> CopyToAsync(string hash, string variant, Stream destination, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT data FROM figure_blobs WHERE hash = $1 AND variant = $2", connection);
            command.Parameters.Add(new() { Value = hash });
            command.Parameters.Add(new() { Value = variant });
            // Sequential access streams the column from the wire instead of materializing the whole array.
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
            if (!await reader.ReadAsync(ct)) return false;
            await using var data = await reader.GetStreamAsync(0, ct);
            await data.CopyToAsync(destination, 64 * 1024, ct);
            return true;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    public Task DeleteAsync(string hash, CancellationToken ct) =>
        db.FigureBlobs.Where(b => b.Hash == hash).ExecuteDeleteAsync(ct);
}

/// <summary>Bytes as files under <see cref="FigureOptions.FileSystemPath"/> (<c>ab/abcdef….column.webp</c>).</summary>
public sealed class FileSystemFigureStore(IOptions<FigureOptions> options) : IFigureStore
{
    readonly string _root = options.Value.FileSystemPath is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : throw new InvalidOperationException("Figures:Store is FileSystem but Figures:FileSystemPath is not set.");

    string PathOf(string hash, string variant) => Path.Combine(_root, hash[..2], $"{hash}.{variant}.webp");

    public async Task SaveAsync(string hash, string variant, byte[] data, CancellationToken ct)
    {
        var target = PathOf(hash, variant);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Write aside, then move into place: a reader never sees half a file.
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, data, ct);
        File.Move(temporary, target, overwrite: true);
    }

    public async Task<bool> CopyToAsync(string hash, string variant, Stream destination, CancellationToken ct)
    {
        FileStream file;
        try { file = new FileStream(PathOf(hash, variant), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return false; }
        await using (file) await file.CopyToAsync(destination, ct);
        return true;
    }

    public Task DeleteAsync(string hash, CancellationToken ct)
    {
        foreach (var variant in new[] { Contracts.FigureLinks.Original, Contracts.FigureLinks.Column }) File.Delete(PathOf(hash, variant));
        return Task.CompletedTask;
    }
}
