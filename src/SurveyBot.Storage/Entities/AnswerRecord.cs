namespace SurveyBot.Storage.Entities;

/// <summary>One stored answer: the value of one data column for one respondent.</summary>
public sealed class AnswerRecord
{
    public long RespondentId { get; set; }
    public string Code { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime AnsweredAt { get; set; }

    /// <summary>Set only for answers of a respondent created in the same transaction, so the key is filled in on commit.</summary>
    public RespondentRecord? Respondent { get; set; }
}
