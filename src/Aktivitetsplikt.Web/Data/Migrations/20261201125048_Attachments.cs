using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Attachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AttachmentId",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MeetingId",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AttachedToEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddedByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VisibleToFamily = table.Column<bool>(type: "INTEGER", nullable: false),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WhatWasSaid = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    AgreedPointsText = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    NextMeetingOn = table.Column<string>(type: "TEXT", nullable: true),
                    ForFamily = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meetings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_AttachmentId",
                table: "CaseEntries",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_MeetingId",
                table: "CaseEntries",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_CaseId_AddedAtUtc",
                table: "CaseAttachments",
                columns: new[] { "CaseId", "AddedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_CaseId_HeldAtUtc",
                table: "Meetings",
                columns: new[] { "CaseId", "HeldAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAttachments");

            migrationBuilder.DropTable(
                name: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_AttachmentId",
                table: "CaseEntries");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_MeetingId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "CaseEntries");
        }
    }
}
