using System;
using System.IO;
using OrgScope.Plan;
using OrgScope.ScriptWriter;

// OrgScope.ScriptWriter --assembly <built.dll> --out <folder> [--allow-no-plan]
// Run by the OrgScopeWriteScripts MSBuild target after Build. Errors are one line in MSBuild's canonical
// format ("OrgScope.ScriptWriter : error ORG90x: ..."), so the build shows them as errors, with a code to look up.

const int Ok = 0, PlanProblem = 1, Usage = 2, WriteFailed = 3;

string? assembly = null, output = null;
var allowNoPlan = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--assembly" when i + 1 < args.Length:
            assembly = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--allow-no-plan":
            // Projects that get OrgScope's build targets transitively but declare no model: nothing to write, no error.
            allowNoPlan = true;
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: OrgScope.ScriptWriter --assembly <built .dll> --out <folder> [--allow-no-plan]");
            Console.WriteLine("Writes the migration scripts of the OrgScope plan embedded in the assembly into the folder.");
            return Ok;
        default:
            return Fail(Usage, "ORG900", $"unexpected argument '{args[i]}'. Usage: OrgScope.ScriptWriter --assembly <built .dll> --out <folder> [--allow-no-plan]");
    }
}

if (string.IsNullOrWhiteSpace(assembly) || string.IsNullOrWhiteSpace(output))
{
    return Fail(Usage, "ORG900", "both --assembly <built .dll> and --out <folder> are required.");
}

PlanDocument plan;
try
{
    if (allowNoPlan && File.Exists(assembly) && !PlanPresence.DefinesPlanType(assembly))
    {
        Console.WriteLine($"OrgScope: {Path.GetFileName(assembly)} declares no OrgScope model; no scripts written.");
        return Ok;
    }

    plan = PlanReader.FromAssemblyFile(assembly);
}
catch (PlanException ex)
{
    return Fail(PlanProblem, "ORG901", ex.Message);
}

var folder = Path.GetFullPath(output);
try
{
    var result = ScriptDirectory.Sync(folder, plan.Files);
    foreach (var name in result.Written)
    {
        Console.WriteLine($"OrgScope: wrote {name}");
    }

    foreach (var name in result.Removed)
    {
        Console.WriteLine($"OrgScope: removed {name} (no longer in the plan)");
    }

    Console.WriteLine(
        $"OrgScope: {folder}: {result.Written.Count} written, {result.Unchanged.Count} unchanged, {result.Removed.Count} removed.");
    return Ok;
}
catch (PlanException ex)
{
    return Fail(PlanProblem, "ORG901", ex.Message);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    return Fail(WriteFailed, "ORG902", $"could not write the scripts into '{folder}': {ex.Message}");
}

static int Fail(int exitCode, string code, string message)
{
    Console.Error.WriteLine($"OrgScope.ScriptWriter : error {code}: {message}");
    return exitCode;
}
