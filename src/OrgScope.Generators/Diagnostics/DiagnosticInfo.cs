using Microsoft.CodeAnalysis;
using OrgScope.Model;

namespace OrgScope.Generators.Diagnostics
{
    /// <summary>A diagnostic as equatable data (rule id, location, message arguments), so it can flow through cached steps.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
            new(descriptor.Id, location, messageArgs.ToEquatableArray());

        public Diagnostic ToDiagnostic()
        {
            var args = new object[MessageArgs.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = MessageArgs[i];
            }

            return Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }
}
