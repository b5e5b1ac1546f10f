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

    public sealed class Handler : SimpleCaseStepHandler<Command>
    {
        public Handler(AppDbContext db, ICurrentUser user, TimeProvider time) : base(db, user, time) { }

        protected override void Apply(Case @case, Actor actor, DateTime nowUtc, Command command) =>
            @case.AddComment(actor, nowUtc, command.Comment);
    }
}
