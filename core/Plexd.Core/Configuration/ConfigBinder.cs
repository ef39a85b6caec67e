using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Plexd.Sdk.Configuration;
using Plexd.Sdk.Json;

namespace Plexd.Core.Configuration;

/// <summary>
/// Binds <see cref="ConfigNode"/> trees to options classes. Keys are snake_case property names (or
/// <see cref="ConfigurationKeyNameAttribute"/>); every problem is collected with its source and dotted key.
/// </summary>
internal static class ConfigBinder
{
    /// <summary>Binds <paramref name="node"/> onto <paramref name="existing"/> (keeping its defaults) or a new instance.</summary>
    public static object Bind(Type type, ConfigNode? node, string path, List<string> errors, bool ignoreUnknownKeys = false, object? existing = null)
    {
        object target = existing ?? Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} needs a public parameterless constructor");
        if (node is null || (node.Kind == ConfigNodeKind.Scalar && node.Value is null))
        {
            return Validated(target, node, path, errors);
        }

        var properties = BindableProperties(type);
        if (node.Kind == ConfigNodeKind.Scalar && type.GetCustomAttribute<ConfigShorthandAttribute>() is { } shorthand)
        {
            // e.g. `api: https://cp.example` is short for `api: {url: https://cp.example}`.
            var property = properties.Values.Single(p => p.Name == shorthand.PropertyName);
            SetValue(target, property, node, $"{path}.{KeyOf(property)}", errors);
            return Validated(target, node, path, errors);
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add($"{node.Source}: {path}: expected a mapping of keys, got {Describe(node)}");
            return target;
        }

