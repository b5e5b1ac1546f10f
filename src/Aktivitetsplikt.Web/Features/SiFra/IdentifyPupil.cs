using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.SiFra;

/// <summary>
/// The principal (or the § 9A team) identifies the pupil of a "si fra" case that came in without one: a pupil of the case's
/// school, chosen from its list, with how the pupil was identified. Recorded as an entry (with the pupil's name and class as
/// they were then); from then on it is the pupil's case — its family sees it, lists and documents name the pupil (ADR 021).
/// </summary>
public static class IdentifyPupil
{
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam, Role.Staff)]
    public sealed record Command(Guid CaseId, int? ExpectedRevision, Guid PupilId, string How) : ICaseCommand;

    /// <summary>The pupils of the case's school to choose from.</summary>
    [AllowedRoles(Role.Principal, Role.SchoolOwnerTeam, Role.Staff)]
    public sealed record Candidates(Guid CaseId) : IRequest<IReadOnlyList<ListPupils.Item>>, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PupilId).NotEmpty();
            RuleFor(c => c.How).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : CaseStepHandler<Command>(db, user, time)
    {
        protected override async Task ApplyAsync(Case @case, Actor actor, DateTime nowUtc, Command command, CancellationToken cancellationToken)
        {
            // An unknown pupil is one "not at the school": the answer says nothing about other schools' pupils.
            var pupil = await Db.Pupils.AsNoTracking().Where(p => p.Id == command.PupilId)
                .Select(p => new { p.Id, p.SchoolId, Label = p.FirstName + " " + p.LastName + ", " + p.Group })
                .SingleOrDefaultAsync(cancellationToken);
            @case.IdentifyPupil(actor, nowUtc, command.PupilId, pupil?.SchoolId ?? Guid.Empty, pupil?.Label ?? "", command.How);
        }
    }

    public sealed class CandidatesHandler(AppDbContext db) : IRequestHandler<Candidates, IReadOnlyList<ListPupils.Item>>
    {
        public async Task<IReadOnlyList<ListPupils.Item>> Handle(Candidates query, CancellationToken cancellationToken)
        {
            var school = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.SchoolId).SingleAsync(cancellationToken);
            return await db.Pupils.AsNoTracking().Where(p => p.SchoolId == school)
                .OrderBy(p => p.Group).ThenBy(p => p.LastName).ThenBy(p => p.FirstName)
                .Select(p => new ListPupils.Item(p.Id, p.FirstName + " " + p.LastName, p.Group))
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>What the step's form holds while the user types (<see cref="IdentifyPupilForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? PupilId { get; set; }
        public string? How { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid)
        {
            if (!Guid.TryParse(PupilId, out var pupilId) || pupilId == Guid.Empty) invalid[nameof(PupilId)] = "Action.IdentifyPupil.ChoosePupil";
            return new Command(caseId, revision, pupilId, How ?? "");
        }
    }
}
