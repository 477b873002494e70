/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One heap benchmark binary per allocator (it links exactly one adapter).
 * For each workload (small, medium, audio) it runs the seeded steady state
 * - BENCH_LIVE live blocks, each step frees a random one and allocates its
 * replacement - and prints CSV rows:
 *   ns_per_pair          median over --reps runs of (CPU time of the timed steps /
 *                        steps): thread CPU time, so preemption by other work on a
 *                        shared machine is left out
 *   wall_ns_per_pair     the same with wall time
 *   lat_{alloc,free}_{p50,p99,p99.99,max}_cycles
 *                        one extra run, every operation timed alone with a fenced
 *                        TSC read (lfence; rdtsc ... rdtscp; lfence), the timer's
 *                        own median cost subtracted
 *   icount_{alloc,align,free}_{max,mean}, icount_ops
 *                        exact instruction counts of every --icount-every'th step
 *                        of one more run, by single-stepping (icount.h)
 * Usage: vrbench-heap-<name> [--steps N] [--warmup N] [--reps N]
 *                            [--icount-every K] [--seed S] [--workload NAME]
 */
#include "adapter.h"
#include "common.h"
#include "icount.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

struct hb_opts {
	uint64_t steps, warmup, reps, icount_every, seed;
	const char *only;
};

struct hb_run {
	const struct bench_op *ops; /* fill (BENCH_LIVE) + warmup + steps */
	size_t fill_warm;           /* index of the first timed step */
	size_t total;
	void *live[BENCH_LIVE];
	uint64_t icount_every;
};

static const struct bench_adapter *A = &bench_adapter;

static void die(const char *what)
{
	fprintf(stderr, "%s: %s failed\n", A->name, what);
	exit(1);
}

static inline void *do_alloc(const struct bench_op *op)
{
	void *p = op->aligned ? A->alloc_align(op->size, BENCH_ALIGN) : A->alloc(op->size);

	if (!p)
		die("allocation");
	*(volatile char *)p = 1; /* touch: a block nobody writes is not a fair figure */
	return p;
}

static void check_align(const struct bench_op *op, const void *p)
{
	if (op->aligned && ((uintptr_t)p & (BENCH_ALIGN - 1u)))
		die("alignment");
}

/* Initial fill and warm-up; untimed. */
static void run_prefix(struct hb_run *r)
{
	for (size_t i = 0; i < BENCH_LIVE; i++) {
		r->live[i] = do_alloc(&r->ops[i]);
		check_align(&r->ops[i], r->live[i]);
	}
	for (size_t i = BENCH_LIVE; i < r->fill_warm; i++) {
		const struct bench_op *op = &r->ops[i];

		A->free(r->live[op->victim]);
		r->live[op->victim] = do_alloc(op);
		check_align(op, r->live[op->victim]);
	}
}

static void run_drain(struct hb_run *r)
{
	for (size_t i = 0; i < BENCH_LIVE; i++)
		A->free(r->live[i]);
}

/* One timed run: CPU ns per pair, and wall ns per pair in *wall. */
static double run_timed(struct hb_run *r, double *wall)
{
	uint64_t t0, t1, c0, c1;
	double steps = (double)(r->total - r->fill_warm);

	run_prefix(r);
	t0 = bench_now_ns();
	c0 = bench_cpu_ns();
	for (size_t i = r->fill_warm; i < r->total; i++) {
		const struct bench_op *op = &r->ops[i];

		A->free(r->live[op->victim]);
		r->live[op->victim] = do_alloc(op);
	}
	c1 = bench_cpu_ns();
	t1 = bench_now_ns();
	run_drain(r);
	*wall = (double)(t1 - t0) / steps;
	return (double)(c1 - c0) / steps;
}

#if defined(__x86_64__) || defined(__i386__)
static inline uint64_t tsc_begin(void)
{
	uint64_t t;

	_mm_lfence();
	t = __rdtsc();
	_mm_lfence();
	return t;
}

static inline uint64_t tsc_end(void)
{
	unsigned int aux;
	uint64_t t = __rdtscp(&aux);

	_mm_lfence();
	return t;
}
#else
static inline uint64_t tsc_begin(void)
{
	return bench_now_ns();
}

static inline uint64_t tsc_end(void)
{
	return bench_now_ns();
}
#endif

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static uint32_t timer_overhead(void)
{
	enum { N = 100001 };
	static uint32_t v[N];

	for (size_t i = 0; i < N; i++) {
		uint64_t t0 = tsc_begin();
		uint64_t t1 = tsc_end();

		v[i] = (uint32_t)(t1 - t0);
	}
	qsort(v, N, sizeof(v[0]), cmp_u32);
	return v[N / 2];
}

static uint32_t clamp_sub(uint64_t d, uint32_t overhead)
{
	if (d > UINT32_MAX)
		d = UINT32_MAX;
	return d > overhead ? (uint32_t)d - overhead : 0u;
}

static void report_lat(const char *wl, const char *op, uint32_t *v, size_t n)
{
	static const struct {
		const char *name;
		double q;
	} qs[] = { { "p50", 0.5 }, { "p99", 0.99 }, { "p99.99", 0.9999 }, { "max", 1.0 } };
	char metric[64];

	qsort(v, n, sizeof(v[0]), cmp_u32);
	for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
		size_t idx = (size_t)(qs[k].q * (double)(n - 1) + 0.5);

		snprintf(metric, sizeof(metric), "lat_%s_%s_cycles", op, qs[k].name);
		bench_row(A->name, wl, metric, v[idx]);
	}
}

