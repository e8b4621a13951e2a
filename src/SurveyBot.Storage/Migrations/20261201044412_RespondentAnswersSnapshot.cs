using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SurveyBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RespondentAnswersSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnswersJson",
                table: "respondents",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            // Interviews stored before this column existed get their snapshot from their answer rows.
            migrationBuilder.Sql("""
                UPDATE respondents SET AnswersJson = COALESCE(
                    (SELECT json_group_object(a.Code, a.Value) FROM answers AS a WHERE a.RespondentId = respondents.Id), '{}');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswersJson",
                table: "respondents");
        }
    }
}
