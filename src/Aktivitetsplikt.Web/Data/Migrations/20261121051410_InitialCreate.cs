using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aktivitetsplikt.Web.Data.Migrations
{
    public partial class InitialCreate : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StateBefore = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    StateAfter = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "SchoolOwners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SchoolOwnerNotificationHours = table.Column<int>(type: "INTEGER", nullable: false),
                    InvestigationStartSchoolDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ImmediateInvestigationHours = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolOwners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Schools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schools_SchoolOwners_SchoolOwnerId",
                        column: x => x.SchoolOwnerId,
                        principalTable: "SchoolOwners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pupils", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pupils_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SchoolOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailedSignIns = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedOutUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Users_SchoolOwners_SchoolOwnerId",
                        column: x => x.SchoolOwnerId,
                        principalTable: "SchoolOwners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Users_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CurrentPupilView = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NextDeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    PupilView = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    MeasureKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    MeasureStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CorrectsEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StateBefore = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    StateAfter = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEntries_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SetByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetByName = table.Column<string>(type: "TEXT", nullable: false),
                    SetByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseFlags_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deadlines_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    EvaluationDate = table.Column<string>(type: "TEXT", nullable: false),
                    PupilView = table.Column<string>(type: "TEXT", nullable: true),
                    PupilHeardHow = table.Column<string>(type: "TEXT", nullable: true),
                    ParentsView = table.Column<string>(type: "TEXT", nullable: true),
                    ParentsInformedHow = table.Column<string>(type: "TEXT", nullable: true),
                    ChangeSummary = table.Column<string>(type: "TEXT", nullable: true),
                    AdoptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AdoptedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdoptedByName = table.Column<string>(type: "TEXT", nullable: false),
                    AdoptedByRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanVersions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    MeasureKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    When = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ResponsibleName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResponsibleUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EvaluateOn = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusNote = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanMeasures_PlanVersions_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "PlanVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_CaseId",
                table: "AuditLog",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_CaseId_Sequence",
                table: "CaseEntries",
                columns: new[] { "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseFlags_CaseId_Kind",
                table: "CaseFlags",
                columns: new[] { "CaseId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CaseNumber",
                table: "Cases",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_NextDeadlineUtc",
                table: "Cases",
                column: "NextDeadlineUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PupilId",
                table: "Cases",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SchoolId_State",
                table: "Cases",
                columns: new[] { "SchoolId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_CaseId",
                table: "Deadlines",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_DueUtc",
                table: "Deadlines",
                column: "DueUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasures_PlanVersionId",
                table: "PlanMeasures",
                column: "PlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasures_ResponsibleUserId",
                table: "PlanMeasures",
                column: "ResponsibleUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersions_CaseId_Version",
                table: "PlanVersions",
                columns: new[] { "CaseId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pupils_SchoolId_LastName",
                table: "Pupils",
                columns: new[] { "SchoolId", "LastName" });

            migrationBuilder.CreateIndex(
                name: "IX_Schools_SchoolOwnerId",
                table: "Schools",
                column: "SchoolOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_SchoolId",
                table: "Users",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_SchoolOwnerId",
                table: "Users",
                column: "SchoolOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserName",
                table: "Users",
                column: "UserName",
                unique: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "CaseEntries");

            migrationBuilder.DropTable(
                name: "CaseFlags");

            migrationBuilder.DropTable(
                name: "Deadlines");

            migrationBuilder.DropTable(
                name: "PlanMeasures");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "PlanVersions");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "Pupils");

            migrationBuilder.DropTable(
                name: "Schools");

            migrationBuilder.DropTable(
                name: "SchoolOwners");
        }
    }
}
