using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OverviewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc",
                table: "Deadlines");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc_CaseId",
                table: "Deadlines",
                columns: new[] { "MetAtUtc", "SupersededAtUtc", "DueUtc", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFlags_Kind_SetAtUtc",
                table: "CaseFlags",
                columns: new[] { "Kind", "SetAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc_CaseId",
                table: "Deadlines");

            migrationBuilder.DropIndex(
                name: "IX_CaseFlags_Kind_SetAtUtc",
                table: "CaseFlags");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_MetAtUtc_SupersededAtUtc_DueUtc",
                table: "Deadlines",
                columns: new[] { "MetAtUtc", "SupersededAtUtc", "DueUtc" });
        }
    }
}
