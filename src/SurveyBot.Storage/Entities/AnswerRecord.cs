namespace SurveyBot.Storage.Entities;

/// <summary>One stored answer: the value of one data column for one respondent.</summary>
public sealed class AnswerRecord
{
    public long RespondentId { get; set; }
    public string Code { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime AnsweredAt { get; set; }

    /// <summary>
    /// When the step that asked this column was put in front of the respondent (its prompt staged); null
    /// for columns no step asks (recodes, rotation orders) and for answers stored before paradata existed.
    /// </summary>
    public DateTime? ShownAt { get; set; }

    /// <summary>How many times the asking step was shown: 1, plus one for each /back that left it or returned to it; 0 when not recorded.</summary>
    public int Visits { get; set; }

    /// <summary>Whether a reminder went out between <see cref="ShownAt"/> and <see cref="AnsweredAt"/>.</summary>
    public bool RemindedBetween { get; set; }

    /// <summary>Set only for answers of a respondent created in the same transaction, so the key is filled in on commit.</summary>
    public RespondentRecord? Respondent { get; set; }
}
