namespace SurveyBot.Conversation;

/// <summary>What kind of thing a person did.</summary>
public enum ConversationInputKind
{
    /// <summary>Sent a message (text, a command, or something else such as a document).</summary>
    Message,

    /// <summary>Pressed a button of one of SurveyBot's messages.</summary>
    ButtonPress,

    /// <summary>Edited a message already sent: an answer is never changed that way.</summary>
    EditedMessage,

    /// <summary>Added SurveyBot to a group.</summary>
    AddedToGroup,

    /// <summary>Blocked SurveyBot in a private chat.</summary>
    Blocked,

    /// <summary>Unblocked SurveyBot (or another change of the private chat's membership).</summary>
    MembershipChanged,
}
