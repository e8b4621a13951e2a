using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>The logger behind <see cref="CollectingLoggerProvider"/>: one line per entry, scopes ignored.</summary>
internal sealed class CollectingLogger(string category, ConcurrentQueue<string> lines) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        lines.Enqueue($"[scope] {category}: {state}");
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] {exception}");
    }
}
