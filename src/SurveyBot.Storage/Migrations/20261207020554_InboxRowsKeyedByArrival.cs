using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SurveyBot.Storage.Migrations
{
    /// <summary>
    /// Inbox rows get their own key in arrival order, and the update id is no longer unique: Telegram may
    /// reuse an id for a new update (after a week without updates it continues at a random value). Written
    /// by hand so that rows already stored keep their order (numbered by update id) and the table is rebuilt
    /// once.
    /// </summary>
    public partial class InboxRowsKeyedByArrival : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_inbox" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_inbox" PRIMARY KEY AUTOINCREMENT,
                    "UpdateId" INTEGER NOT NULL,
                    "ChatId" INTEGER NOT NULL,
                    "PayloadJson" TEXT NOT NULL,
                    "ReceivedAt" TEXT NOT NULL,
                    "ProcessedAt" TEXT NULL,
                    "Error" TEXT NULL);
                INSERT INTO "ef_temp_inbox" ("UpdateId", "ChatId", "PayloadJson", "ReceivedAt", "ProcessedAt", "Error")
                    SELECT "UpdateId", "ChatId", "PayloadJson", "ReceivedAt", "ProcessedAt", "Error" FROM "inbox" ORDER BY "UpdateId";
                DROP TABLE "inbox";
                ALTER TABLE "ef_temp_inbox" RENAME TO "inbox";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_pending",
                table: "inbox",
                column: "Id",
                filter: "ProcessedAt IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_UpdateId",
                table: "inbox",
                column: "UpdateId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one row per update id: of a reused id, the newest row stays.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_inbox" (
                    "UpdateId" INTEGER NOT NULL CONSTRAINT "PK_inbox" PRIMARY KEY,
                    "ChatId" INTEGER NOT NULL,
                    "PayloadJson" TEXT NOT NULL,
                    "ReceivedAt" TEXT NOT NULL,
                    "ProcessedAt" TEXT NULL,
                    "Error" TEXT NULL);
                INSERT OR IGNORE INTO "ef_temp_inbox" ("UpdateId", "ChatId", "PayloadJson", "ReceivedAt", "ProcessedAt", "Error")
                    SELECT "UpdateId", "ChatId", "PayloadJson", "ReceivedAt", "ProcessedAt", "Error" FROM "inbox" ORDER BY "Id" DESC;
                DROP TABLE "inbox";
                ALTER TABLE "ef_temp_inbox" RENAME TO "inbox";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_pending",
                table: "inbox",
                column: "UpdateId",
                filter: "ProcessedAt IS NULL");
        }
    }
}
