using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PupilImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "Pupils",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Pupils",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Pupils",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CaseId",
                table: "Notifications",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "NecessityRecordId",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NecessityRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IntervenedBy = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WhatHappenedBefore = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WhatWasDone = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Injuries = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PrincipalInformedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ParentsInformedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ParentsInformedBy = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PupilAccount = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PupilAccountText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PupilAccountHow = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NecessityRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NecessityRecords_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NecessityRecords_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NecessityRecords_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NecessityRecords_Users_RecordedByUserId",
                        column: x => x.RecordedByUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PupilImportBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EncodingName = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Separator = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    FullImport = table.Column<bool>(type: "INTEGER", nullable: false),
                    RowsJson = table.Column<string>(type: "TEXT", nullable: true),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemRowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppliedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Deactivated = table.Column<int>(type: "INTEGER", nullable: false),
                    GuardiansAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PupilImportBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PupilImportBatches_SchoolOwners_SchoolOwnerId",
                        column: x => x.SchoolOwnerId,
                        principalTable: "SchoolOwners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Pupils_ExternalId",
                table: "Pupils",
                column: "ExternalId");

            migrationBuilder.CreateIndex(
                name: "IX_NecessityRecords_CaseId",
                table: "NecessityRecords",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_NecessityRecords_PupilId",
                table: "NecessityRecords",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_NecessityRecords_RecordedByUserId",
                table: "NecessityRecords",
                column: "RecordedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_NecessityRecords_SchoolId_OccurredAtUtc",
                table: "NecessityRecords",
                columns: new[] { "SchoolId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PupilImportBatches_SchoolOwnerId_UploadedUtc",
                table: "PupilImportBatches",
                columns: new[] { "SchoolOwnerId", "UploadedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NecessityRecords");

            migrationBuilder.DropTable(
                name: "PupilImportBatches");

            migrationBuilder.DropIndex(
                name: "IX_Pupils_ExternalId",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "NecessityRecordId",
                table: "Notifications");

            migrationBuilder.AlterColumn<Guid>(
                name: "CaseId",
                table: "Notifications",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
