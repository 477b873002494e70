/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap randomized model test: at least 10^6 random operations (sizes
 * 1..8192, alignments 1..4096, frees in random order) checked against a
 * shadow model: live blocks never overlap, every block keeps its fill
 * pattern, the stats agree with the model, and vheap_validate() passes every
 * few hundred operations. Seeded, so a failure replays exactly.
 *
 * VHEAP_MODEL_OPS (compile-time) scales the run for slow targets.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/vheap.h>

#include "vheap_test_util.h"

#ifndef VHEAP_MODEL_OPS
#define VHEAP_MODEL_OPS 1000000u
#endif
#ifndef VHEAP_MODEL_SPAN
#define VHEAP_MODEL_SPAN (1024u * 1024u)
#endif
#define SLOTS 256
#define MAX_SIZE 8192u
#define VALIDATE_EVERY 256u

static _Alignas(4096) unsigned char span[VHEAP_MODEL_SPAN];
static unsigned char ref[MAX_SIZE];

struct slot {
	unsigned char *p;
	size_t n, usable, align;
	unsigned char fill;
};

struct model {
	struct vheap h;
	struct slot s[SLOTS];
	size_t live, used, failures;
	uint64_t rng;
};

static struct model m;

static void check_stats(void)
{
	struct vheap_stats st;
	vheap_stats(&m.h, &st);
	assert_int_equal(st.live_blocks, m.live);
	assert_int_equal(st.used, m.used);
	assert_int_equal(st.free_bytes, st.span - m.used);
	assert_true(st.peak >= st.used);
	assert_int_equal(st.alloc_failures, m.failures);
	assert_int_equal(st.invalid_frees, 0);
	assert_int_equal(st.corruptions, 0);
}

static void check_no_overlap(const struct slot *n)
{
	for (size_t i = 0; i < SLOTS; i++) {
		const struct slot *o = &m.s[i];
		if (!o->p || o == n)
			continue;
		/* Blocks include their headers: payloads must be a header apart. */
		assert_true(n->p + n->usable + VHEAP_HEADER <= o->p ||
			    o->p + o->usable + VHEAP_HEADER <= n->p);
	}
}

static void do_alloc(struct slot *s)
{
	size_t n = xs_range(&m.rng, 1, MAX_SIZE);
	/* Skew towards small blocks half of the time, as real users do. */
	if (xs_next(&m.rng) & 1)
		n = 1 + n / 16;
	size_t align = 0;
	uint32_t r = xs_range(&m.rng, 0, 15);
	if (r < 13)
		align = (size_t)1 << r; /* 1 .. 4096 */
	unsigned char *p = align ? vheap_alloc_align(&m.h, n, align) : vheap_alloc(&m.h, n);
	if (!p) {
		m.failures++;
		return;
	}
	size_t want = align > VHEAP_ALIGN ? align : VHEAP_ALIGN;
	assert_int_equal((uintptr_t)p % want, 0);
	assert_true(p >= span && p + n <= span + sizeof(span));
	s->p = p;
	s->n = n;
	s->align = align;
	s->usable = vheap_usable_size(&m.h, p);
	assert_true(s->usable >= n && s->usable < n + VHEAP_MIN_BLOCK + VHEAP_ALIGN);
	s->fill = (unsigned char)(xs_next(&m.rng) | 1u);
	check_no_overlap(s);
	memset(p, s->fill, n);
	m.live++;
	m.used += s->usable + VHEAP_HEADER;
}

static void do_free(struct slot *s)
{
	memset(ref, s->fill, s->n);
	assert_int_equal(memcmp(s->p, ref, s->n), 0);
	assert_int_equal(vheap_free(&m.h, s->p), 0);
	m.live--;
	m.used -= s->usable + VHEAP_HEADER;
	s->p = NULL;
}

/* largest_free is exact: allocating it succeeds (then give it back). */
static void check_largest_free(void)
{
	struct vheap_stats st;
	vheap_stats(&m.h, &st);
	if (!st.largest_free)
		return;
	void *p = vheap_alloc(&m.h, st.largest_free);
	assert_non_null(p);
	assert_int_equal(vheap_free(&m.h, p), 0);
}

static void run(uint64_t seed, unsigned ops)
{
	memset(&m, 0, sizeof(m));
	m.rng = seed;
	assert_int_equal(vheap_init(&m.h, span, sizeof(span)), 0);
	for (unsigned i = 0; i < ops; i++) {
		struct slot *s = &m.s[xs_range(&m.rng, 0, SLOTS - 1)];
		if (s->p)
			do_free(s);
		else
			do_alloc(s);
		if (i % VALIDATE_EVERY == 0) {
			assert_int_equal(vheap_validate(&m.h), 0);
			check_stats();
			check_largest_free();
		}
	}
	check_stats();
	for (size_t i = 0; i < SLOTS; i++) {
		if (m.s[i].p)
			do_free(&m.s[i]);
	}
	assert_int_equal(vheap_validate(&m.h), 0);
	check_stats();
	struct vheap_stats st;
	vheap_stats(&m.h, &st);
	assert_int_equal(st.used, 0);
	assert_int_equal(st.largest_free, st.span - VHEAP_HEADER);
	vheap_fini(&m.h);
}

static void test_model_random(void **state)
{
	(void)state;
	run(0x9E3779B97F4A7C15ULL, VHEAP_MODEL_OPS);
}

/* A second seed over a small span: constant exhaustion and tight coalescing. */
static void test_model_small_span(void **state)
{
	(void)state;
	memset(&m, 0, sizeof(m));
	m.rng = 0xD1B54A32D192ED03ULL;
	assert_int_equal(vheap_init(&m.h, span, 48 * 1024), 0);
	for (unsigned i = 0; i < VHEAP_MODEL_OPS / 10; i++) {
		struct slot *s = &m.s[xs_range(&m.rng, 0, SLOTS - 1)];
		if (s->p)
			do_free(s);
		else
			do_alloc(s);
		if (i % VALIDATE_EVERY == 0) {
			assert_int_equal(vheap_validate(&m.h), 0);
			check_stats();
		}
	}
	assert_true(m.failures > 0);
	for (size_t i = 0; i < SLOTS; i++) {
		if (m.s[i].p)
			do_free(&m.s[i]);
	}
	assert_int_equal(vheap_validate(&m.h), 0);
	check_stats();
	vheap_fini(&m.h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_random),
		cmocka_unit_test(test_model_small_span),
	};
	return cmocka_run_group_tests_name("vheap_model", tests, NULL, NULL);
}
