using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>Checks the shape of a request (required, lengths, dates); the domain decides what is legal.</summary>
public sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IEnumerable<IValidator<TRequest>> _validators;

    public ValidationBehavior(IEnumerable<IValidator<TRequest>> validators) => _validators = validators;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in _validators)
            failures.AddRange((await validator.ValidateAsync(request, cancellationToken)).Errors);
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next();
    }
}
