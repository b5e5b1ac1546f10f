using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Web.Features.Admin;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using Aktivitetsplikt.Web.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aktivitetsplikt.Web.Tests.Pipeline;

/// <summary>
/// The shared text and date rules, as every command gets them: vertical tab normalised on the way in, other control
/// characters refused with the field named, names without invisible formatting, dates in a sensible window.
/// </summary>
public sealed class TextRulesTests : SliceTest
{
    private static readonly CultureInfo Bokmal = new("nb-NO");

    [Fact]
    public async Task VerticalTabAndFormFeed_BecomeLineBreaks_InWhatIsStored()
    {
        var id = await App.ACase().PrincipalNotified();

        await App.SendAs(Org.Principal1, new AddComment.Command(id, null, "Første linje\vandre linje\fside to"));

        var stored = (await App.LoadCaseAsync(id)).Entries.OrderBy(e => e.Sequence).Last().Text;
        stored.Should().Be("Første linje\nandre linje\nside to");
    }

    [Fact]
    public async Task AControlCharacter_IsRefused_WithANorwegianMessageNamingTheFieldAndTheCharacter_AndNothingIsSaved()
    {
        var id = await App.ACase().PrincipalNotified();
        var before = await App.SnapshotAsync(id);

        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new AddComment.Command(id, null, "Hei\u0001der")))
            .Should().ThrowAsync<ValidationException>();

        refused.Which.Errors.Should().ContainSingle().Which.ErrorCode.Should().Be("ControlCharacter");
        var message = InBokmal(text => text.FieldErrors(refused.Which, _ => "Kommentar")).Single().Value.Single();
        message.Should().Be("Kommentar inneholder et usynlig kontrolltegn (U+0001, tegn nr. 4) som ikke kan lagres. "
            + "Det kommer ofte med når tekst limes inn. Fjern det og send på nytt.");
        (await App.SnapshotAsync(id)).Should().Be(before);
    }

    /// <summary>Every text property of every command (passwords aside, which are taken as typed), found by reflection.</summary>
    public static TheoryData<string, string> CommandTextProperties()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(LogConcern).Assembly.GetTypes().Where(IsCommand).OrderBy(t => t.FullName))
            foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetCustomAttribute<JsonIgnoreAttribute>() is null))
                data.Add(type.FullName!, property.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandTextProperties))]
    public async Task EveryTextFieldOfEveryCommand_RefusesAControlCharacter(string commandType, string propertyName)
    {
        var type = typeof(LogConcern).Assembly.GetType(commandType)!;
        var command = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var text in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.SetMethod is not null))
            text.SetValue(command, text.Name == propertyName ? "Tekst\u0001" : "Tekst");

        var failures = await ValidateAsync(type, command);

        failures.Should().Contain(f => f.PropertyName == propertyName, $"{type.Name}.{propertyName} must not store a control character");
    }

    [Fact]
    public async Task ThePlansTexts_RefuseControlCharacters_ByTheirFieldPaths()
    {
        var plan = CaseBuilder.CompletePlan(Org.StaffA, CaseBuilder.EvaluationDate(App), problem: "Problem\u001B") with
        {
            Measures = [new MeasureInput("Tiltak\uFFFE", "Når\u0002", "Ansvarlig\uD800", null, null)],
            ParentsView = "Foreldre\u0007",
        };

        var failures = await ValidateAsync(typeof(AdoptPlan.Command), new AdoptPlan.Command(Guid.NewGuid(), null, plan));

        failures.Where(f => f.ErrorCode == "ControlCharacter").Select(f => f.PropertyName).Should().BeEquivalentTo(
            "Plan.Problem", "Plan.Measures[0].Description", "Plan.Measures[0].When", "Plan.Measures[0].ResponsibleName", "Plan.ParentsView");
    }

    [Fact]
    public async Task AConcernTypedWithAVerticalTab_IsSavedWithALineBreak()
    {
        var result = await App.SendAs(Org.StaffA, new LogConcern.Command(Org.Emma.Id, "Limt inn fra Word:\vny linje", Clock.UtcDateTime.AddHours(-1),
            Domain.Cases.ConcernLocation.Classroom, "Grep inn\vstraks", false, false, false, false));

        var entry = (await App.LoadCaseAsync(result.CaseId)).Entries.OrderBy(e => e.Sequence).First();
        entry.Text.Should().Be("Limt inn fra Word:\nny linje");
    }

    [Theory]
    [InlineData("elev\u202Efdp.exe")]
    [InlineData("Emma\u200B")]
    [InlineData("\u2067Noah\u2069")]
    [InlineData("Ole\u0000")]
    public async Task Names_RefuseBidiOverridesZeroWidthAndControlCharacters_AndNothingIsStored(string name)
    {
        // Counted, not searched for: PostgreSQL refuses a NUL even in a query parameter.
        var before = await App.WithDb(async db => (Pupils: await db.Pupils.CountAsync(), Schools: await db.Schools.CountAsync(), Users: await db.Users.CountAsync()));
        await Refused(new AddPupil.Command(Org.School1.Id, name, "Hansen", "5A"), nameof(AddPupil.Command.FirstName));
        await Refused(new AddPupil.Command(Org.School1.Id, "Emma", name, "5A"), nameof(AddPupil.Command.LastName));
        await Refused(new CreateSchool.Command(name), nameof(CreateSchool.Command.Name));
        await Refused(new RenameSchool.Command(Org.School1.Id, name), nameof(RenameSchool.Command.Name));
        await Refused(new CreateUser.Command("ny.bruker", name, Domain.Cases.Role.Staff, Org.School1.Id, "Et langt og godt passord 2026"),
            nameof(CreateUser.Command.DisplayName));

        (await App.WithDb(async db => (Pupils: await db.Pupils.CountAsync(), Schools: await db.Schools.CountAsync(), Users: await db.Users.CountAsync())))
            .Should().Be(before, "nothing of a refused name is stored");
        (await App.WithDb(db => db.Users.CountAsync(u => u.UserName == "ny.bruker"))).Should().Be(0);
    }

    [Fact]
    public async Task AnInvisibleCharacterInAName_IsExplainedInNorwegian()
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new AddPupil.Command(Org.School1.Id, "elev\u202Efdp.exe", "Hansen", "5A")))
            .Should().ThrowAsync<ValidationException>();

        InBokmal(text => text.FieldErrors(refused.Which, _ => "Fornavn")).Single().Value.Single()
            .Should().StartWith("Fornavn inneholder et usynlig tegn (U+202E, tegn nr. 5) som ikke er tillatt i navn");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    [InlineData(2020, 1, 1)]
    [InlineData(2035, 1, 1)]
    public async Task AbsurdDates_AreRefused_WithTheWindowInTheMessage(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var id = await App.ACase().Investigating();
        var plan = CaseBuilder.CompletePlan(Org.StaffA, date) with
        {
            Measures = [new MeasureInput("Voksen ute", "Hvert friminutt", "Kari", null, date)],
        };

        var planRefusal = await FluentActions.Awaiting(() => App.SendAs(Org.Principal1, new AdoptPlan.Command(id, null, plan)))
            .Should().ThrowAsync<ValidationException>();
        var holidayRefusal = await FluentActions.Awaiting(() => App.SendAs(Org.Admin, new AddSchoolHoliday.Command(date, "Fridag")))
            .Should().ThrowAsync<ValidationException>();

        planRefusal.Which.Errors.Where(e => e.ErrorCode == "DateOutsideWindow").Select(e => e.PropertyName)
            .Should().BeEquivalentTo("Plan.EvaluationDate", "Plan.Measures[0].EvaluateOn");
        holidayRefusal.Which.Errors.Should().ContainSingle(e => e.ErrorCode == "DateOutsideWindow");
        InBokmal(text => text.FieldErrors(holidayRefusal.Which, _ => "Dato")).Single().Value.Single()
            .Should().Be("Dato må være mellom 18.11.2024 og 18.11.2029.");
        (await App.WithDb(db => db.SchoolHolidays.CountAsync())).Should().Be(0);
        (await App.LoadCaseAsync(id)).Plans.Should().BeEmpty();
    }

    [Fact]
    public async Task DatesInsideTheWindow_AreAccepted()
    {
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2029, 11, 18), "Langt fram"));
        await App.SendAs(Org.Admin, new AddSchoolHoliday.Command(new DateOnly(2024, 11, 18), "Langt tilbake"));

        (await App.WithDb(db => db.SchoolHolidays.CountAsync())).Should().Be(2);
    }

    private async Task Refused<T>(ICommand<T> command, string property)
    {
        var refused = await FluentActions.Awaiting(() => App.SendAs(Org.Admin, command)).Should().ThrowAsync<ValidationException>();
        refused.Which.Errors.Should().Contain(e => e.PropertyName == property && (e.ErrorCode == "NameCharacter"),
            $"{command.GetType().DeclaringType?.Name}.{property} is a name");
    }

    private async Task<List<FluentValidation.Results.ValidationFailure>> ValidateAsync(Type type, object command)
    {
        await using var scope = App.Services.CreateAsyncScope();
        TextNormalizer.Normalise(command, 0);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>())
            failures.AddRange((await validator.ValidateAsync(new ValidationContext<object>(command))).Errors);
        return failures;
    }

    private T InBokmal<T>(Func<UiText, T> work)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Bokmal;
        try
        {
            using var scope = App.Services.CreateScope();
            return work(scope.ServiceProvider.GetRequiredService<UiText>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static bool IsCommand(Type type) =>
        !type.IsAbstract && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
}
