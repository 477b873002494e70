/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared benchmark helpers; see common.h. */
#include "common.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

const struct bench_workload bench_workloads[BENCH_WL_COUNT] = {
	[BENCH_WL_SMALL] = { "small", 16, 256, 0 },
	[BENCH_WL_MEDIUM] = { "medium", 16, 4096, 0 },
	[BENCH_WL_AUDIO] = { "audio", 64, 16384, 4 },
};

void bench_gen_ops(const struct bench_workload *wl, uint64_t seed, size_t n, struct bench_op *ops)
{
	struct bench_rng r = { seed };

	for (size_t i = 0; i < n; i++) {
		ops[i].size = bench_rng_range(&r, wl->min, wl->max);
		ops[i].aligned = wl->align_one_in && bench_rng_range(&r, 1, wl->align_one_in) == 1;
		ops[i].victim = (uint16_t)(i < BENCH_LIVE ? i : bench_rng_range(&r, 0, BENCH_LIVE - 1));
	}
}

void bench_row(const char *alloc, const char *workload, const char *metric, double value)
{
	printf("%s,%s,%s,%.10g\n", alloc, workload, metric, value);
	fflush(stdout);
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t bench_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int bench_pin_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	if (cpu < 0)
		return -1;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		return -1;
	return cpu;
}

uint64_t bench_parse_u64(const char *opt, const char *val)
{
	char *end;
	unsigned long long v;

	if (!val) {
		fprintf(stderr, "option %s needs a value\n", opt);
		exit(2);
	}
	errno = 0;
	v = strtoull(val, &end, 0);
	if (errno || end == val || *end || val[0] == '-') {
		fprintf(stderr, "option %s: '%s' is not a non-negative integer\n", opt, val);
		exit(2);
	}
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(double *v, size_t n)
{
	if (!n)
		return 0.0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}
