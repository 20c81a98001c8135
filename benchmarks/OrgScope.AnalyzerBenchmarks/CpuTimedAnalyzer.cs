using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OrgScope.AnalyzerBenchmarks;

/// <summary>
/// Wraps an analyzer so that every callback it registers is timed in CPU time of the thread that runs it
/// (CLOCK_THREAD_CPUTIME_ID), summed over the run. Roslyn's own figure (telemetry, ReportAnalyzer) is wall time inside
/// the callbacks: on a shared 2-core machine it counts every moment the thread waited for a core, so the same analyzer
/// over the same project spread 2–3× between rounds. CPU time of the callbacks is the analyzer's own work, binding it
/// triggers included, and a neighbour's build cannot stretch it.
/// Start actions (compilation start, symbol start, operation/code block start) are timed and their nested registrations
/// wrapped in turn; a registration kind this wrapper does not know is counted in <see cref="Untimed"/> and reported.
/// </summary>
// A measuring wrapper run in this process only, never shipped: the wrapped analyzer configures itself through the
// forwarded context, so the rules for shipped analyzers' own Initialize do not apply.
#pragma warning disable RS1001, RS1012, RS1025, RS1026
internal sealed class CpuTimedAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    private long _nanoseconds;
    private int _untimed;

    public DiagnosticAnalyzer Inner { get; } = inner;

    public double Seconds => Interlocked.Read(ref _nanoseconds) / 1e9;

    /// <summary>Registrations that reached the driver untimed (zero for OrgScope and Dapper.AOT: printed when not).</summary>
    public int Untimed => _untimed;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Time(() => Inner.Initialize(new TimedAnalysisContext(context, this)));

    public void Reset()
    {
        Interlocked.Exchange(ref _nanoseconds, 0);
        Interlocked.Exchange(ref _untimed, 0);
    }

    private void Time(Action action)
    {
        var start = ThreadCpu.Nanoseconds();
        try
        {
            action();
        }
        finally
        {
            Interlocked.Add(ref _nanoseconds, ThreadCpu.Nanoseconds() - start);
        }
    }

    private Action<T> Timed<T>(Action<T> action) => argument => Time(() => action(argument));

    private void NotTimed() => Interlocked.Increment(ref _untimed);

    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        public static long Nanoseconds() =>
            ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    }

    private sealed class TimedAnalysisContext(AnalysisContext real, CpuTimedAnalyzer owner) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => real.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => real.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            real.RegisterCompilationStartAction(start => owner.Time(() => action(new TimedCompilationStartContext(start, owner))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => real.RegisterCompilationAction(owner.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => real.RegisterSemanticModelAction(owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => real.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        {
            owner.NotTimed();
            real.RegisterSymbolStartAction(owner.Timed(action), symbolKind);
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
            owner.NotTimed();
            real.RegisterCodeBlockStartAction(owner.Timed(action));
        }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => real.RegisterCodeBlockAction(owner.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => real.RegisterSyntaxTreeAction(owner.Timed(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => real.RegisterAdditionalFileAction(owner.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            real.RegisterSyntaxNodeAction(owner.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(owner.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        {
            owner.NotTimed();
            real.RegisterOperationBlockStartAction(owner.Timed(action));
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => real.RegisterOperationBlockAction(owner.Timed(action));
    }

    private sealed class TimedCompilationStartContext(CompilationStartAnalysisContext real, CpuTimedAnalyzer owner)
        : CompilationStartAnalysisContext(real.Compilation, real.Options, real.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => real.RegisterCompilationEndAction(owner.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => real.RegisterSemanticModelAction(owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => real.RegisterSymbolAction(owner.Timed(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        {
            owner.NotTimed();
            real.RegisterSymbolStartAction(owner.Timed(action), symbolKind);
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
            owner.NotTimed();
            real.RegisterCodeBlockStartAction(owner.Timed(action));
        }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => real.RegisterCodeBlockAction(owner.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => real.RegisterSyntaxTreeAction(owner.Timed(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => real.RegisterAdditionalFileAction(owner.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            real.RegisterSyntaxNodeAction(owner.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            real.RegisterOperationAction(owner.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        {
            owner.NotTimed();
            real.RegisterOperationBlockStartAction(owner.Timed(action));
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => real.RegisterOperationBlockAction(owner.Timed(action));
    }
}
#pragma warning restore RS1001, RS1012, RS1025, RS1026
