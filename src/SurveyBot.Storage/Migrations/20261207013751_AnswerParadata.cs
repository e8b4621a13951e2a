using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SurveyBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AnswerParadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BackCount",
                table: "respondents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RevisitsJson",
                table: "respondents",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<DateTime>(
                name: "StepShownAt",
                table: "respondents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RemindedBetween",
                table: "answers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ShownAt",
                table: "answers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Visits",
                table: "answers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BackCount",
                table: "respondents");

            migrationBuilder.DropColumn(
                name: "RevisitsJson",
                table: "respondents");

            migrationBuilder.DropColumn(
                name: "StepShownAt",
                table: "respondents");

            migrationBuilder.DropColumn(
                name: "RemindedBetween",
                table: "answers");

            migrationBuilder.DropColumn(
                name: "ShownAt",
                table: "answers");

            migrationBuilder.DropColumn(
                name: "Visits",
                table: "answers");
        }
    }
}
