namespace SurveyBot.Storage.Entities;

/// <summary>One interview: who (pseudonymously), which flow, where it stands. Answers live in <see cref="AnswerRecord"/>.</summary>
public sealed class RespondentRecord
{
    public long Id { get; set; }

    /// <summary>The pseudonymous id exported as <c>respondent_id</c>; never derived from a Telegram id.</summary>
    public string PublicId { get; set; } = "";

    public string FlowId { get; set; } = "";
    public int FlowVersion { get; set; }

    /// <summary><c>console</c> or <c>telegram</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The chat the interview runs in (private chat id for Telegram; a local number for the console).</summary>
    public long ChatId { get; set; }

    /// <summary>Position among the flow's respondents, from 0: drives option rotation.</summary>
    public long Ordinal { get; set; }

    public string Status { get; set; } = "in_progress";
    public string? CurrentStep { get; set; }

    /// <summary>The answered steps and what each set, as JSON, so /back survives a restart.</summary>
    public string HistoryJson { get; set; } = "[]";

    /// <summary>
    /// Every stored answer as one JSON object (column to value), written in the same transaction as
    /// the answer rows: the engine state is rebuilt from this one row on each input, while the answer
    /// rows serve exports and analysis.
    /// </summary>
    public string AnswersJson { get; set; } = "{}";

    public string? ScreenedOutAt { get; set; }
    public string? Source { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>Reminders sent while the interview was in progress (at most the flow's <c>max_reminders</c>).</summary>
    public int RemindersSent { get; set; }

    public DateTime? LastRemindedAt { get; set; }

    /// <summary>When the current step was shown (its prompt staged): the answer to it is timed from here.</summary>
    public DateTime? StepShownAt { get; set; }

    /// <summary>/back presses over the whole interview.</summary>
    public int BackCount { get; set; }

    /// <summary>
    /// For steps shown more than once, the extra showings (step to count) as JSON: written only when /back is
    /// pressed, so the answer path pays nothing for it.
    /// </summary>
    public string RevisitsJson { get; set; } = "{}";
}
