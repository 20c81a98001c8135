using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace OrgScope.Plan;

/// <summary>
/// Reads the plan the generator embedded in an assembly. From a file it reads metadata only (the assembly is
/// never loaded, so its dependencies need not be present); from a loaded type it uses reflection.
/// </summary>
public static class PlanReader
{
    /// <summary>The generated type that carries the plan.</summary>
    public const string PlanTypeNamespace = "OrgScope.Generated";

    /// <summary>The generated type's name.</summary>
    public const string PlanTypeName = "OrgScopePlan";

    /// <summary>The const string field holding the JSON document.</summary>
    public const string JsonFieldName = "Json";

    /// <summary>Reads the plan from a built assembly on disk.</summary>
    /// <exception cref="PlanException">The file is missing, not an assembly, or carries no (or an unreadable) plan.</exception>
    public static PlanDocument FromAssemblyFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new PlanException($"Assembly '{path}' does not exist. Build the project first, or pass the path of its built .dll.");
        }

        string? json;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw new PlanException($"'{path}' is not a .NET assembly.");
            }

            json = FindJsonConstant(pe.GetMetadataReader());
        }
        catch (BadImageFormatException)
        {
            throw new PlanException($"'{path}' is not a .NET assembly.");
        }

        if (json is null)
        {
            throw new PlanException(
                $"'{path}' carries no OrgScope plan: reference the OrgScope package and mark the organization entity with [OrgRoot] and the scoped entities with [OrgScoped], then build without OrgScope errors.");
        }

        return Parse(json, path);
    }

    /// <summary>Reads the plan from a loaded assembly (the app hosting the runbook itself).</summary>
    public static PlanDocument FromAssembly(Assembly assembly) =>
        Parse(JsonOf(assembly) ?? throw new PlanException($"Assembly '{assembly.GetName().Name}' carries no OrgScope plan."),
            assembly.GetName().Name ?? "assembly");

    /// <summary>The plan's JSON exactly as a loaded assembly carries it, or null when it carries none.</summary>
    public static string? JsonOf(Assembly assembly)
    {
        var type = assembly.GetType(PlanTypeNamespace + "." + PlanTypeName, throwOnError: false);
        var field = type?.GetField(JsonFieldName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        return field?.GetRawConstantValue() as string;
    }

    /// <summary>Parses a plan document and checks its format version.</summary>
    public static PlanDocument Parse(string json, string origin)
    {
        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PlanJsonContext.Default.PlanDocument);
        }
        catch (JsonException ex)
        {
            throw new PlanException($"The OrgScope plan in '{origin}' is not readable: {ex.Message}");
        }

        if (document is null)
        {
            throw new PlanException($"The OrgScope plan in '{origin}' is empty.");
        }

        if (document.Format != PlanDocument.CurrentFormat)
        {
            throw new PlanException(
                $"The OrgScope plan in '{origin}' has format {document.Format}; this tool reads format {PlanDocument.CurrentFormat}. Use the same OrgScope version for the package and the tool.");
        }

        // The SQL is rendered here, not embedded: a tool of another version could render other SQL than the files the
        // build wrote and the operator reviewed, so the versions must match.
        if (!string.Equals(document.Generator, RendererVersion, StringComparison.Ordinal))
        {
            throw new PlanException(
                $"The OrgScope plan in '{origin}' was built by OrgScope {document.Generator ?? "(unknown)"}; this tool is OrgScope {RendererVersion}. Use the same OrgScope version for the package and the tool.");
        }

        try
        {
            return Rendering.PlanRenderer.Render(document);
        }
        catch (Exception ex) when (ex is not PlanException)
        {
            throw new PlanException($"The OrgScope plan in '{origin}' could not be rendered ({ex.GetType().Name}: {ex.Message}). Use the same OrgScope version for the package and the tool.");
        }
    }

    /// <summary>
    /// A table's backfill statements rendered again with the collation of each character key column, as the server
    /// reports it (by column name): the statements that join the audit payload to the table then compare keys in the
    /// table's own collation. Identical to <see cref="PlanTable.Backfill"/> otherwise.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RenderBackfill(PlanDocument plan, string table, IReadOnlyDictionary<string, string> keyCollations) =>
        Rendering.PlanRenderer.Backfill(plan, table, keyCollations);

    /// <summary>The OrgScope version of this reader and renderer (the informational version without build metadata).</summary>
    public static string RendererVersion { get; } = OrgScope.Shared.OrgScopeVersion.Of(typeof(PlanReader).Assembly);

    private static string? FindJsonConstant(MetadataReader reader)
    {
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!reader.StringComparer.Equals(type.Name, PlanTypeName) ||
                !reader.StringComparer.Equals(type.Namespace, PlanTypeNamespace))
            {
                continue;
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                if (!reader.StringComparer.Equals(field.Name, JsonFieldName))
                {
                    continue;
                }

                var constantHandle = field.GetDefaultValue();
                if (constantHandle.IsNil)
                {
                    return null;
                }

                var constant = reader.GetConstant(constantHandle);
                if (constant.TypeCode != ConstantTypeCode.String)
                {
                    return null;
                }

                var blob = reader.GetBlobReader(constant.Value);
                return blob.ReadUTF16(blob.Length);
            }
        }

        return null;
    }
}

/// <summary>The plan could not be found or read; the message says what to do.</summary>
public sealed class PlanException(string message) : Exception(message);
