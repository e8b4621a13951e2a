using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace SurveyBot.Bench;

/// <summary>
/// The managed heap of another .NET process right after a full blocking collection, read through its diagnostics port:
/// an EventPipe session with the GC heap-collect keyword makes the runtime collect (as dotnet-gcdump does), and that
/// collection's heap statistics event gives the size of every generation. A heap read at a random moment would be mostly
/// garbage waiting for the next collection; after a full one it is what the process really holds.
/// </summary>
public static class HeapProbe
{
    /// <summary>Bytes held after an induced full collection, or null when the process did not answer in time.</summary>
    public static long? AfterFullCollection(int processId, TimeSpan timeout)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        // A small buffer: the session's buffer is the bot's memory while it lasts (a few GC events need little).
        try
        {
            using var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 1);
            using var source = new EventPipeEventSource(session.EventStream);
            long? size = null;
            var induced = false;
            using var found = new ManualResetEventSlim();
            source.Clr.GCStart += e => { if (e.Reason == GCReason.Induced && e.Depth == 2) induced = true; };
            source.Clr.GCHeapStats += e =>
            {
                if (!induced || size is not null) return;
                size = e.TotalHeapSize;
                found.Set();
            };
            var reading = Task.Run(() =>
            {
                try { source.Process(); }
                catch (Exception) when (found.IsSet) { }
            });
            found.Wait(timeout);
            session.Stop();
            reading.Wait(timeout);
            return size;
        }
        catch (Exception error) when (error is ServerNotAvailableException or UnsupportedCommandException or TimeoutException or IOException or AggregateException)
        {
            return null;
        }
    }
}
