using System.Collections.Concurrent;
using System.Diagnostics;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>
/// The API's side of the math worker: one worker process with <c>engines</c> V8 engines, started on the first
/// formula and started again after it stops. Calls from several threads share its pipe; each waits for its own
/// answer. Starting the worker, like starting an engine, is the server's cost and is not counted against a text.
/// When the worker cannot start at all (its executable missing, the runtime refusing it), formulas render in this
/// process instead, and the worker is tried again a minute later: math keeps rendering either way.
/// </summary>
sealed class MathWorkerClient(MathWorkerStart start, int engines) : IMathBackend
{
    /// <summary>How long past a call's own limit the client waits before it takes the worker for hung and ends it.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    readonly Lock _gate = new();
    Worker? _worker;
    LocalMath? _fallback;
    long _retryAt;
    int _started, _nextId;
    bool _disposed;

    public int Created => _started;

    /// <summary>The running worker's process id (for tests and operators), or null before the first formula.</summary>
    public int? ProcessId => _worker is { Running: true } worker ? worker.Process.Id : null;

    public string RenderDocument(string json, Deadline deadline) => Call(MathWorker.Document, json, deadline);

    public string RenderWithMathJax(string json, Deadline deadline) => Call(MathWorker.MathJax, json, deadline);

    string Call(byte kind, string json, Deadline deadline)
    {
        if (deadline.Excluding(Running) is not { } worker)
        {
            var local = Fallback();
            return kind == MathWorker.MathJax ? local.RenderWithMathJax(json, deadline) : local.RenderDocument(json, deadline);
        }
        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero) throw deadline.TooSlow();
        var id = Interlocked.Increment(ref _nextId);
        var answer = worker.Send(id, kind, (int)Math.Ceiling(remaining.TotalMilliseconds), json);
        if (!answer.Wait(remaining + Grace))
        {
            worker.Stop($"the math worker did not answer call {id} within {(remaining + Grace).TotalSeconds:0.#} s");
            throw deadline.TooSlow();
        }
        var (status, excluded, text) = answer.Result;
        deadline.Exclude(excluded);
        switch (status)
        {
            case MathWorker.Done:
                return text;
            case MathWorker.Refused:
                var split = text.IndexOf('\n');
                throw new RenderRefusedException((RefusalReason)int.Parse(text[..split]), text[(split + 1)..]);
            case MathWorker.Failed:
                throw new InvalidOperationException($"The math worker failed: {text}");
            default:
                // The worker stopped with this call in hand: it may have been this text (V8 ended the process)
                // or any other; a new worker takes the next call.
                throw new RenderRefusedException(RefusalReason.Busy, "The math renderer restarted while rendering this text; try again.");
        }
    }

    /// <summary>The running worker, started if need be; null when it cannot start (then this process renders).</summary>
    Worker? Running()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_worker is { Running: true } running) return running;
            _worker?.Dispose();
            _worker = null;
            if (Environment.TickCount64 < _retryAt) return null;
            Worker? worker = null;
            try
            {
                worker = new Worker(start, engines);
                if (worker.Ready.Wait(StartLimit) && worker.Ready.Result)
                {
                    Interlocked.Increment(ref _started);
                    return _worker = worker;
                }
                start.Log?.Invoke($"The math worker did not become ready within {StartLimit.TotalSeconds:0} s.");
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                start.Log?.Invoke($"The math worker could not start ({start.FileName}): {e.Message}");
            }
            worker?.Dispose();
            _retryAt = Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds;
            start.Log?.Invoke($"Rendering math in this process; the worker is tried again in {RetryAfter.TotalSeconds:0} s.");
            return null;
        }
    }

    LocalMath Fallback()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _fallback ??= new LocalMath(new MathEnginePool(engines));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _worker?.Dispose();
            _worker = null;
            _fallback?.Dispose();
        }
    }

    /// <summary>One worker process: its pipe in, a thread reading its answers, and the calls waiting for them.</summary>
    sealed class Worker : IDisposable
    {
        const byte Gone = 255;

        readonly MathWorkerStart _start;
        readonly Stream _input;
        readonly Lock _writing = new();
        readonly ConcurrentDictionary<int, TaskCompletionSource<(byte, TimeSpan, string)>> _waiting = new();
        readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        volatile bool _stopped;

        public Worker(MathWorkerStart start, int engines)
        {
            _start = start;
            var info = new ProcessStartInfo(start.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in start.Arguments) info.ArgumentList.Add(argument);
            info.ArgumentList.Add(engines.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // A worker holds little managed data: one small GC heap, and no profile-guided copies of its code.
            info.Environment["DOTNET_gcServer"] = "0";
            info.Environment["DOTNET_GCgen0size"] = "400000"; // hexadecimal: 4 MB
            info.Environment["DOTNET_TieredPGO"] = "0";
            Process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            _input = Process.StandardInput.BaseStream;
            Process.ErrorDataReceived += (_, line) =>
            {
                if (!string.IsNullOrEmpty(line.Data)) start.Log?.Invoke(line.Data);
            };
            Process.BeginErrorReadLine();
            new Thread(ReadAnswers) { IsBackground = true, Name = "math worker answers" }.Start();
        }

        public Process Process { get; }

        public bool Running => !_stopped;

        public Task<bool> Ready => _ready.Task;

        public Task<(byte Status, TimeSpan Excluded, string Text)> Send(int id, byte kind, int milliseconds, string json)
        {
            var answer = new TaskCompletionSource<(byte, TimeSpan, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = answer;
            try
            {
                lock (_writing) MathWorker.WriteFrame(_input, id, kind, milliseconds, json);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                Stop($"the math worker's input closed: {e.Message}");
            }
            if (_stopped) answer.TrySetResult((Gone, TimeSpan.Zero, ""));
            return answer.Task;
        }

        void ReadAnswers()
        {
            try
            {
                var output = Process.StandardOutput.BaseStream;
                while (MathWorker.ReadFrame(output) is { } frame)
                {
                    if (frame.Id == 0) _ready.TrySetResult(true);
                    else if (_waiting.TryRemove(frame.Id, out var answer))
                    {
                        answer.TrySetResult((frame.Kind, TimeSpan.FromMilliseconds(frame.Number), frame.Text));
                    }
                }
                Stop("the math worker exited");
            }
            catch (Exception e)
            {
                Stop($"reading the math worker's answers failed: {e.Message}");
            }
        }

        /// <summary>Ends the process; every call still waiting is answered "gone".</summary>
        public void Stop(string why)
        {
            if (_stopped) return;
            _stopped = true;
            _ready.TrySetResult(false);
            try
            {
                if (!Process.HasExited)
                {
                    _start.Log?.Invoke($"Stopping the math worker (process {Process.Id}): {why}.");
                    Process.Kill(entireProcessTree: true);
                }
                else _start.Log?.Invoke($"The math worker (process {Process.Id}) exited with code {Process.ExitCode}: {why}.");
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            AnswerWaitingGone();
        }

        /// <summary>Every call still waiting learns the worker is gone.</summary>
        void AnswerWaitingGone()
        {
            foreach (var id in _waiting.Keys)
            {
                if (_waiting.TryRemove(id, out var answer)) answer.TrySetResult((Gone, TimeSpan.Zero, ""));
            }
        }

        public void Dispose()
        {
            if (!_stopped)
            {
                // Closing its input asks the worker to finish; it is ended if it does not.
                _stopped = true;
                try
                {
                    _input.Dispose();
                    if (!Process.WaitForExit(TimeSpan.FromSeconds(2))) Process.Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException)
                {
                    // Already gone.
                }
                AnswerWaitingGone();
            }
            Process.Dispose();
        }
    }
}
