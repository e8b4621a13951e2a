namespace SurveyBot.Engine.Definition;

/// <summary>One band of a hidden recode: values from <see cref="Min"/> to <see cref="Max"/> (inclusive) get <see cref="Code"/>.</summary>
public sealed record RecodeBand(int Code, string Label, int? Min, int? Max)
{
    public bool Contains(int value) => (Min is null || value >= Min) && (Max is null || value <= Max);
}
