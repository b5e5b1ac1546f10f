using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_FeelsSafe",
                table: "Cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_Sender",
                table: "Cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_SenderContact",
                table: "Cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SiFraOrigin_SenderName",
                table: "Cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateTable(
                name: "SiFraReceipts",
                columns: table => new
                {
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
