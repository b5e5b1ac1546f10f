using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;

namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>
/// A small school owner: two schools, a few pupils, and users in every role. Staff A and B work at
/// school 1, staff C at school 2; each school has its principal; the § 9A team and the administrator
/// work for the school owner.
/// </summary>
public sealed class TestOrganisation
{
    public TestOrganisation()
    {
        Owner = new SchoolOwner("Testvik kommune");
        School1 = new School(Owner.Id, "Testvik skole");
        School2 = new School(Owner.Id, "Fjordbotn ungdomsskole");
        Emma = new Pupil(School1.Id, "Emma", "Hansen", "5A");
        Noah = new Pupil(School1.Id, "Noah", "Johansen", "5A");
        Olivia = new Pupil(School1.Id, "Olivia", "Olsen", "6B");
        Leah = new Pupil(School2.Id, "Leah", "Berg", "8A");
        Oskar = new Pupil(School2.Id, "Oskar", "Haugen", "9B");
        StaffA = new UserAccount("kari.a", "Kari A Lærer", Role.Staff, Owner.Id, School1.Id);
        StaffB = new UserAccount("ola.b", "Ola B Assistent", Role.Staff, Owner.Id, School1.Id);
        Staff2 = new UserAccount("nina.c", "Nina C Lærer", Role.Staff, Owner.Id, School2.Id);
        Principal1 = new UserAccount("randi.rektor", "Randi Rektor", Role.Principal, Owner.Id, School1.Id);
        Principal2 = new UserAccount("per.rektor", "Per Rektor", Role.Principal, Owner.Id, School2.Id);
        Team = new UserAccount("siri.9a", "Siri § 9A-team", Role.SchoolOwnerTeam, Owner.Id, null);
        Admin = new UserAccount("arne.admin", "Arne Admin", Role.Administrator, Owner.Id, null);
    }

    public SchoolOwner Owner { get; }
    public School School1 { get; }
    public School School2 { get; }
    public Pupil Emma { get; }
    public Pupil Noah { get; }
    public Pupil Olivia { get; }
    public Pupil Leah { get; }
    public Pupil Oskar { get; }
    public UserAccount StaffA { get; }
    public UserAccount StaffB { get; }
    public UserAccount Staff2 { get; }
    public UserAccount Principal1 { get; }
    public UserAccount Principal2 { get; }
    public UserAccount Team { get; }
    public UserAccount Admin { get; }

    public UserAccount PrincipalOf(Guid schoolId) => schoolId == School1.Id ? Principal1 : Principal2;

    public async Task SeedAsync(AppDbContext db)
    {
        db.SchoolOwners.Add(Owner);
        db.Schools.AddRange(School1, School2);
        db.Pupils.AddRange(Emma, Noah, Olivia, Leah, Oskar);
        db.Users.AddRange(StaffA, StaffB, Staff2, Principal1, Principal2, Team, Admin);
        await db.SaveChangesAsync();
    }
}
