using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class Archive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArchiveExportRun",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseCount = table.Column<int>(type: "integer", nullable: false),
                    DocumentCount = table.Column<int>(type: "integer", nullable: false),
                    ZipSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ZipSize = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveExportRun", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveExportRun_SchoolOwners_SchoolOwnerId",
                        column: x => x.SchoolOwnerId,
                        principalTable: "SchoolOwners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchiveExportRun_Users_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArchivedCase",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    CaseRevision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedCase", x => new { x.RunId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_ArchivedCase_ArchiveExportRun_RunId",
                        column: x => x.RunId,
                        principalTable: "ArchiveExportRun",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArchivedCase_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedCase_CaseId",
                table: "ArchivedCase",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveExportRun_ByUserId",
                table: "ArchiveExportRun",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveExportRun_SchoolOwnerId_StartedAtUtc",
                table: "ArchiveExportRun",
                columns: new[] { "SchoolOwnerId", "StartedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchivedCase");

            migrationBuilder.DropTable(
                name: "ArchiveExportRun");
        }
    }
}
