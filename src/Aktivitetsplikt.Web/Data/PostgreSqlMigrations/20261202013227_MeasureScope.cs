using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class MeasureScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlanMeasures_ResponsibleUserId",
                table: "PlanMeasures");

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasures_ResponsibleUserId_PlanVersionId",
                table: "PlanMeasures",
                columns: new[] { "ResponsibleUserId", "PlanVersionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlanMeasures_ResponsibleUserId_PlanVersionId",
                table: "PlanMeasures");

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasures_ResponsibleUserId",
                table: "PlanMeasures",
                column: "ResponsibleUserId");
        }
    }
}
