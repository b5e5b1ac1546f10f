using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class CasePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ReportedByUserId",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReportedByUserId_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases",
                columns: new[] { "ReportedByUserId", "WorkRank", "DueOrderUtc", "CreatedAtUtc", "Id" },
                descending: new[] { false, false, false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ReportedByUserId_WorkRank_DueOrderUtc_CreatedAtUtc_Id",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReportedByUserId",
                table: "Cases",
                column: "ReportedByUserId");
        }
    }
}
