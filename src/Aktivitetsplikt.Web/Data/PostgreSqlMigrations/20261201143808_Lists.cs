using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class Lists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientUserId_ReadAtUtc",
                table: "Notifications");

            migrationBuilder.AddColumn<DateTime>(
                name: "DueOrderUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "WorkRank",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The stored work order of the existing cases (ADR 024), as Case.WorkRankOf and Case.NoDeadline define it; from
            // here on the aggregate keeps it. Before the indexes, so they are built once on the final values.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET
                    "WorkRank" = CASE "State" WHEN 'FollowingUp' THEN 0 WHEN 'Intervened' THEN 1 WHEN 'PrincipalNotified' THEN 2
                        WHEN 'Investigating' THEN 3 WHEN 'Measures' THEN 4 WHEN 'Evaluating' THEN 5 ELSE 6 END,
                    "DueOrderUtc" = COALESCE("NextDeadlineUtc", TIMESTAMPTZ '9999-12-31 00:00:00+00');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_ReadAtUtc_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "ReadAtUtc", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc",
                table: "Deadlines",
                columns: new[] { "MetAtUtc", "SupersededAtUtc", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueOrderUtc",
                table: "Cases",
                column: "DueOrderUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReportedByUserId",
                table: "Cases",
                column: "ReportedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SchoolId_DueOrderUtc",
                table: "Cases",
                columns: new[] { "SchoolId", "DueOrderUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SchoolId_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases",
                columns: new[] { "SchoolId", "WorkRank", "DueOrderUtc", "CreatedAtUtc", "Id" },
                descending: new[] { false, false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases",
                columns: new[] { "WorkRank", "DueOrderUtc", "CreatedAtUtc", "Id" },
                descending: new[] { false, false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientUserId_CreatedAtUtc",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientUserId_ReadAtUtc_CreatedAtUtc",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc",
                table: "Deadlines");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DueOrderUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ReportedByUserId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SchoolId_DueOrderUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SchoolId_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DueOrderUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "WorkRank",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "ReadAtUtc" });
        }
    }
}
