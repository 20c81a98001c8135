using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OrgScope.Plan;

namespace OrgScope.ScriptWriter;

/// <summary>
/// Tells "this assembly declares no OrgScope model" (a project that only gets the build targets transitively)
/// apart from "the plan is there but broken", which must still fail the build through <see cref="PlanReader"/>.
/// </summary>
internal static class PlanPresence
{
    /// <summary>True when the assembly defines the generated plan type, whatever state its constant is in.</summary>
    public static bool DefinesPlanType(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return true; // Not an assembly at all: let PlanReader say so.
            }

            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (reader.StringComparer.Equals(type.Name, PlanReader.PlanTypeName) &&
                    reader.StringComparer.Equals(type.Namespace, PlanReader.PlanTypeNamespace))
                {
                    return true;
                }
            }

            return false;
        }
        catch (BadImageFormatException)
        {
            return true;
        }
    }
}
