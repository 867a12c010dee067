using System.Buffers.Binary;
using System.Text;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>How to start a math worker: a program and its arguments (the API starts itself with <c>math-worker</c>).</summary>
/// <param name="Log">Receives each line the worker writes to its standard error, and the client's own notes.</param>
public sealed record MathWorkerStart(string FileName, IReadOnlyList<string> Arguments, Action<string>? Log = null);

/// <summary>
/// The math worker's side: V8 engines with KaTeX and MathJax in a process of their own, serving render calls read
/// from standard input and answering on standard output. Keeping V8 out of the API keeps its code, heap and native
/// library (about a hundred megabytes under writes) out of the API's memory, and a formula that crashes V8 ends the
/// worker, not the API.
/// </summary>
/// <remarks>
/// Frames (little-endian): a call is id (int32), operation (byte: <c>D</c> KaTeX, <c>M</c> MathJax), milliseconds
/// left (int32), length (int32) and UTF-8 JSON; an answer is id, status (byte: 0 done, 1 refused, 2 failed),
/// milliseconds spent starting engines (int32, not the text's time), length and UTF-8 text. The worker answers
/// id 0 once when it is ready, and exits when its standard input closes (the API stopped or died).
/// </remarks>
public static class MathWorker
{
    /// <summary>The command-line argument that makes the API's executable a math worker.</summary>
    public const string Argument = "math-worker";

    internal const byte Document = (byte)'D', MathJax = (byte)'M';
    internal const byte Done = 0, Refused = 1, Failed = 2;
    internal const int MaxFrame = 64 * 1024 * 1024;

    /// <summary>Serves calls until <paramref name="input"/> ends; returns the process's exit code.</summary>
    public static int Serve(Stream input, Stream output, int engines)
    {
        using var math = new LocalMath(new MathEnginePool(Math.Clamp(engines, 1, 8)));
        var writing = new Lock();
        void Answer(int id, byte status, TimeSpan excluded, string text)
        {
            lock (writing) WriteFrame(output, id, status, (int)excluded.TotalMilliseconds, text);
        }
        Answer(0, Done, TimeSpan.Zero, "ready");
        while (ReadFrame(input) is { } call)
        {
            // Each call on a pool thread: the engines render side by side, answers go out as they finish.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                var deadline = new Deadline(TimeSpan.FromMilliseconds(call.Number));
                try
                {
                    var result = call.Kind == MathJax
                        ? math.RenderWithMathJax(call.Text, deadline)
                        : math.RenderDocument(call.Text, deadline);
                    Answer(call.Id, Done, deadline.Excluded, result);
                }
                catch (RenderRefusedException e)
                {
                    Answer(call.Id, Refused, deadline.Excluded, $"{(int)e.Reason}\n{e.Message}");
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"math worker: call {call.Id} failed: {e}");
                    Answer(call.Id, Failed, deadline.Excluded, e.Message);
                }
            });
        }
        return 0;
    }

    internal sealed record Frame(int Id, byte Kind, int Number, string Text);

    internal static void WriteFrame(Stream output, int id, byte kind, int number, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var frame = new byte[13 + length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, id);
        frame[4] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(5), number);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(9), length);
        Encoding.UTF8.GetBytes(text, frame.AsSpan(13));
        output.Write(frame);
        output.Flush();
    }

    /// <summary>The next frame, or null at the end of the stream.</summary>
    internal static Frame? ReadFrame(Stream input)
    {
        Span<byte> head = stackalloc byte[13];
        if (!Fill(input, head)) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(head[9..]);
        if (length is < 0 or > MaxFrame) throw new InvalidDataException($"A math worker frame of {length} bytes.");
        var body = new byte[length];
        if (!Fill(input, body)) throw new EndOfStreamException("The math worker's stream ended inside a frame.");
        return new Frame(BinaryPrimitives.ReadInt32LittleEndian(head), head[4],
            BinaryPrimitives.ReadInt32LittleEndian(head[5..]), Encoding.UTF8.GetString(body));
    }

    static bool Fill(Stream input, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0)
            {
                if (read == 0) return false;
                throw new EndOfStreamException("The math worker's stream ended inside a frame.");
            }
            read += n;
        }
        return true;
    }
}
