using Aktivitetsplikt.Domain.Cases;
using Aktivitetsplikt.Web.Infrastructure;
using FluentValidation;
using MediatR;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>Outermost: logs refused and failed requests. Expected refusals are information, anything else an error.</summary>
public sealed class LoggingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly ILogger<LoggingBehavior<TRequest, TResponse>> _logger;

    public LoggingBehavior(ILogger<LoggingBehavior<TRequest, TResponse>> logger) => _logger = logger;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (ex is CaseRuleViolation or ValidationException or ConcurrencyConflictException or NotFoundOrNoAccessException or ForbiddenException)
        {
            _logger.LogInformation("{Request} refused: {Reason}", typeof(TRequest).FullName, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Request} failed", typeof(TRequest).FullName);
            throw;
        }
    }
}
