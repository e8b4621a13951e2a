using System.Collections.ObjectModel;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// One chat: the bot's messages in order, the message id sequence shared by bot and respondent (as in a
/// Telegram private chat) and whether the respondent blocked the bot. Readers get an immutable snapshot
/// without locking because benchmarks poll a thousand chats concurrently.
/// </summary>
internal sealed class ChatState
{
    private readonly object _lock = new();
    private BotMessage[] _items = [];
    private ReadOnlyCollection<BotMessage> _snapshot = ReadOnlyCollection<BotMessage>.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastMessageId;
    private int _lastUserMessageId;
    private long _lastIncoming;
    private volatile bool _blocked;
    private volatile string _type = "private";

    private readonly int? _keep;

    public ChatState(long id, int? keep = null)
    {
        Id = id;
        _keep = keep;
        FirstName = $"User{id}";
        Username = $"user{Math.Abs(id)}";
    }

    public long Id { get; }

    public string FirstName { get; }

    public string Username { get; }

    /// <summary>The private chat's person as set with <see cref="FakeBotApiServer.SetProfile"/>; null for the default name.</summary>
    public UserProfile? Profile { get; set; }

    /// <summary>"private", "group", "supergroup" or "channel" — as the last simulated message said.</summary>
    public string Type
    {
        get => _type;
        set => _type = value;
    }

    public string Title => $"Group {Id}";

    /// <summary>The bot left the chat (leaveChat): a group it is no longer in refuses what it sends.</summary>
    public bool Left { get; set; }

    public bool Blocked
    {
        get => _blocked;
        set => _blocked = value;
    }

    public IReadOnlyList<BotMessage> Messages => Volatile.Read(ref _snapshot);

    /// <summary>Completes on the next change; take it before inspecting <see cref="Messages"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public int LastUserMessageId => Volatile.Read(ref _lastUserMessageId);

    /// <summary>When the respondent last wrote or pressed a button (a Stopwatch timestamp; 0: never).</summary>
    public long LastIncoming
    {
        get => Volatile.Read(ref _lastIncoming);
        set => Volatile.Write(ref _lastIncoming, value);
    }

    public int AllocateUserMessageId()
    {
        lock (_lock)
        {
            _lastUserMessageId = ++_lastMessageId;
            return _lastMessageId;
        }
    }

    public BotMessage Add(Func<int, BotMessage> create)
    {
        TaskCompletionSource changed;
        BotMessage message;
        lock (_lock)
        {
            message = create(_lastMessageId + 1);
            _lastMessageId++;
            // Only the newest messages when the chat keeps a bounded number of them.
            var kept = _keep is int keep ? Math.Min(_items.Length, Math.Max(keep, 1) - 1) : _items.Length;
            var items = new BotMessage[kept + 1];
            Array.Copy(_items, _items.Length - kept, items, 0, kept);
            items[^1] = message;
            changed = Publish(items);
        }

        changed.TrySetResult();
        return message;
    }

    public BotMessage? Find(int messageId)
    {
        var items = Volatile.Read(ref _snapshot);
        for (var i = items.Count - 1; i >= 0; i--)
        {
            if (items[i].MessageId == messageId)
            {
                return items[i];
            }
        }

        return null;
    }

    /// <summary>Replaces a message; <paramref name="change"/> may throw to reject the edit.</summary>
    public BotMessage Update(int messageId, Func<BotMessage, BotMessage> change, string notFound)
    {
        TaskCompletionSource changed;
        BotMessage updated;
        lock (_lock)
        {
            var index = IndexOf(messageId);
            if (index < 0)
            {
                throw ApiErrorException.BadRequest(notFound);
            }

            updated = change(_items[index]);
            var items = (BotMessage[])_items.Clone();
            items[index] = updated;
            changed = Publish(items);
        }

        changed.TrySetResult();
        return updated;
    }

    public bool Remove(int messageId)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            var index = IndexOf(messageId);
            if (index < 0)
            {
                return false;
            }

            var items = new BotMessage[_items.Length - 1];
            Array.Copy(_items, 0, items, 0, index);
            Array.Copy(_items, index + 1, items, index, _items.Length - index - 1);
            changed = Publish(items);
        }

        changed.TrySetResult();
        return true;
    }

    private int IndexOf(int messageId)
    {
        for (var i = _items.Length - 1; i >= 0; i--)
        {
            if (_items[i].MessageId == messageId)
            {
                return i;
            }
        }

        return -1;
    }

    private TaskCompletionSource Publish(BotMessage[] items)
    {
        _items = items;
        Volatile.Write(ref _snapshot, new ReadOnlyCollection<BotMessage>(items));
        var previous = _changed;
        Volatile.Write(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return previous;
    }
}
