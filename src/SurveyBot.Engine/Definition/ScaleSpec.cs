namespace SurveyBot.Engine.Definition;

/// <summary>A rating scale: points <see cref="Min"/>..<see cref="Max"/> with labels for its two ends.</summary>
public sealed record ScaleSpec(int Min, int Max, string Low, string High);
