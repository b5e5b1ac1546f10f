using System.Collections.Concurrent;
using System.Reflection;
using Aktivitetsplikt.Web.Data;
using Aktivitetsplikt.Web.Features.Account;
using Aktivitetsplikt.Web.Features.Archive;
using Aktivitetsplikt.Web.Features.Cases;
using Aktivitetsplikt.Web.Features.Notifications;
using Aktivitetsplikt.Web.Features.Privacy;
using Aktivitetsplikt.Web.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Aktivitetsplikt.Web.Infrastructure;

public static class ServiceRegistration
{
    /// <summary>
    /// Everything but the web host: the store, the clock, the user, the handlers, the UI text. Tests build on this too.
    /// The app passes the audit chain's keys and anchor file from configuration; without them (tests, tools) the chain
    /// is keyed with a key that lives as long as the process (<see cref="AuditChainSettings.Ephemeral"/>).
    /// </summary>
    public static IServiceCollection AddAktivitetsplikt(this IServiceCollection services, string connectionString, AuditChainSettings? auditChain = null) =>
        services.AddAktivitetsplikt(new StorageSettings(StorageProvider.Sqlite, connectionString, "", NewDatabase: false), auditChain);

    /// <summary>The same on the provider <paramref name="storage"/> names: handlers get an <see cref="AppDbContext"/> either way.</summary>
    public static IServiceCollection AddAktivitetsplikt(this IServiceCollection services, StorageSettings storage, AuditChainSettings? auditChain = null)
    {
        services.AddSingleton(auditChain ?? AuditChainSettings.Ephemeral());
        services.AddSingleton<AuditAnchorFile>();
        services.AddSingleton(provider => Features.SiFra.ReceiptCodes.FromAuditKey(provider.GetRequiredService<AuditChainSettings>().Keys.Current.Secret));
        services.AddScoped<AuditChainVerifier>();
        services.AddSingleton<FullWalkGate>();
        services.AddSingleton(ReadAuditOptions.Default);
        services.AddSingleton<ReadAuditQueue>();
        services.AddSingleton<Features.Oversight.SummaryCache>();
        services.AddSingleton<Features.Cases.VerifiedChainHead>();
        services.AddSingleton<Features.Cases.KeptCases>();
        // Pooled (ADR 038): a request leases a context set up once and gives it back, reset, when its scope ends — instead of
        // building the options, the context and EF Core's services for it on every request that reads.
        if (storage.Provider == StorageProvider.PostgreSql)
            services.AddDbContextPool<AppDbContext, PostgreSqlAppDbContext>((provider, options) => ConfigureContext(storage, provider, options));
        else
            services.AddDbContextPool<AppDbContext>((provider, options) => ConfigureContext(storage, provider, options));
        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionCacheInvalidation>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<SessionCacheInvalidation>());
        services.AddSingleton<StaffScopeKeys>();
        services.AddSingleton<StaffScopeInvalidation>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<StaffScopeInvalidation>());
        services.AddSingleton<TimeProvider, AppTimeProvider>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());
        services.AddScoped<AuditLog>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<PasswordPolicy>();
        services.AddOptions<SignInThrottleOptions>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInService>();
        // Program replaces both from configuration (Authentication:*, Guardians:IdentityHashKey); tests and tools get these.
        services.AddSingleton(new ExternalSignInSettings());
        services.AddSingleton(IdentityNumberHasher.Ephemeral());
        services.AddScoped<ExternalSignInService>();
        services.AddSingleton(CaseReadModelProfile.CreateConfiguration().CreateMapper());
        services.TryAddSingleton(Features.Evidence.AttachmentSettings.ForDataFolder(storage.DataFolder));
        services.AddSingleton<Features.Evidence.AttachmentStore>();
        services.AddCaseHandling();
        services.AddNotifications();
        services.AddPrivacyExport();
        services.AddArchiveExport();
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddScoped<UiText>();
        return services;
    }

    /// <summary>
    /// The provider's options, the compiled model, and every registered interceptor: the one that empties the session check's
    /// cache when users or sessions change, and any a host adds (the tests' simulated database outage). Run once, for the pool,
    /// with the root provider: an interceptor is a singleton, shared by every context (each keeps its own state per context).
    /// </summary>
    private static void ConfigureContext(StorageSettings storage, IServiceProvider provider, DbContextOptionsBuilder options)
    {
        storage.Configure(options);
        if (CompiledModels.For(storage.Provider == StorageProvider.PostgreSql ? typeof(PostgreSqlAppDbContext) : typeof(AppDbContext)) is { } model)
            options.UseModel(model);
        options.AddInterceptors(provider.GetServices<IInterceptor>());
    }
}

/// <summary>
/// The compiled model of a context type (ADR 023), found once. EF Core finds it by itself, by reading every
/// <see cref="DbContextModelAttribute"/> of the context's assembly, but does so for each context instance, that is for every
/// request that reads (~5 % of a page's time in a trace: docs/performance.md, branch <c>floor</c>). Found here by the same
/// attribute, so a regenerated model (scripts/refresh-compiled-model.sh) needs nothing else, and none (while it is being
/// regenerated) means EF Core builds the model from code as before.
/// </summary>
internal static class CompiledModels
{
    private static readonly ConcurrentDictionary<Type, IModel?> Found = new();

    public static IModel? For(Type contextType) => Found.GetOrAdd(contextType, static type =>
        type.Assembly.GetCustomAttributes<DbContextModelAttribute>()
            .Where(a => a.ContextType == type)
            .Select(a => (IModel?)a.ModelType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .SingleOrDefault());
}
