using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Features.Cases;

namespace Aktivitetsplikt.Web.Tests.Support;

/// <summary>
/// Brings a case to a state through the real commands and the real pipeline, as the real people
/// would: the reporter logs the concern, the principal of the pupil's school takes it from there.
/// </summary>
public sealed class CaseBuilder
{
    private readonly TestApp _app;
    private UserAccount _reporter;
    private Pupil _pupil;
    private UserAccount? _measureResponsible;
    private bool _pupilSaysNotSafe;

    public CaseBuilder(TestApp app)
    {
        _app = app;
        _reporter = app.Org.StaffA;
        _pupil = app.Org.Emma;
    }

    public CaseBuilder ReportedBy(UserAccount reporter)
    {
        _reporter = reporter;
        return this;
    }

    public CaseBuilder About(Pupil pupil)
    {
        _pupil = pupil;
        return this;
    }

    public CaseBuilder PupilSaysNotSafe()
    {
        _pupilSaysNotSafe = true;
        return this;
    }

    /// <summary>Who is responsible for the plan's measure (default: the reporter).</summary>
    public CaseBuilder MeasureResponsible(UserAccount user)
    {
        _measureResponsible = user;
        return this;
    }

    public Task<Guid> FollowingUp() => InState(CaseState.FollowingUp);
    public Task<Guid> Intervened() => InState(CaseState.Intervened);
    public Task<Guid> PrincipalNotified() => InState(CaseState.PrincipalNotified);
    public Task<Guid> Investigating() => InState(CaseState.Investigating);
    public Task<Guid> Measures() => InState(CaseState.Measures);
    public Task<Guid> Evaluating() => InState(CaseState.Evaluating);
    /// <summary>Closed from Investigating with a conclusion, after the pupil was heard and said "safe".</summary>
    public Task<Guid> Closed() => InState(CaseState.Closed);

    public async Task<Guid> InState(CaseState target)
    {
        var notify = target is not (CaseState.FollowingUp or CaseState.Intervened);
        var logged = await _app.SendAs(_reporter, new LogConcern.Command(
            _pupil.Id, "Eleven satt alene i friminuttet og sa at ingen ville være med.", _app.Clock.UtcDateTime.AddHours(-1),
            ConcernLocation.Schoolyard, target == CaseState.Intervened ? "Snakket med elevene og fulgte opp." : null,
            notify, _pupilSaysNotSafe, false, false));
        var id = logged.CaseId;
        if (target is CaseState.FollowingUp or CaseState.Intervened or CaseState.PrincipalNotified) return id;

        var principal = _app.Org.PrincipalOf(_pupil.SchoolId);
        await Step(principal, new StartInvestigation.Command(id, null, "Samtaler med eleven og observasjon."));
        if (target == CaseState.Investigating) return id;
        if (target == CaseState.Closed)
        {
            // The pupil must be heard before a case closes without measures.
            await Step(principal, new RecordPupilVoice.Command(id, null, PupilView.Safe, "Eleven sier at det går bra nå.", VoiceSource.Pupil));
            await Step(principal, new CloseCase.Command(id, null, "Undersøkelsen viser at eleven har et trygt og godt skolemiljø."));
            return id;
        }

        await Step(principal, new AdoptPlan.Command(id, null, CompletePlan(_measureResponsible ?? _reporter, EvaluationDate(_app))));
        if (target == CaseState.Measures) return id;

        await Step(principal, new StartEvaluation.Command(id, null));
        return id;
    }

    public static DateOnly EvaluationDate(TestApp app) => DateOnly.FromDateTime(app.Clock.UtcDateTime.AddDays(21));

    /// <summary>A plan with all five legal parts.</summary>
    public static PlanInput CompletePlan(UserAccount responsible, DateOnly evaluationDate, string problem = "Eleven blir holdt utenfor i friminuttene.") =>
        new(problem,
            new[] { new MeasureInput("Voksen til stede i friminuttene", "Alle storefriminutt fra mandag", responsible.DisplayName, responsible.Id, null) },
            evaluationDate,
            "Eleven ønsker at en voksen er ute i friminuttene.", "Samtale med kontaktlærer",
            "Foreldrene støtter tiltakene.", "Møte på skolen");

    private async Task Step(UserAccount user, Aktivitetsplikt.Web.Pipeline.ICaseCommand command)
    {
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _app.SendAs(user, command);
    }
}
