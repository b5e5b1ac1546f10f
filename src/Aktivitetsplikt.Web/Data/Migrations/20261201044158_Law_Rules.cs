using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Law_Rules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HolidaysShiftDeadlines",
                table: "SchoolOwners",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PlanAdoptionSchoolDays",
                table: "SchoolOwners",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<bool>(
                name: "ShiftedByHolidays",
                table: "Deadlines",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Departure_DecidedBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Departure_Handover",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Departure_LeftOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Departure_NewSchool",
                table: "Cases",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Departure_Reason",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Departure_RecordedAtUtc",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Departure_RecordedByName",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Departure_RecordedByUserId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Departure_SameSchoolOwner",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conclusion",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentsView",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RaisedWithPrincipalOn",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrincipalUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrincipalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DelegateUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DelegateName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GrantedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Delegations_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Delegations_Users_DelegateUserId",
                        column: x => x.DelegateUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_DelegateUserId_WithdrawnAtUtc",
                table: "Delegations",
                columns: new[] { "DelegateUserId", "WithdrawnAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_SchoolId",
                table: "Delegations",
                column: "SchoolId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropColumn(
                name: "HolidaysShiftDeadlines",
                table: "SchoolOwners");

            migrationBuilder.DropColumn(
                name: "PlanAdoptionSchoolDays",
                table: "SchoolOwners");

            migrationBuilder.DropColumn(
                name: "ShiftedByHolidays",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "Departure_DecidedBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_Handover",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_LeftOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_NewSchool",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_Reason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_RecordedAtUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_RecordedByName",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_RecordedByUserId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Departure_SameSchoolOwner",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Conclusion",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "ParentsView",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "RaisedWithPrincipalOn",
                table: "CaseEntries");
        }
    }
}
