using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.PostgreSqlMigrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Pupils",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Pupils",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CaseId",
                table: "Notifications",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "NecessityRecordId",
                table: "Notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NecessityRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    IntervenedBy = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    WhatHappenedBefore = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    WhatWasDone = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Injuries = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    PrincipalInformedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ParentsInformedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ParentsInformedBy = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    PupilAccount = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PupilAccountText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    PupilAccountHow = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    FollowUp = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedByRole = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false, collation: "C"),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    EncodingName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    Separator = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false, collation: "C"),
                    FullImport = table.Column<bool>(type: "boolean", nullable: false),
                    RowsJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    ProblemRowCount = table.Column<int>(type: "integer", nullable: false),
                    AppliedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppliedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Deactivated = table.Column<int>(type: "integer", nullable: false),
                    GuardiansAdded = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false)
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
