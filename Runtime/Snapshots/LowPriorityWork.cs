using System.Runtime.InteropServices;

namespace Trading.Runtime.Snapshots;

/// <summary>
/// Runs CPU-heavy background work (compressing snapshot parts, building snapshot documents) on a thread of its own at a
/// lower OS scheduling priority (Linux nice +10), so that while the machine is busy the matching threads keep the CPU and
/// the snapshot takes longer; on an idle machine it runs at full speed. Where the priority cannot be lowered (another
/// OS, a restricted container) the work still runs, at normal priority.
/// </summary>
public static class LowPriorityWork
{
    private const int Nice = 10;
    private const int PrioProcess = 0;

    public static Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Lower();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "snapshot-background" };
        thread.Start();
        return done.Task;
    }

    private static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            var gettid = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => 186L,
                Architecture.Arm64 => 178L,
                _ => -1L,
            };
            if (gettid < 0) return;
            var tid = (int)syscall(gettid);
            // Only ever lower: in a process already started below +10 (the snapshot document process) the thread stays there.
            if (getpriority(PrioProcess, tid) >= Nice) return;
            setpriority(PrioProcess, tid, Nice); // on Linux PRIO_PROCESS with a thread id affects that thread only
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Runs at normal priority.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number);

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);
}
