using System;
using System.Collections.Generic;
using OrgScope.Generators.Diagnostics;

namespace OrgScope.Generators.Building
{
    /// <summary>"<see cref="From"/> reads the organization of <see cref="To"/>" (a ScopedReference), and which InferFrom entry says so.</summary>
    internal sealed record DependencyEdge(string From, string To, string SourceName, LocationInfo? Location);

    /// <summary>
    /// The order tables are filled in: a table after every table it reads. Cycles make that impossible and are
    /// found first; otherwise each table gets a level (0 = reads no scoped table) and runs level by level.
    /// </summary>
    internal static class RunOrder
    {
        /// <summary>One list of edges per cycle found (each closes on itself); empty when the graph is acyclic.</summary>
        public static List<List<DependencyEdge>> FindCycles(IReadOnlyList<string> nodes, IReadOnlyList<DependencyEdge> edges)
        {
            var outgoing = Outgoing(edges);
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // absent: unvisited, 1: on the path, 2: done
            var cycles = new List<List<DependencyEdge>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);

            foreach (var start in nodes)
            {
                if (state.ContainsKey(start))
                {
                    continue;
                }

                // Iterative depth-first search: the path holds (node, next edge index) and the edges taken between them.
                var path = new List<(string Node, int Next)> { (start, 0) };
                var taken = new List<DependencyEdge>();
                state[start] = 1;
                while (path.Count > 0)
                {
                    var (node, next) = path[path.Count - 1];
                    var nodeEdges = outgoing.TryGetValue(node, out var list) ? list : null;
                    if (nodeEdges is null || next >= nodeEdges.Count)
                    {
                        state[node] = 2;
                        path.RemoveAt(path.Count - 1);
                        if (taken.Count > 0 && path.Count > 0)
                        {
                            taken.RemoveAt(taken.Count - 1);
                        }

                        continue;
                    }

                    path[path.Count - 1] = (node, next + 1);
                    var edge = nodeEdges[next];
                    state.TryGetValue(edge.To, out var targetState);
                    if (targetState == 0)
                    {
                        state[edge.To] = 1;
                        path.Add((edge.To, 0));
                        taken.Add(edge);
                    }
                    else if (targetState == 1)
                    {
                        var begin = path.FindIndex(p => p.Node == edge.To);
                        var cycle = taken.GetRange(begin, taken.Count - begin);
                        cycle.Add(edge);
                        var nodesInCycle = new List<string>();
                        foreach (var e in cycle)
                        {
                            nodesInCycle.Add(e.From);
                        }

                        nodesInCycle.Sort(StringComparer.Ordinal);
                        if (seen.Add(string.Join("|", nodesInCycle)))
                        {
                            cycles.Add(cycle);
                        }
                    }
                }
            }

            return cycles;
        }

        /// <summary>Each node's level: 0 when it reads no scoped table, else one more than the highest table it reads. Acyclic graphs only.</summary>
        public static Dictionary<string, int> Levels(IReadOnlyList<string> nodes, IReadOnlyList<DependencyEdge> edges)
        {
            var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                dependencies[node] = new HashSet<string>(StringComparer.Ordinal);
                dependents[node] = new List<string>();
            }

            foreach (var edge in edges)
            {
                if (dependencies.ContainsKey(edge.To) && dependencies[edge.From].Add(edge.To))
                {
                    dependents[edge.To].Add(edge.From);
                }
            }

            var levels = new Dictionary<string, int>(StringComparer.Ordinal);
            var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
            var ready = new Queue<string>();
            foreach (var node in nodes)
            {
                remaining[node] = dependencies[node].Count;
                if (remaining[node] == 0)
                {
                    levels[node] = 0;
                    ready.Enqueue(node);
                }
            }

            while (ready.Count > 0)
            {
                var node = ready.Dequeue();
                foreach (var dependent in dependents[node])
                {
                    levels[dependent] = Math.Max(levels.TryGetValue(dependent, out var level) ? level : 0, levels[node] + 1);
                    if (--remaining[dependent] == 0)
                    {
                        ready.Enqueue(dependent);
                    }
                }
            }

            return levels;
        }

        private static Dictionary<string, List<DependencyEdge>> Outgoing(IReadOnlyList<DependencyEdge> edges)
        {
            var outgoing = new Dictionary<string, List<DependencyEdge>>(StringComparer.Ordinal);
            foreach (var edge in edges)
            {
                if (!outgoing.TryGetValue(edge.From, out var list))
                {
                    outgoing[edge.From] = list = new List<DependencyEdge>();
                }

                list.Add(edge);
            }

            return outgoing;
        }
    }
}
