using SurveyBot.Engine.Runtime;

namespace SurveyBot.Channels.Console;

/// <summary>Renders a prompt as terminal text: options are listed with the number to type.</summary>
public static class ConsolePromptWriter
{
    public static string Render(Prompt prompt)
    {
        var lines = new List<string> { "" };
        // A terminal shows no pictures: the path says which one the question refers to.
        if (prompt.Image is { } image) lines.Add($"[그림: {image}{(File.Exists(image) ? "" : " (파일 없음)")}]");
        lines.Add(prompt.Text);
        foreach (var row in prompt.Buttons)
        {
            var numbered = row.Where(b => int.TryParse(b.Value, out _)).ToList();
            if (numbered.Count > 0 && numbered.All(b => b.Label == b.Value))
                lines.Add("  " + string.Join("  ", numbered.Select(b => b.Label)));
            else
                lines.AddRange(numbered.Select(b => $"  {b.Value,3}) {b.Label}"));
            foreach (var nav in row.Where(b => !int.TryParse(b.Value, out _)))
            {
                lines.Add(nav.Value switch
                {
                    CallbackData.Next => $"  (Enter) {nav.Label}",
                    CallbackData.Done => $"  ({nav.Label}) 라고 입력하면 답변을 마칩니다",
                    CallbackData.Back => $"  (/back) {nav.Label}",
                    _ => $"  {nav.Label}",
                });
            }
        }
        if (!prompt.IsFinal) lines.Add("> ");
        return string.Join(Environment.NewLine, lines);
    }
}
