/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lifetime allocation: ns per vregion_alloc() on a region in LIFETIME mode
 * (its lock taken and given on every call) against a bare bump pointer
 * with the same alignment rule, over the same seeded sizes (16..256 B).
 * Each run fills 1 MiB regions one after another (creation and destruction
 * untimed; thread CPU time, see bench_cpu_ns()) until --allocs allocations are done; median of --reps runs.
 * Also the exact instruction counts of a sample of the vregion_alloc calls
 * (icount.h). Rows: {vregion,bump},lifetime,ns_per_alloc;
 * vregion,lifetime,ratio_to_bump; vregion,lifetime,icount_alloc_{max,mean}.
 */
#include "common.h"
#include "icount.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/vregion.h>

#define LT_REGION (1024u * 1024u)
#define LT_MIN 16u
#define LT_MAX 256u

struct lt_run {
	const uint32_t *size;
	size_t n; /* sizes */
	size_t icount_every;
};

static uintptr_t bump_cur, bump_end;
static unsigned char *bump_base;

/* The floor: align, bump, check the end. noinline, as vregion_alloc is a call too. */
__attribute__((noinline)) static void *bump_alloc(size_t size)
{
	uintptr_t p = (bump_cur + (VREGION_MIN_ALIGN - 1u)) & ~(uintptr_t)(VREGION_MIN_ALIGN - 1u);

	if (size > bump_end - p)
		return NULL;
	bump_cur = p + size;
	return (void *)p;
}

static void die(const char *what)
{
	fprintf(stderr, "lifetime: %s failed\n", what);
	exit(1);
}

/* How many of the next sizes one region holds (each rounded up: an upper bound on its use). */
static size_t fit_per_region(const uint32_t *size, size_t n)
{
	size_t used = 0, k = 0;

	while (k < n) {
		size_t r = (size[k] + VREGION_MIN_ALIGN - 1u) & ~(size_t)(VREGION_MIN_ALIGN - 1u);

		if (used + r > LT_REGION)
			break;
		used += r;
		k++;
	}
	return k;
}

static double run_vregion(const struct lt_run *r)
{
	uint64_t total = 0;

	for (size_t done = 0; done < r->n;) {
		size_t k = fit_per_region(r->size + done, r->n - done);
		struct vregion *vr = vregion_create(LT_REGION);
		uint64_t t0, t1;

		if (!vr)
			die("vregion_create");
		t0 = bench_cpu_ns();
		for (size_t i = 0; i < k; i++)
			if (!vregion_alloc(vr, r->size[done + i]))
				die("vregion_alloc");
		t1 = bench_cpu_ns();
		total += t1 - t0;
		if (vregion_put(vr) != NULL)
			die("vregion_put");
		done += k;
	}
	return (double)total / (double)r->n;
}

static double run_bump(const struct lt_run *r)
{
	uint64_t total = 0;

	for (size_t done = 0; done < r->n;) {
		size_t k = fit_per_region(r->size + done, r->n - done);
		uint64_t t0, t1;

		bump_cur = (uintptr_t)bump_base;
		bump_end = bump_cur + LT_REGION;
		t0 = bench_cpu_ns();
		for (size_t i = 0; i < k; i++)
			if (!bump_alloc(r->size[done + i]))
				die("bump_alloc");
		t1 = bench_cpu_ns();
		total += t1 - t0;
		done += k;
	}
	return (double)total / (double)r->n;
}

static void icount_body(void *arg)
{
	const struct lt_run *r = arg;
	struct vregion *vr = vregion_create(LT_REGION);

	if (!vr)
		_Exit(5);
	size_t k = fit_per_region(r->size, r->n);

	for (size_t i = 0; i < k; i++) {
		if (i % r->icount_every == 0)
			icount_mark(IC_ALLOC);
		if (!vregion_alloc(vr, r->size[i]))
			_Exit(6);
	}
	vregion_put(vr);
}

static void count(const struct lt_run *r)
{
	const void *targets[IC_KINDS] = { (const void *)vregion_alloc, NULL, NULL };
	struct icount_result res;

	if (!icount_supported() || icount_run(icount_body, (void *)r, targets, &res) != 0 ||
	    !res.n[IC_ALLOC])
		return;
	bench_row("vregion", "lifetime", "icount_alloc_max", (double)res.max[IC_ALLOC]);
	bench_row("vregion", "lifetime", "icount_alloc_mean",
		  (double)res.sum[IC_ALLOC] / (double)res.n[IC_ALLOC]);
}

int main(int argc, char **argv)
{
	uint64_t n = 2000000, reps = 5, seed = 1;
	struct bench_rng rng;
	struct lt_run r;
	uint32_t *size;
	double *tv, *tb;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			n = 20000;
			reps = 1;
		} else if (!strcmp(argv[i], "--allocs") && i + 1 < argc) {
			n = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			reps = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else {
			fprintf(stderr, "usage: %s [--quick] [--allocs N] [--reps N] [--seed S]\n", argv[0]);
			return 2;
		}
	}
	if (!n || !reps) {
		fprintf(stderr, "--allocs and --reps must be at least 1\n");
		return 2;
	}
	size = malloc(n * sizeof(*size));
	tv = malloc(reps * sizeof(*tv));
	tb = malloc(reps * sizeof(*tb));
	bump_base = aligned_alloc(4096, LT_REGION);
	if (!size || !tv || !tb || !bump_base)
		die("buffers");
	memset(bump_base, 0, LT_REGION);
	rng.s = seed;
	for (size_t i = 0; i < n; i++)
		size[i] = bench_rng_range(&rng, LT_MIN, LT_MAX);
	r = (struct lt_run){ size, n, 50 };
	bench_pin_cpu();
	for (uint64_t k = 0; k < reps; k++) {
		tv[k] = run_vregion(&r);
		tb[k] = run_bump(&r);
	}
	double v = bench_median(tv, reps), b = bench_median(tb, reps);

	bench_row("vregion", "lifetime", "ns_per_alloc", v);
	bench_row("bump", "lifetime", "ns_per_alloc", b);
	bench_row("vregion", "lifetime", "ratio_to_bump", b > 0 ? v / b : 0);
	count(&r);
	free(size);
	free(tv);
	free(tb);
	free(bump_base);
	return 0;
}
