using SurveyBot.Cli;
using SurveyBot.Hosting;

NativeHeap.Configure();
return await SurveyBotCommandLine.Build().Parse(args).InvokeAsync();
