using Aktivitetsplikt.Web.Tests.Support;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Aktivitetsplikt.Domain.Audit;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Features.Admin;

/// <summary>
/// A real SQLite database in a temp file with two school owners, each with an administrator and
/// users in every role, so that a test can prove both what an administrator may do and that the
/// other owner's schools and users are out of reach. Private to the admin tests.
/// </summary>
public sealed class AdminFixture : IAsyncDisposable
{
    public const string InitialPassword = "Startpassord-2026";

    private readonly TestDatabase _database;

    private AdminFixture(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public SchoolOwner Owner { get; private set; } = default!;
    public School School { get; private set; } = default!;
    public School SecondSchool { get; private set; } = default!;
    public UserAccount Admin { get; private set; } = default!;
    public UserAccount Staff { get; private set; } = default!;
    public UserAccount Principal { get; private set; } = default!;
    public UserAccount Team { get; private set; } = default!;

    public SchoolOwner OtherOwner { get; private set; } = default!;
    public School OtherSchool { get; private set; } = default!;
    public UserAccount OtherAdmin { get; private set; } = default!;
    public UserAccount OtherStaff { get; private set; } = default!;

    /// <param name="configure">Extra services, e.g. what a component render needs beyond the request pipeline.</param>
    public static async Task<AdminFixture> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var database = TestDatabase.Create("admin");
        var collection = new ServiceCollection().AddLogging().AddAktivitetsplikt(database.Storage);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var fixture = new AdminFixture(database, services);
        await fixture.SeedAsync();
        return fixture;
    }

    private async Task SeedAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);

        Owner = new SchoolOwner("Nordvik kommune");
        School = new School(Owner.Id, "Nordvik skole");
        SecondSchool = new School(Owner.Id, "Sjøkanten ungdomsskole");
        Admin = User("arne.admin", Role.Administrator, Owner, null);
        Staff = User("kari.laerer", Role.Staff, Owner, School);
        Principal = User("randi.rektor", Role.Principal, Owner, School);
        Team = User("siri.9a", Role.SchoolOwnerTeam, Owner, null);

        OtherOwner = new SchoolOwner("Sørvik kommune");
        OtherSchool = new School(OtherOwner.Id, "Sørvik skole");
        OtherAdmin = User("sven.admin", Role.Administrator, OtherOwner, null);
        OtherStaff = User("sara.laerer", Role.Staff, OtherOwner, OtherSchool);

        db.SchoolOwners.AddRange(Owner, OtherOwner);
        db.Schools.AddRange(School, SecondSchool, OtherSchool);
        db.Users.AddRange(Admin, Staff, Principal, Team, OtherAdmin, OtherStaff);
        db.Pupils.AddRange(new Pupil(School.Id, "Emma", "Hansen", "5A"), new Pupil(OtherSchool.Id, "Noah", "Berg", "6B"));
        await db.SaveChangesAsync();
    }

    private UserAccount User(string userName, Role role, SchoolOwner owner, School? school)
    {
        var user = new UserAccount(userName, userName, role, owner.Id, school?.Id);
        user.SetPasswordHash(Services.GetRequiredService<Passwords>().Hash(user, InitialPassword));
        return user;
    }

    public UserAccount InRole(Role role) => role switch
    {
        Role.Staff => Staff,
        Role.Principal => Principal,
        Role.SchoolOwnerTeam => Team,
        _ => Admin,
    };

    public async Task<T> SendAs<T>(UserAccount user, IRequest<T> request)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Sends a request whose result type the test does not care about.</summary>
    public async Task SendAs(UserAccount user, object request)
    {
        var response = request.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
        var send = typeof(AdminFixture).GetMethods().Single(m => m.Name == nameof(SendAs) && m.IsGenericMethodDefinition).MakeGenericMethod(response);
        try
        {
            await (Task)send.Invoke(this, new[] { user, request })!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    /// <summary>Reads through a fresh context, so nothing is served from a handler's change tracker.</summary>
    public async Task<T> Read<T>(Func<AppDbContext, Task<T>> read)
    {
        using var scope = Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<List<AuditEntry>> AuditEntries() =>
        Read(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());

    public Task<UserAccount> UserNamed(string userName) =>
        Read(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    public bool PasswordMatches(UserAccount user, string password) => Services.GetRequiredService<Passwords>().Verify(user, password);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
