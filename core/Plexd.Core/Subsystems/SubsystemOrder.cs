namespace Plexd.Core.Subsystems;

/// <summary>Orders subsystems so every one comes after what it depends on; stable otherwise.</summary>
internal static class SubsystemOrder
{
    /// <exception cref="SubsystemGraphException">Duplicate names, a missing required dependency, or a cycle.</exception>
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> subsystems) where T : SubsystemDeclaration
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var subsystem in subsystems)
        {
            if (!byName.TryAdd(subsystem.Name, subsystem))
            {
                throw new SubsystemGraphException($"subsystem '{subsystem.Name}' is declared twice (plugins {byName[subsystem.Name].Plugin} and {subsystem.Plugin})");
            }
        }

        foreach (var subsystem in subsystems)
        {
            foreach (string dependency in subsystem.DependsOn.Where(d => !byName.ContainsKey(d)))
            {
                throw new SubsystemGraphException($"subsystem '{subsystem.Name}' (plugin {subsystem.Plugin}) depends on '{dependency}', which is not loaded");
            }
        }

        var ordered = new List<T>(subsystems.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new List<string>();
        foreach (var subsystem in subsystems)
        {
            Visit(subsystem);
        }

        return ordered;

        void Visit(T subsystem)
        {
            if (done.Contains(subsystem.Name))
            {
                return;
            }

            int seen = visiting.IndexOf(subsystem.Name);
            if (seen >= 0)
            {
                throw new SubsystemGraphException("dependency cycle: " + string.Join(" -> ", visiting.Skip(seen).Append(subsystem.Name)));
            }

            visiting.Add(subsystem.Name);
            foreach (string dependency in subsystem.DependsOn.Concat(subsystem.OptionalDependencies))
            {
                if (byName.TryGetValue(dependency, out var next))
                {
                    Visit(next);
                }
            }

            visiting.RemoveAt(visiting.Count - 1);
            done.Add(subsystem.Name);
            ordered.Add(subsystem);
        }
    }
}

/// <summary>The declared subsystem dependencies cannot be satisfied; the message names the subsystems involved.</summary>
public sealed class SubsystemGraphException(string message) : Exception(message);
