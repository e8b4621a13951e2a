using SurveyBot.Cli;

return await SurveyBotCommandLine.Build().Parse(args).InvokeAsync();
