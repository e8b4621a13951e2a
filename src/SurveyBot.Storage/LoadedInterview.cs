using SurveyBot.Engine.Runtime;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>An interview read from storage: its row, the engine state rebuilt from it, and which columns are already stored.</summary>
public sealed record LoadedInterview(RespondentRecord Record, InterviewState State, HashSet<string> StoredColumns);
