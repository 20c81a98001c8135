using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline value by reflection (every field, every array element) and fails on anything that pins a
/// compilation: symbols, syntax, semantic models, compilations, locations. Such a value would never compare equal
/// across runs (no caching) and would keep old compilations alive in the IDE.
/// </summary>
internal static class ModelWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(IOperation),
    };

    public static void AssertPlainData(object? value, string path)
    {
        Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value is Type)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal)
        {
            return;
        }

        if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
        {
            throw new XunitException($"{path} holds a {type.Name} ({forbidden.Name}): pipeline models must be plain equatable data");
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Array array)
        {
            var index = 0;
            foreach (var element in array)
            {
                Walk(element, $"{path}[{index++}]", visited);
            }

            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
