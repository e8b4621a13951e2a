using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>Keeps every log line at every level, with the exception's full ToString(), so tests can search what an operator would see.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, _lines);

    public void Dispose()
    {
    }
}
