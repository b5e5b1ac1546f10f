using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;

namespace Aktivitetsplikt.Web.Features.Cases;

/// <summary>A comment on the case, e.g. advice from the § 9A team.</summary>
public static class AddComment
{
    public sealed record Command(Guid CaseId, int? ExpectedRevision, string Comment) : ICaseCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment).RequiredText();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : SimpleCaseStepHandler<Command>(db, user, time)
    {
        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.AddComment(actor, nowUtc, command.Comment);
    }

    /// <summary>What the step's form holds while the user types (<see cref="AddCommentForm"/>).</summary>
    public sealed class Form : IStepForm
    {
        public string? Comment { get; set; }

        public ICaseCommand ToCommand(Guid caseId, int revision, IDictionary<string, string> invalid) => new Command(caseId, revision, Comment ?? "");
    }
}
