using SurveyBot.Bench;

return await BenchCommandLine.Build().Parse(args).InvokeAsync();
