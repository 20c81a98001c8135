using System.Diagnostics;
using System.Globalization;

/// <summary>
/// CPU time of this process (the engine's client side) and of the throwaway mariadbd it started (its child): what a
/// run costs in cores, whatever the machine's other load does to its wall time. Null for a server it did not start
/// (ORGSCOPE_TEST_MYSQL): its CPU is not this machine's to read.
/// </summary>
internal static class ProcessCpu
{
    public static TimeSpan Client()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static TimeSpan? Server()
    {
        TimeSpan? total = null;
        foreach (var server in Process.GetProcessesByName("mariadbd"))
        {
            using (server)
            {
                if (ParentOf(server.Id) == Environment.ProcessId)
                {
                    total = (total ?? TimeSpan.Zero) + server.TotalProcessorTime;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// CPU time every process on the machine has used (/proc/stat: all but idle and I/O wait, in clock ticks of 1/100 s):
    /// beside this run's own, it shows how much of the cores the rest of the machine took meanwhile.
    /// </summary>
    public static TimeSpan? Machine()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ..."
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
        return TimeSpan.FromSeconds(busy / 100.0);
    }

    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
