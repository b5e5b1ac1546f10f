using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Pages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientUserId_NecessityRecordId",
                table: "Notifications",
                columns: new[] { "RecipientUserId", "NecessityRecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientUserId_NecessityRecordId",
                table: "Notifications");
        }
    }
}
