using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    public partial class RemoveSchoolOwnerNotificationHours : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SchoolOwnerNotificationHours",
                table: "SchoolOwners");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SchoolOwnerNotificationHours",
                table: "SchoolOwners",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