        foreach (var (key, value) in node.Entries)
        {
            string keyPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties.TryGetValue(key, out var property))
            {
                SetValue(target, property, value, keyPath, errors);
            }
            else if (!ignoreUnknownKeys)
            {
                errors.Add($"{value.Source}: unknown key '{keyPath}'{Suggest(key, properties.Keys)}");
            }
        }

        return Validated(target, node, path, errors);
    }

    /// <summary>The config key of a property: its <see cref="ConfigurationKeyNameAttribute"/> or its snake_case name.</summary>
    public static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? SnakeCase(property.Name);

    public static Dictionary<string, PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .ToDictionary(KeyOf, StringComparer.Ordinal);

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Runs the options' own checks and puts the file and line of the offending key in front of each message.</summary>
    private static object Validated(object target, ConfigNode? node, string path, List<string> errors)
    {
        if (target is IValidatableOptions validatable)
        {
            foreach (string error in validatable.Validate(path))
            {
                int colon = error.IndexOf(':', StringComparison.Ordinal);
                string key = colon > 0 ? error[..colon] : "";
                string? source = node is null ? null : Locate(node, path, key);
                errors.Add(source is null ? error : $"{source}: {error}");
            }
        }

        return target;
    }

    private static string? Locate(ConfigNode node, string path, string key)
    {
        string relative = path.Length == 0 ? key : key.StartsWith(path + ".", StringComparison.Ordinal) ? key[(path.Length + 1)..] : "";
        if (relative.Length == 0)
        {
            return null;
        }

        ConfigNode? current = node;
        foreach (string part in relative.Split('.'))
        {
            current = current?.Kind == ConfigNodeKind.Mapping ? current.Get(part) : null;
        }

        return current?.Source;
    }

    private static void SetValue(object target, PropertyInfo property, ConfigNode node, string keyPath, List<string> errors)
    {
        if (node.Kind == ConfigNodeKind.Scalar && node.Value is null)
        {
            return; // YAML null leaves the default, as Go's decoder does
        }

        if (TryConvert(property.PropertyType, node, keyPath, errors, out object? value, property.GetValue(target)))
        {
            property.SetValue(target, value);
        }
    }

    private static bool TryConvert(Type type, ConfigNode node, string keyPath, List<string> errors, out object? value, object? existing = null)
    {
        value = null;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalarType(underlying))
        {
            if (node.Kind != ConfigNodeKind.Scalar)
            {
                errors.Add($"{node.Source}: {keyPath}: expected a single value, got {Describe(node)}");
                return false;
            }

            string? problem = ConvertScalar(underlying, node, out value);
            if (problem is not null)
            {
                errors.Add($"{node.Source}: {keyPath}: {problem}, got {Quote(node.Value)}");
                return false;
            }

            return true;
        }

        if (TryDictionaryValueType(underlying, out var valueType))
        {
            if (node.Kind != ConfigNodeKind.Mapping)
            {
                errors.Add($"{node.Source}: {keyPath}: expected a mapping, got {Describe(node)}");
                return false;
            }

            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var (key, child) in node.Entries)
            {
                if (TryConvert(valueType, child, $"{keyPath}.{key}", errors, out object? item))
                {
                    dictionary[key] = item;
                }
            }

            value = dictionary;
            return true;
        }

        if (TryListElementType(underlying, out var elementType))
        {
            if (node.Kind != ConfigNodeKind.Sequence)
            {
                errors.Add($"{node.Source}: {keyPath}: expected a list, got {Describe(node)}");
                return false;
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            for (int i = 0; i < node.Items.Count; i++)
            {
                if (TryConvert(elementType, node.Items[i], $"{keyPath}[{i}]", errors, out object? item))
                {
                    list.Add(item);
                }
            }

            value = underlying.IsArray ? ToArray(list, elementType) : list;
            return true;
        }

        // Nested sections bind onto the instance the parent's initialiser created, so its defaults survive.
        value = Bind(underlying, node, keyPath, errors, existing: existing);
        return true;
    }

    private static string? ConvertScalar(Type type, ConfigNode node, out object? value)
    {
        string text = node.Value ?? "";
        value = null;
        if (type == typeof(string))
        {
            value = text;
            return null;
        }

        if (type == typeof(bool))
        {
            bool? parsed = node.Quoted ? null : text.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" or "y" => true,
                "false" or "no" or "off" or "n" => false,
                _ => null,
            };
            value = parsed;
            return parsed is null ? "must be true or false" : null;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            if (!node.Quoted && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) &&
                (type == typeof(long) || number is >= int.MinValue and <= int.MaxValue))
            {
                value = type == typeof(int) ? (object)(int)number : number;
                return null;
            }

            return "must be a whole number";
        }

        if (type == typeof(double))
        {
            if (!node.Quoted && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                value = number;
                return null;
            }

            return "must be a number";
        }

        if (type == typeof(TimeSpan))
        {
            // A bare number is refused: `interval: 30` is ambiguous, the unit must be written.
            if (text != "0" && GoDuration.TryParse(text, out var duration))
            {
                value = duration;
                return null;
            }

            if (text == "0")
            {
                value = TimeSpan.Zero;
                return null;
            }

            return "must be a duration with a unit, such as 500ms, 30s, 1m30s or 2h";
        }

        if (type.IsEnum)
        {
            foreach (string name in Enum.GetNames(type))
            {
                if (string.Equals(SnakeCase(name), text, StringComparison.OrdinalIgnoreCase))
                {
                    value = Enum.Parse(type, name);
                    return null;
                }
            }

            return "must be one of " + string.Join(", ", Enum.GetNames(type).Select(SnakeCase));
        }

        throw new InvalidOperationException($"unsupported scalar type {type}");
    }

    private static bool IsScalarType(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) ||
        type == typeof(double) || type == typeof(TimeSpan) || type.IsEnum;

    private static bool TryListElementType(Type type, out Type elementType)
    {
        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            return true;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition &&
            (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) ||
             definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>)))
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }

        elementType = typeof(object);
        return false;
    }

    private static bool TryDictionaryValueType(Type type, out Type valueType)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition &&
            (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) &&
            type.GetGenericArguments()[0] == typeof(string))
        {
            valueType = type.GetGenericArguments()[1];
            return true;
        }

        valueType = typeof(object);
        return false;
    }

    private static Array ToArray(IList list, Type elementType)
    {
        var array = Array.CreateInstance(elementType, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    private static string Describe(ConfigNode node) => node.Kind switch
    {
        ConfigNodeKind.Mapping => "a mapping",
        ConfigNodeKind.Sequence => "a list",
        _ => Quote(node.Value),
    };

    private static string Quote(string? value) => value is null ? "nothing" : $"\"{value}\"";

    /// <summary>Names the closest known key when a key looks misspelt.</summary>
    private static string Suggest(string key, IEnumerable<string> known)
    {
        string? best = known.MinBy(k => Distance(k, key));
        return best is not null && Distance(best, key) <= Math.Max(2, key.Length / 3) ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
