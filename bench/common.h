/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared pieces of the benchmark programs: a seeded generator, the three
 * steady-state workloads, the CSV row printer and the clocks.
 *
 * Every benchmark program prints its figures as CSV rows
 * "allocator,workload,metric,value" on stdout; the driver (vregion-bench)
 * collects them and prints the table. Nothing here allocates from the heap
 * under test.
 */
#ifndef VREGION_BENCH_COMMON_H
#define VREGION_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: small, fast, and the same sequence on every machine. */
struct bench_rng {
	uint64_t s;
};

static inline uint64_t bench_rng_next(struct bench_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform integer in [lo, hi] (inclusive); bias below 2^-32, irrelevant here. */
static inline uint32_t bench_rng_range(struct bench_rng *r, uint32_t lo, uint32_t hi)
{
	uint64_t span = (uint64_t)hi - lo + 1u;
	return lo + (uint32_t)(((bench_rng_next(r) >> 32) * span) >> 32);
}

/* The live set every steady-state workload keeps. */
#define BENCH_LIVE 1000u
/* Alignment of the aligned requests of the audio workload. */
#define BENCH_ALIGN 64u

/** A steady-state workload: sizes uniform in [min, max], 1 in align_one_in aligned (0: none). */
struct bench_workload {
	const char *name;
	uint32_t min;
	uint32_t max;
	uint32_t align_one_in;
};

enum { BENCH_WL_SMALL, BENCH_WL_MEDIUM, BENCH_WL_AUDIO, BENCH_WL_COUNT };
extern const struct bench_workload bench_workloads[BENCH_WL_COUNT];

/** One step: free live[victim], then allocate size bytes (aligned to BENCH_ALIGN if aligned). */
struct bench_op {
	uint32_t size;
	uint16_t victim;
	uint8_t aligned;
};

/**
 * Fill @p ops[0..n) for workload @p wl from @p seed. The first BENCH_LIVE
 * entries are the initial fill (their victim is their own slot).
 */
void bench_gen_ops(const struct bench_workload *wl, uint64_t seed, size_t n, struct bench_op *ops);

/** Print one CSV row on stdout. */
void bench_row(const char *alloc, const char *workload, const char *metric, double value);

/** Monotonic time in nanoseconds. */
uint64_t bench_now_ns(void);

/**
 * CPU time this thread has used, in nanoseconds. The timed figures use it:
 * on a shared machine it leaves out the time the benchmark was not running
 * (preempted by other work), which wall time would add to whichever heap
 * happened to be measured at that moment.
 */
uint64_t bench_cpu_ns(void);

/** Pin the calling thread (and later children) to one CPU; returns the CPU or -1. */
int bench_pin_cpu(void);

/** Parse a non-negative integer option value; exits with a message when malformed. */
uint64_t bench_parse_u64(const char *opt, const char *val);

/** Median of @p n doubles (sorts @p v). */
double bench_median(double *v, size_t n);

#endif /* VREGION_BENCH_COMMON_H */
