#!/usr/bin/python3
"""Runs a command and reports its wall time, CPU time and the peak memory of its whole process tree.

    treepeak.py [--period S] [--trace FILE] -- COMMAND [ARG...]

Prints one line to stderr, "treepeak wall=S cpu=S peak_pss_mb=M", after the command ends, and exits with the
command's status. CPU is user + system of the command and every descendant it waited for (getrusage of the
children). The peak is the largest sum, over the samples taken every --period seconds (default 0.05), of the
proportional set size (PSS: the resident pages, each shared page divided among the processes that share it) of
the command and all its live descendants. pyradiomics -j N runs N worker processes, and /usr/bin/time reports
only the largest one; summing plain RSS instead counts shared pages once per process, which doubled a JVM's
figure whenever Hadoop started a shell command from it (the spawned child shares the JVM's pages until it
execs). For a single process PSS and RSS are nearly equal. --trace writes every sample ("seconds MB") to FILE. Linux
only (/proc).
"""
import os
import resource
import subprocess
import sys
import time


def pss_kb(pid):
    """The process's proportional set size in kB (0 when it ended or cannot be read)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children_map():
    """parent pid -> child pids, and pid -> RSS in kB, from one walk over /proc."""
    kids, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as f:
                ppid, vmrss = None, 0
                for line in f:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        vmrss = int(line.split()[1])
        except OSError:
            continue  # the process ended meanwhile
        pid = int(name)
        rss[pid] = vmrss
        if ppid is not None:
            kids.setdefault(ppid, []).append(pid)
    return kids, rss


def tree_pss_kb(root):
    kids, _ = children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += pss_kb(pid)
        todo.extend(kids.get(pid, ()))
    return total


def main(argv):
    period, trace = 0.05, None
    while argv[:1] in (["--period"], ["--trace"]):
        if argv[0] == "--period":
            period = float(argv[1])
        else:
            trace = open(argv[1], "w")
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    t0 = time.monotonic()
    proc = subprocess.Popen(argv)
    peak = 0
    while proc.poll() is None:
        rss = tree_pss_kb(proc.pid)
        peak = max(peak, rss)
        if trace:
            trace.write(f"{time.monotonic() - t0:.2f} {rss / 1024:.0f}\n")
        time.sleep(period)
    wall = time.monotonic() - t0
    if trace:
        trace.close()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(f"treepeak wall={wall:.3f} cpu={ru.ru_utime + ru.ru_stime:.3f} peak_pss_mb={peak / 1024:.0f}\n")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
