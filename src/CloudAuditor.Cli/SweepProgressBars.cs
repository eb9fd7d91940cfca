using System.Collections.Concurrent;
using CloudAuditor.Core.Engine;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>On stderr: a bar over the targets, and a line per target counting its resources as they are audited.</summary>
internal sealed class SweepProgressBars : ISweepProgress
{
    private readonly ProgressTask _overall;
    private readonly Dictionary<string, ProgressTask> _perTarget;
    private readonly ConcurrentDictionary<string, int> _audited = new();

    private SweepProgressBars(ProgressContext context, IReadOnlyList<string> targets)
    {
        _overall = context.AddTask($"{targets.Count} target(s)", maxValue: targets.Count);
        _perTarget = targets.ToDictionary(t => t, t => context.AddTask(Markup.Escape(t)).IsIndeterminate());
    }

    public static Task<T> RunAsync<T>(IAnsiConsole console, IReadOnlyList<string> targets, Func<ISweepProgress, Task<T>> run) =>
        console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(context => run(new SweepProgressBars(context, targets)));

    public void SubjectAudited(string target) =>
        _perTarget[target].Description = $"{Markup.Escape(target)}: {_audited.AddOrUpdate(target, 1, (_, n) => n + 1)} resources";

    public void TargetCompleted(string target)
    {
        _perTarget[target].IsIndeterminate(false).Value(_perTarget[target].MaxValue);
        _overall.Increment(1);
    }
}
