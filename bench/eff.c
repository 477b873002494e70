/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory efficiency of vheap over a 256 KiB span (built twice: natively as
 * vrbench-eff, rows "vheap", and with -m32 from the core sources as
 * vrbench-eff32, rows "vheap-32"). Sizes uniform 16..1024, seeded. Rows
 * (workload "eff256k"):
 *   util_first_fail_{mean,min}  requested bytes live / span when a random fill
 *                               first fails, over --fills seeds
 *   util_churn_{mean,min}       then, per churn step, one random live block is
 *                               freed and random blocks are allocated until one
 *                               fails; the utilisation at every such failure
 *   overhead_bytes_per_alloc    (bytes the heap holds - bytes requested) / live
 *                               blocks at first failure: header and rounding
 *   min_span_bytes              the smallest buffer (aligned start) the heap
 *                               initialises in and serves one 1-byte request from
 *   control_bytes               sizeof(struct vheap), kept outside the span
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/vheap.h>

#define EFF_SPAN (256u * 1024u)
#define EFF_MIN 16u
#define EFF_MAX 1024u
#define EFF_SLOTS (EFF_SPAN / EFF_MIN)

#if UINTPTR_MAX > 0xFFFFFFFFu
#define EFF_NAME "vheap"
#else
#define EFF_NAME "vheap-32"
#endif

static _Alignas(4096) unsigned char span[EFF_SPAN];
static struct vheap heap;

struct eff_state {
	void *ptr[EFF_SLOTS];
	uint32_t size[EFF_SLOTS];
	size_t n;         /* live blocks: ptr[0..n) */
	uint64_t live;    /* requested bytes live */
	struct bench_rng rng;
};

static double util(const struct eff_state *s)
{
	return (double)s->live / (double)EFF_SPAN;
}

/* Allocate fresh random sizes until one fails (that request is dropped). */
static void fill(struct eff_state *s)
{
	for (;;) {
		uint32_t sz = bench_rng_range(&s->rng, EFF_MIN, EFF_MAX);
		void *p = vheap_alloc(&heap, sz);

		if (!p)
			return;
		if (s->n == EFF_SLOTS) {
			fprintf(stderr, "eff: more blocks than slots\n");
			exit(1);
		}
		s->ptr[s->n] = p;
		s->size[s->n++] = sz;
		s->live += sz;
	}
}

static void free_random(struct eff_state *s)
{
	size_t i = bench_rng_range(&s->rng, 0, (uint32_t)s->n - 1u);

	if (vheap_free(&heap, s->ptr[i]) != 0) {
		fprintf(stderr, "eff: free refused\n");
		exit(1);
	}
	s->live -= s->size[i];
	s->n--;
	s->ptr[i] = s->ptr[s->n];
	s->size[i] = s->size[s->n];
}

struct eff_acc {
	double ff_sum, ff_min, ch_sum, ch_min, ovh_sum;
	uint64_t ff_n, ch_n;
};

static void one_seed(uint64_t seed, uint64_t churn, struct eff_acc *a)
{
	static struct eff_state s;
	struct vheap_stats st;

	memset(&s, 0, sizeof(s));
	s.rng.s = seed;
	if (vheap_init(&heap, span, sizeof(span)) != 0) {
		fprintf(stderr, "eff: vheap_init refused 256 KiB\n");
		exit(1);
	}
	fill(&s);
	vheap_stats(&heap, &st);
	a->ff_sum += util(&s);
	if (!a->ff_n || util(&s) < a->ff_min)
		a->ff_min = util(&s);
	a->ff_n++;
	a->ovh_sum += ((double)st.used - (double)s.live) / (double)s.n;
	for (uint64_t k = 0; k < churn; k++) {
		free_random(&s);
		fill(&s);
		a->ch_sum += util(&s);
		if (!a->ch_n || util(&s) < a->ch_min)
			a->ch_min = util(&s);
		a->ch_n++;
	}
	vheap_fini(&heap);
}

/* Smallest buffer at an aligned start that initialises and serves one 1-byte request. */
static size_t min_span(void)
{
	for (size_t b = 1; b <= 4096; b++)
		if (vheap_init(&heap, span, b) == 0 && vheap_alloc(&heap, 1) != NULL) {
			vheap_fini(&heap);
			return b;
		}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, fills = 50, churn = 2000;
	struct eff_acc a;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			fills = 3;
			churn = 200;
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--fills") && i + 1 < argc) {
			fills = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--churn") && i + 1 < argc) {
			churn = bench_parse_u64(argv[i], argv[i + 1]);
			i++;
		} else {
			fprintf(stderr, "usage: %s [--quick] [--seed S] [--fills N] [--churn N]\n", argv[0]);
			return 2;
		}
	}
	if (!fills) {
		fprintf(stderr, "--fills must be at least 1\n");
		return 2;
	}
	memset(&a, 0, sizeof(a));
	for (uint64_t k = 0; k < fills; k++)
		one_seed(seed * 1000003u + k, churn, &a);
	bench_row(EFF_NAME, "eff256k", "util_first_fail_mean", a.ff_sum / (double)a.ff_n);
	bench_row(EFF_NAME, "eff256k", "util_first_fail_min", a.ff_min);
	if (a.ch_n) {
		bench_row(EFF_NAME, "eff256k", "util_churn_mean", a.ch_sum / (double)a.ch_n);
		bench_row(EFF_NAME, "eff256k", "util_churn_min", a.ch_min);
	}
	bench_row(EFF_NAME, "eff256k", "overhead_bytes_per_alloc", a.ovh_sum / (double)a.ff_n);
	bench_row(EFF_NAME, "eff256k", "min_span_bytes", (double)min_span());
	bench_row(EFF_NAME, "eff256k", "control_bytes", (double)sizeof(struct vheap));
	return 0;
}
