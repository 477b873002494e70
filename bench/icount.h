/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exact instruction counts per heap operation by single-stepping.
 *
 * This machine's PMU is not reachable (perf reports "instructions: not
 * supported" in this VM), so the counter is ptrace: the workload runs in a
 * forked child that stops itself (int3) right before each operation it
 * wants counted; the parent single-steps (PTRACE_SINGLESTEP) from the entry
 * of the heap's function to its return and counts the steps. Every machine
 * instruction executed by the heap function and its callees is one step, so
 * the count is exact and, for a seeded workload over a fixed span,
 * deterministic. It is slow (several microseconds per instruction), so the
 * benchmark counts a sample of the operations. x86-64 Linux only.
 */
#ifndef VREGION_BENCH_ICOUNT_H
#define VREGION_BENCH_ICOUNT_H

#include <stdbool.h>
#include <stdint.h>

enum icount_kind { IC_ALLOC, IC_ALIGN, IC_FREE, IC_KINDS };

struct icount_result {
	uint64_t n[IC_KINDS];   /* operations counted */
	uint64_t max[IC_KINDS]; /* most instructions one operation took */
	uint64_t sum[IC_KINDS]; /* instructions over all counted operations */
};

/** True when this build can count (x86-64 Linux). */
bool icount_supported(void);

/**
 * Run @p body(@p arg) in a traced child. Inside body, call icount_mark(kind)
 * immediately before calling (through the adapter) the operation of that
 * kind; counting starts when the child reaches targets[kind] and stops when
 * that function returns. Returns 0 with @p out filled, or -1 (message on
 * stderr) when the child died, a target was never reached or ptrace is not
 * permitted.
 */
int icount_run(void (*body)(void *), void *arg, const void *const targets[IC_KINDS],
	       struct icount_result *out);

/** Child side: stop here so the parent counts the next operation of @p kind. */
void icount_mark(enum icount_kind kind);

#endif /* VREGION_BENCH_ICOUNT_H */
