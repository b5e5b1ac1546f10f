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
                name: "RaisedWithPrincipalOn",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "RaisedWithPrincipalOn",
                table: "CaseEntries");
        }
    }
}
