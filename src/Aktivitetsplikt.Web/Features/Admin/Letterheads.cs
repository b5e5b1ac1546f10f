using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Aktivitetsplikt.Web.Features.Admin;

/// <summary>The sender a letter names: the school's letterhead (address, principal, phone, e-mail) and the school owner's county governor.</summary>
public sealed record LetterheadFields(string? Address, string? PrincipalName, string? Phone, string? Email);

/// <summary>The county governor the parent letter names (§ 12-6): which Statsforvalter, its address and web address.</summary>
public sealed record CountyGovernorFields(string? Name, string? Address, string? Website);

/// <summary>The letterhead of one school's documents.</summary>
public static class GetSchoolLetterhead
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query(Guid SchoolId) : IRequest<Result>;

    public sealed record Result(string SchoolName, LetterheadFields Letterhead);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var school = await db.Schools.AsNoTracking().Where(s => s.Id == query.SchoolId && s.SchoolOwnerId == user.SchoolOwnerId)
                .Select(s => new Result(s.Name, new LetterheadFields(s.Address, s.PrincipalName, s.Phone, s.Email)))
                .SingleOrDefaultAsync(cancellationToken);
            return school ?? throw new NotFoundOrNoAccessException("The school");
        }
    }
}

/// <summary>The school's letterhead changes; documents made from now on carry it.</summary>
public static class SetSchoolLetterhead
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(Guid SchoolId, string? Address, string? PrincipalName, string? Phone, string? Email) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SchoolId).NotEmpty();
            RuleFor(c => c.Address).OptionalText(300);
            RuleFor(c => c.PrincipalName).OptionalText(200);
            RuleFor(c => c.Phone).OptionalText(30);
            RuleFor(c => c.Email).OptionalText(200).EmailAddress().WithErrorCode("EmailAddress").When(c => !string.IsNullOrWhiteSpace(c.Email));
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var school = await db.OwnSchoolAsync(user, command.SchoolId, cancellationToken);
            school.SetLetterhead(command.Address, command.PrincipalName, command.Phone, command.Email);
            return Unit.Value;
        }
    }
}

/// <summary>The administrator's school owner's county governor.</summary>
public static class GetCountyGovernor
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Query : IRequest<CountyGovernorFields>;

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, CountyGovernorFields>
    {
        public async Task<CountyGovernorFields> Handle(Query query, CancellationToken cancellationToken) =>
            await db.SchoolOwners.AsNoTracking().Where(o => o.Id == user.SchoolOwnerId)
                .Select(o => new CountyGovernorFields(o.CountyGovernorName, o.CountyGovernorAddress, o.CountyGovernorWebsite))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundOrNoAccessException("The school owner");
    }
}

/// <summary>Which county governor the school owner's parent letters name, with address and web address.</summary>
public static class SetCountyGovernor
{
    [AllowedRoles(Role.Administrator)]
    public sealed record Command(string? Name, string? Address, string? Website) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).OptionalText(200);
            RuleFor(c => c.Address).OptionalText(300);
            RuleFor(c => c.Website).OptionalText(200)
                .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
                .When(c => !string.IsNullOrWhiteSpace(c.Website)).WithErrorCode("Admin.Validation.HttpsAddress");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.SchoolOwners.SingleOrDefaultAsync(o => o.Id == user.SchoolOwnerId, cancellationToken)
                ?? throw new NotFoundOrNoAccessException("The school owner");
            owner.SetCountyGovernor(command.Name, command.Address, command.Website);
            return Unit.Value;
        }
    }
}
