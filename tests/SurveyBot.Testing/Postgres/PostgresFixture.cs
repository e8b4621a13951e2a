namespace SurveyBot.Testing.Postgres;

/// <summary>One server for the collection, started on first use and stopped when the collection ends.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => PostgresServer.Start());

    public PostgresServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}
