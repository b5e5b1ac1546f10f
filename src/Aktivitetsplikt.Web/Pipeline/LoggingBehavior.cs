using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>Outermost: logs refused and failed requests. Expected refusals are information, anything else an error.</summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (ex is CaseRuleViolation or ValidationException or ConcurrencyConflictException or NotFoundOrNoAccessException or ForbiddenException)
        {
            logger.LogInformation("{Request} refused: {Reason}", typeof(TRequest).FullName, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Request} failed", typeof(TRequest).FullName);
            throw;
        }
    }
}
