using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// <see cref="DirectSave"/> writes rows from the EF Core model itself and only knows plain columns. These tests fail as
/// soon as SurveyBot's model uses a feature it cannot write (owned or complex properties, concurrency tokens, store
/// defaults, computed columns), and prove that each such feature is noticed.
/// </summary>
public sealed class DirectSaveModelGuardTests
{
    [Fact]
    public void SurveyBots_model_uses_nothing_DirectSave_cannot_write()
    {
        using var database = new TestDatabase();
        using var db = database.Open();

        Assert.Empty(DirectSave.UnsupportedFeatures(db.Model));
    }

    [Fact]
    public void Each_feature_DirectSave_cannot_write_is_named()
    {
        using var db = new FeatureContext();

        var features = DirectSave.UnsupportedFeatures(db.Model);

        Assert.Contains("Gadget.Size: complex property", features);
        Assert.Contains("Gadget.Version: concurrency token", features);
        Assert.Contains("Gadget.Colour: store default", features);
        Assert.Contains("Gadget.CreatedAt: store default", features);
        Assert.Contains("Gadget.Label: computed column", features);
        Assert.Contains("Part: owned type", features);
        Assert.DoesNotContain(features, f => f.StartsWith("Gadget.Id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_of_work_with_such_a_feature_is_saved_by_SaveChanges_as_it_should()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("surveybot-test-").FullName, "features.db");
        try
        {
            await using (var db = new FeatureContext(path))
            {
                await db.Database.EnsureCreatedAsync();
                db.Gadgets.Add(new Gadget { Name = "a", Size = new GadgetSize { Width = 2, Height = 3 } });
                Assert.False(DirectSave.CanSaveDirectly(db));
                await DirectSave.SaveAsync(db, CancellationToken.None);
            }
            await using (var db = new FeatureContext(path))
            {
                var stored = await db.Gadgets.AsNoTracking().SingleAsync();
                Assert.Equal(("red", 2, 3, "a!"), (stored.Colour, stored.Size.Width, stored.Size.Height, stored.Label));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private sealed class FeatureContext(string? path = null) : DbContext
    {
        public DbSet<Gadget> Gadgets => Set<Gadget>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
            optionsBuilder.UseSqlite($"Data Source={path ?? ":memory:"}");

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Gadget>(gadget =>
            {
                gadget.ComplexProperty(g => g.Size);
                gadget.Property(g => g.Version).IsConcurrencyToken();
                gadget.Property(g => g.Colour).HasDefaultValue("red");
                gadget.Property(g => g.CreatedAt).HasDefaultValueSql("CURRENT_TIMESTAMP");
                gadget.Property(g => g.Label).HasComputedColumnSql("Name || '!'");
                gadget.OwnsMany(g => g.Parts);
            });
        }
    }

    private sealed class Gadget
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public GadgetSize Size { get; set; } = new();
        public int Version { get; set; }
        public string? Colour { get; set; }
        public DateTime? CreatedAt { get; set; }
        public string? Label { get; set; }
        public List<Part> Parts { get; set; } = [];
    }

    private sealed class GadgetSize
    {
        public int Width { get; set; }
        public int Height { get; set; }
    }

    private sealed class Part
    {
        public string Name { get; set; } = "";
    }
}
