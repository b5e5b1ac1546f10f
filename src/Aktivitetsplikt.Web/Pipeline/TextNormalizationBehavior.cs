using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Aktivitetsplikt.Web.Infrastructure;
using MediatR;

namespace Aktivitetsplikt.Web.Pipeline;

/// <summary>
/// Before validation: every text a request carries, also inside its nested inputs (a plan's measures), gets the one
/// normalisation of <see cref="TextInput.Normalise"/> (vertical tab and form feed become line breaks), whichever form or
/// circuit sent it. Done here once rather than in every form, so a new command cannot forget it; what is left that
/// cannot be stored is then refused by the validators' text rules with the field named.
/// Secrets ([JsonIgnore], e.g. passwords) are taken exactly as typed.
/// </summary>
public sealed class TextNormalizationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        TextNormalizer.Normalise(request, depth: 0);
        return next();
    }
}

public static class TextNormalizer
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly Assembly Own = typeof(TextNormalizer).Assembly;

    /// <summary>Normalises the text properties of <paramref name="value"/> in place (records' init-only properties too).</summary>
    public static void Normalise(object? value, int depth)
    {
        if (value is null || depth > 4) return;
        foreach (var property in Properties.GetOrAdd(value.GetType(), Writable))
        {
            var current = property.GetValue(value);
            if (property.PropertyType == typeof(string))
            {
                var normalised = TextInput.Normalise((string?)current);
                if (!ReferenceEquals(normalised, current)) property.SetValue(value, normalised);
            }
            else if (current is IEnumerable items and not string)
            {
                foreach (var item in items)
                    if (item is not null && item.GetType().Assembly == Own) Normalise(item, depth + 1);
            }
            else if (current is not null && current.GetType().Assembly == Own && !current.GetType().IsEnum)
            {
                Normalise(current, depth + 1);
            }
        }
    }

    private static PropertyInfo[] Writable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && (p.PropertyType == typeof(string) ? p.SetMethod is not null : !p.PropertyType.IsValueType))
            .ToArray();
}
