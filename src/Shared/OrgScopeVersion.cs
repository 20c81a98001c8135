using System.Reflection;

namespace OrgScope.Shared
{
    /// <summary>
    /// The OrgScope version an assembly was built as: its informational version without the "+commit" build metadata.
    /// The generator writes it into the plan and the reader compares it with its own, so both must compute it alike;
    /// linked into both.
    /// </summary>
    internal static class OrgScopeVersion
    {
        public static string Of(Assembly assembly)
        {
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                          ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }
}
