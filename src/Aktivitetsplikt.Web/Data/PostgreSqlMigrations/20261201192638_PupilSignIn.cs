using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class PupilSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PupilId",
                table: "Users",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PupilSignInFromGrade",
                table: "Schools",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_PupilId",
                table: "Users",
                column: "PupilId",
                unique: true,
                filter: "\"PupilId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_Users_Pupils_PupilId",
                table: "Users",
                column: "PupilId",
                principalTable: "Pupils",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Users_Pupils_PupilId",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_PupilId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "PupilId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "PupilSignInFromGrade",
                table: "Schools");
        }
    }
}
