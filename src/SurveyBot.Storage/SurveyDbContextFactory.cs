using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SurveyBot.Storage;

/// <summary>Lets <c>dotnet ef</c> build the context at design time.</summary>
public sealed class SurveyDbContextFactory : IDesignTimeDbContextFactory<SurveyDbContext>
{
    public SurveyDbContext CreateDbContext(string[] args) => new(SurveyDatabase.Options("Data Source=data/design.db"));
}