static void run_latency(struct hb_run *r, const char *wl)
{
	size_t n = r->total - r->fill_warm;
	uint32_t *la = malloc(n * sizeof(*la)), *lf = malloc(n * sizeof(*lf));
	uint32_t overhead = timer_overhead();

	if (!la || !lf)
		die("latency buffers");
	run_prefix(r);
	for (size_t i = 0; i < n; i++) {
		const struct bench_op *op = &r->ops[r->fill_warm + i];
		uint64_t t0, t1, t2, t3;
		void *p;

		t0 = tsc_begin();
		A->free(r->live[op->victim]);
		t1 = tsc_end();
		t2 = tsc_begin();
		p = op->aligned ? A->alloc_align(op->size, BENCH_ALIGN) : A->alloc(op->size);
		t3 = tsc_end();
		if (!p)
			die("allocation");
		*(volatile char *)p = 1;
		r->live[op->victim] = p;
		lf[i] = clamp_sub(t1 - t0, overhead);
		la[i] = clamp_sub(t3 - t2, overhead);
	}
	run_drain(r);
	report_lat(wl, "alloc", la, n);
	report_lat(wl, "free", lf, n);
	bench_row(A->name, wl, "timer_overhead_cycles", overhead);
	free(la);
	free(lf);
}

/* Child side of the instruction count: the same run, marking every k-th step. */
static void icount_body(void *arg)
{
	struct hb_run *r = arg;

	run_prefix(r);
	for (size_t i = r->fill_warm; i < r->total; i++) {
		const struct bench_op *op = &r->ops[i];
		bool counted = (i - r->fill_warm) % r->icount_every == 0;
		void *p;

		if (counted)
			icount_mark(IC_FREE);
		A->free(r->live[op->victim]);
		if (counted)
			icount_mark(op->aligned ? IC_ALIGN : IC_ALLOC);
		p = op->aligned ? A->alloc_align(op->size, BENCH_ALIGN) : A->alloc(op->size);
		if (!p)
			_exit(4);
		*(volatile char *)p = 1;
		r->live[op->victim] = p;
	}
	run_drain(r);
}

static void run_icount(struct hb_run *r, const char *wl)
{
	static const char *names[IC_KINDS] = { "alloc", "align", "free" };
	const void *targets[IC_KINDS] = { A->alloc_fn, A->align_fn, A->free_fn };
	struct icount_result res;
	uint64_t ops = 0;
	char metric[64];

	if (!icount_supported() || !r->icount_every)
		return;
	if (icount_run(icount_body, r, targets, &res) != 0) {
		fprintf(stderr, "%s/%s: instruction count failed; no icount rows\n", A->name, wl);
		return;
	}
	for (int k = 0; k < IC_KINDS; k++) {
		if (!res.n[k])
			continue;
		ops += res.n[k];
		snprintf(metric, sizeof(metric), "icount_%s_max", names[k]);
		bench_row(A->name, wl, metric, (double)res.max[k]);
		snprintf(metric, sizeof(metric), "icount_%s_mean", names[k]);
		bench_row(A->name, wl, metric, (double)res.sum[k] / (double)res.n[k]);
	}
	bench_row(A->name, wl, "icount_ops", (double)ops);
}

static void run_workload(const struct hb_opts *o, const struct bench_workload *wl)
{
	struct hb_run r;
	size_t total = BENCH_LIVE + o->warmup + o->steps;
	struct bench_op *ops = malloc(total * sizeof(*ops));
	double *ns = malloc(o->reps * sizeof(*ns)), *wall = malloc(o->reps * sizeof(*wall));

	if (!ops || !ns || !wall)
		die("op buffers");
	bench_gen_ops(wl, o->seed, total, ops);
	memset(&r, 0, sizeof(r));
	r.ops = ops;
	r.fill_warm = BENCH_LIVE + o->warmup;
	r.total = total;
	r.icount_every = o->icount_every;
	if (A->init((size_t)BENCH_LIVE * (wl->max + BENCH_ALIGN)) != 0)
		die("init");
	for (uint64_t k = 0; k < o->reps; k++)
		ns[k] = run_timed(&r, &wall[k]);
	bench_row(A->name, wl->name, "ns_per_pair", bench_median(ns, o->reps));
	bench_row(A->name, wl->name, "wall_ns_per_pair", bench_median(wall, o->reps));
	run_latency(&r, wl->name);
	run_icount(&r, wl->name);
	A->fini();
	free(ops);
	free(ns);
	free(wall);
}

static void parse(int argc, char **argv, struct hb_opts *o)
{
	*o = (struct hb_opts){ .steps = 1000000, .warmup = 100000, .reps = 5,
			       .icount_every = 100, .seed = 1 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--steps"))
			o->steps = bench_parse_u64(a, v);
		else if (!strcmp(a, "--warmup"))
			o->warmup = bench_parse_u64(a, v);
		else if (!strcmp(a, "--reps"))
			o->reps = bench_parse_u64(a, v);
		else if (!strcmp(a, "--icount-every"))
			o->icount_every = bench_parse_u64(a, v);
		else if (!strcmp(a, "--seed"))
			o->seed = bench_parse_u64(a, v);
		else if (!strcmp(a, "--workload") && v)
			o->only = v;
		else {
			fprintf(stderr, "usage: %s [--steps N] [--warmup N] [--reps N] "
					"[--icount-every K (0: off)] [--seed S] [--workload NAME]\n",
				argv[0]);
			exit(2);
		}
		i++;
	}
	if (!o->steps || !o->reps) {
		fprintf(stderr, "--steps and --reps must be at least 1\n");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct hb_opts o;

	parse(argc, argv, &o);
	bench_pin_cpu();
	for (int w = 0; w < BENCH_WL_COUNT; w++)
		if (!o.only || !strcmp(o.only, bench_workloads[w].name))
			run_workload(&o, &bench_workloads[w]);
	return 0;
}
