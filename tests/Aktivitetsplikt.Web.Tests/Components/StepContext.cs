using System.Globalization;
using Aktivitetsplikt.Domain.Organisation;
using Aktivitetsplikt.Web.Infrastructure;
using Aktivitetsplikt.Web.Tests.Support;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Aktivitetsplikt.Web.Tests.Components;

/// <summary>
/// A bUnit context with the app's words (bokmål or nynorsk) and a <see cref="ScopedSender"/>: over a real
/// <see cref="TestApp"/> acting as a user when the test submits, or over nothing when it only renders.
/// </summary>
public sealed class StepContext : BunitContext
{
    private readonly (CultureInfo, CultureInfo) _previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public StepContext(TestApp? app = null, UserAccount? user = null, string culture = "nb-NO")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        Services.AddLogging();
        Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        Services.AddScoped<UiText>();
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        if (app is null)
        {
            Services.AddScoped<CurrentUser>();
            Services.AddScoped<ScopedSender>();
            return;
        }
        var current = new CurrentUser(new HttpContextAccessor());
        if (user is not null) current.ActAs(user);
        Services.AddSingleton(current);
        Services.AddSingleton<ICurrentUser>(current);
        Services.AddSingleton<TimeProvider>(app.Clock);
        Services.AddScoped(_ => new ScopedSender(app.Services.GetRequiredService<IServiceScopeFactory>(), current));
        // The step forms check a command's rules in a scope of their own, from the component's container.
        foreach (var type in typeof(UiText).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
                Services.AddTransient(contract, type);
        Services.AddFallbackServiceProvider(app.Services);
    }

    protected override void Dispose(bool disposing)
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _previous;
        base.Dispose(disposing);
    }
}
