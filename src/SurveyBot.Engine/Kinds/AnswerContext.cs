using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>What a kind may read to judge an input: the respondent's state, the engine's texts and the channel's input style.</summary>
public sealed record AnswerContext(InterviewState State, EngineMessages Messages, bool TypedChoices);
