using SurveyBot.Cli;
using SurveyBot.Hosting;

NativeHeap.LimitArenas();
return await SurveyBotCommandLine.Build().Parse(args).InvokeAsync();
