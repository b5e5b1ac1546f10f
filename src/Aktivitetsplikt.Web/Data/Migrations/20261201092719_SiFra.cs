using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiFra : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "PupilId",
                table: "Cases",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_FeelsSafe",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_Sender",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_SenderContact",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_SenderName",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SiFraReceipts",
                columns: table => new
                {
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiFraReceipts", x => x.CodeHash);
                    table.ForeignKey(
                        name: "FK_SiFraReceipts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SiFraReceipts_CaseId",
                table: "SiFraReceipts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SiFraReceipts_SubmissionKey",
                table: "SiFraReceipts",
                column: "SubmissionKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SiFraReceipts");

            migrationBuilder.DropColumn(
                name: "SiFraOrigin_FeelsSafe",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SiFraOrigin_Sender",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SiFraOrigin_SenderContact",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SiFraOrigin_SenderName",
                table: "Cases");

            migrationBuilder.AlterColumn<Guid>(
                name: "PupilId",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
