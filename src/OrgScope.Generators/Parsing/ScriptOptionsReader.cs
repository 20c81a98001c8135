using System;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.Model;

namespace OrgScope.Generators.Parsing
{
    /// <summary>
    /// The MSBuild options that shape the scripts, read as <c>build_property.*</c> (the package's build/OrgScope.props
    /// makes them CompilerVisibleProperty). OrgScope.targets rejects a value outside the documented ones with ORG905
    /// before the compiler runs, so here an unknown or empty value simply means the default.
    /// </summary>
    internal static class ScriptOptionsReader
    {
        public const string ConstraintStrategyProperty = "build_property.OrgScopeConstraintStrategy";
        public const string ForeignKeysProperty = "build_property.OrgScopeForeignKeys";
        public const string InsertTriggersProperty = "build_property.OrgScopeInsertTriggers";

        public static ScriptOptions Read(AnalyzerConfigOptions options)
        {
            var defaults = ScriptOptions.Default;
            return new ScriptOptions(
                Strategy(Value(options, ConstraintStrategyProperty)) ?? defaults.ConstraintStrategy,
                Flag(Value(options, ForeignKeysProperty)) ?? defaults.ForeignKeys,
                Flag(Value(options, InsertTriggersProperty)) ?? defaults.InsertTriggers);
        }

        private static string? Value(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        private static ConstraintStrategy? Strategy(string? value)
        {
            foreach (ConstraintStrategy strategy in Enum.GetValues(typeof(ConstraintStrategy)))
            {
                if (string.Equals(value, strategy.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return strategy;
                }
            }

            return null;
        }

        private static bool? Flag(string? value) =>
            string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? false
            : null;
    }
}
