using Aktivitetsplikt.Domain.Cases;

namespace Aktivitetsplikt.Domain.Organisation;

/// <summary>A municipality or county: the data controller, with its § 9A team and its deadline routine.</summary>
public sealed class SchoolOwner
{
    private SchoolOwner() { }

    public SchoolOwner(string name)
    {
        Id = Guid.NewGuid();
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int InvestigationStartSchoolDays { get; private set; } = 3;
    public int ImmediateInvestigationHours { get; private set; } = 24;
    /// <summary>The routine's days from the investigation starting to a fixed activity plan.</summary>
    public int PlanAdoptionSchoolDays { get; private set; } = 10;
    /// <summary>Whether the routine lets school holidays move its deadlines (off unless the school owner says so).</summary>
    public bool HolidaysShiftDeadlines { get; private set; }

    public Deadlines.DeadlinePolicy DeadlinePolicy =>
        new(InvestigationStartSchoolDays, ImmediateInvestigationHours, PlanAdoptionSchoolDays, HolidaysShiftDeadlines);

    /// <summary>The county governor (Statsforvaltaren) the school owner's pupils and parents can take a case to (§ 12-6), as the parent letter names it.</summary>
    public string? CountyGovernorName { get; private set; }
    public string? CountyGovernorAddress { get; private set; }
    public string? CountyGovernorWebsite { get; private set; }

    public void SetCountyGovernor(string? name, string? address, string? website)
    {
        CountyGovernorName = Blank(name);
        CountyGovernorAddress = Blank(address);
        CountyGovernorWebsite = Blank(website);
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void SetDeadlinePolicy(Deadlines.DeadlinePolicy policy)
    {
        if (policy.InvestigationStartSchoolDays is < 1 or > 20 || policy.ImmediateInvestigationHours is < 1 or > 72
            || policy.PlanAdoptionSchoolDays is < 1 or > 40)
            throw new ArgumentOutOfRangeException(nameof(policy), "Deadlines must be between 1 and 72 hours, 1 and 20 school days, or 1 and 40 days for the plan.");
        InvestigationStartSchoolDays = policy.InvestigationStartSchoolDays;
        ImmediateInvestigationHours = policy.ImmediateInvestigationHours;
        PlanAdoptionSchoolDays = policy.PlanAdoptionSchoolDays;
        HolidaysShiftDeadlines = policy.HolidaysShiftDeadlines;
    }
}

public sealed class School
{
    private School() { }

    public School(Guid schoolOwnerId, string name)
    {
        Id = Guid.NewGuid();
        SchoolOwnerId = schoolOwnerId;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid SchoolOwnerId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The letterhead of the school's documents: postal address (lines), the principal's name, phone and e-mail.</summary>
    public string? Address { get; private set; }
    public string? PrincipalName { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    public void Rename(string name) => Name = name;

    /// <summary>
    /// The lowest grade (trinn, 1–13) from which the school lets its pupils sign in with Feide to see their own cases; null
    /// (the default) means pupils do not sign in. The school's own decision, by the pupils' age and maturity (ADR 021).
    /// </summary>
    public int? PupilSignInFromGrade { get; private set; }

    public const int LowestGrade = 1;
    public const int HighestGrade = 13;

    public void SetPupilSignInFromGrade(int? grade)
    {
        if (grade is < LowestGrade or > HighestGrade)
            throw new ArgumentOutOfRangeException(nameof(grade), $"A grade is between {LowestGrade} and {HighestGrade}.");
        PupilSignInFromGrade = grade;
    }

    /// <summary>Whether a pupil in this class group may sign in: the school allows it, and the group's grade is at least the lowest.</summary>
    public bool AllowsPupilSignIn(string group) =>
        PupilSignInFromGrade is { } lowest && PupilGrades.Of(group) is { } grade && grade >= lowest;

    public void SetLetterhead(string? address, string? principalName, string? phone, string? email)
    {
        Address = SchoolOwner.Blank(address);
        PrincipalName = SchoolOwner.Blank(principalName);
        Phone = SchoolOwner.Blank(phone);
        Email = SchoolOwner.Blank(email);
    }
}

/// <summary>A pupil. Data minimisation: a name and a class group, no national identity number.</summary>
public sealed class Pupil
{
    private Pupil() { }

    public Pupil(Guid schoolId, string firstName, string lastName, string group)
    {
        Id = Guid.NewGuid();
        SchoolId = schoolId;
        FirstName = firstName;
        LastName = lastName;
        Group = group;
    }

    public Guid Id { get; private set; }
    public Guid SchoolId { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    /// <summary>Class or group, e.g. "6B".</summary>
    public string Group { get; private set; } = "";

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>The pupil's id in the school's administrative system (elevnummer): what an import matches on, never the name.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>
    /// False once the pupil has left (a full import without them, or the administrator): no new case can be opened for
    /// them, but nothing is deleted — their cases stay and still show them.
    /// </summary>
    public bool IsActive { get; private set; } = true;
    public DateTime? DeactivatedUtc { get; private set; }

    public void SetExternalId(string? externalId) => ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();

    public void Rename(string firstName, string lastName)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
    }

    /// <summary>A new class (the new school year's promotion), perhaps at another school of the same school owner.</summary>
    public void Place(Guid schoolId, string group)
    {
        SchoolId = schoolId;
        Group = group.Trim();
    }

    public void Deactivate(DateTime nowUtc)
    {
        if (!IsActive) return;
        IsActive = false;
        DeactivatedUtc = nowUtc;
    }

    public void Activate()
    {
        IsActive = true;
        DeactivatedUtc = null;
    }
}

/// <summary>
/// The grade (trinn) of a class group, read as the app reads it everywhere (a delegation by grade too): the number the group's
/// name starts with — "7B" and "7" are grade 7, "10A" grade 10. A group that does not start with a grade from 1 to 13 ("SFO",
/// "Basis") has no grade, and its pupils do not sign in.
/// </summary>
public static class PupilGrades
{
    public static int? Of(string? group)
    {
        if (string.IsNullOrWhiteSpace(group)) return null;
        var text = group.Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits is 0 or > 2 || !int.TryParse(text.AsSpan(0, digits), out var grade)) return null;
        return grade is >= School.LowestGrade and <= School.HighestGrade ? grade : null;
    }
}

/// <summary>A person who signs in. Staff and principals belong to one school; the § 9A team to the school owner.</summary>
public sealed class UserAccount
{
    private UserAccount() { }

    public UserAccount(string userName, string displayName, Role role, Guid schoolOwnerId, Guid? schoolId)
    {
        if (role is Role.Staff or Role.Principal && schoolId is null)
            throw new ArgumentException("Staff and principals belong to a school.", nameof(schoolId));
        Id = Guid.NewGuid();
        UserName = userName.Trim().ToLowerInvariant();
        DisplayName = displayName;
        Role = role;
        SchoolOwnerId = schoolOwnerId;
        SchoolId = role is Role.Staff or Role.Principal ? schoolId : null;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public Role Role { get; private set; }
    public Guid SchoolOwnerId { get; private set; }
    public Guid? SchoolId { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public bool IsActive { get; private set; }
    /// <summary>A demo account seeded for trying the app; the app refuses to start in Production while any exist.</summary>
    public bool IsDemo { get; private set; }
    /// <summary>Preferred written language: "nb-NO" (bokmål) or "nn-NO" (nynorsk).</summary>
    public string Culture { get; private set; } = "nb-NO";
    /// <summary>Where notification e-mails go ("a case needs you", never the case itself). Optional.</summary>
    public string? Email { get; private set; }

    /// <summary>For a pupil's own account (role Pupil): the pupil it belongs to. Signed in with Feide only; never a password.</summary>
    public Guid? PupilId { get; private set; }

    /// <summary>The pupil's own account, made when the administrator first links a Feide identifier to the pupil.</summary>
    public static UserAccount ForPupil(Pupil pupil, Guid schoolOwnerId)
    {
        ArgumentNullException.ThrowIfNull(pupil);
        return new UserAccount("elev-" + Guid.NewGuid().ToString("N")[..16], pupil.FullName, Role.Pupil, schoolOwnerId, null) { PupilId = pupil.Id };
    }

    /// <summary>The pupil's account follows the pupil's name (the audit log names who acted).</summary>
    public void Rename(string displayName) => DisplayName = displayName;

    public Actor AsActor() => new(Id, DisplayName, Role);

    /// <summary>
    /// A new password. The web layer ends every session of the user with it (a reset is often made because
    /// someone else may know the old one).
    /// </summary>
    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void MarkAsDemo() => IsDemo = true;

    /// <summary>Sets or clears (null or blank) the e-mail address; the web layer checks its shape.</summary>
    public void SetEmail(string? email) => Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void SetCulture(string culture) => Culture = culture is "nn-NO" ? "nn-NO" : "nb-NO";

    public void ChangeRole(Role role, Guid? schoolId)
    {
        if (role is Role.Staff or Role.Principal && schoolId is null)
            throw new ArgumentException("Staff and principals belong to a school.", nameof(schoolId));
        Role = role;
        SchoolId = role is Role.Staff or Role.Principal ? schoolId : null;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
