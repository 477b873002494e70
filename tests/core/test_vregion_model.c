/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Randomized model test of a region across its switch: random lifetime
 * allocations, then set_interim and random interim churn. A shadow list of
 * every live block (with a fill pattern) checks that no two blocks overlap,
 * that contents survive, and that the region's stats agree.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/vheap.h>
#include <vregion/vregion.h>

#include "test_rng.h"

#ifndef MODEL_OPS
#define MODEL_OPS 1000000
#endif
#define MAX_LIVE 64
#define REGION_BYTES (16 * VREGION_PAGE_SIZE)

struct block {
	unsigned char *p;
	size_t size;
	unsigned char fill;
};

static struct block live[MAX_LIVE];
static size_t nlive;

/* Only the first and last EDGE bytes carry the pattern: an overlap or a
 * header written into a block shows there, and the test stays fast. */
#define EDGE 64

static void fill_block(const struct block *b)
{
	size_t head = b->size < 2 * EDGE ? b->size : EDGE;
	memset(b->p, b->fill, head);
	memset(b->p + b->size - head, b->fill, head);
}

static void check_block(const struct block *b)
{
	size_t head = b->size < 2 * EDGE ? b->size : EDGE;
	for (size_t i = 0; i < head; i++)
		if (b->p[i] != b->fill || b->p[b->size - 1 - i] != b->fill)
			fail_msg("block %p changed near byte %zu", (void *)b->p, i);
}

static void check_no_overlap(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < nlive; i++)
		if (p < live[i].p + live[i].size && live[i].p < p + size)
			fail_msg("new block %p overlaps %p", (const void *)p, (void *)live[i].p);
}

static void add_block(struct test_rng *rng, unsigned char *p, size_t size)
{
	check_no_overlap(p, size);
	struct block *b = &live[nlive++];
	b->p = p;
	b->size = size;
	b->fill = (unsigned char)test_rng_next(rng);
	fill_block(b);
}

static size_t random_align(struct test_rng *rng)
{
	return (size_t)1 << test_rng_range(rng, 0, 12);
}

static void test_model_across_switch(void **state)
{
	(void)state;
	struct test_rng rng = {0x9e3779b97f4a7c15ull};
	struct vregion *vr = vregion_create(REGION_BYTES);
	assert_non_null(vr);
	/* lifetime: about a quarter of the region */
	size_t lifetime = 0;
	while (lifetime < REGION_BYTES / 4 && nlive < MAX_LIVE / 4) {
		size_t size = test_rng_range(&rng, 1, 512), align = random_align(&rng);
		unsigned char *p = vregion_alloc_align(vr, size, align);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % (align < VREGION_MIN_ALIGN ? VREGION_MIN_ALIGN : align), 0);
		add_block(&rng, p, size);
		lifetime = p + size - (unsigned char *)live[0].p;
	}
	size_t nlifetime = nlive;
	struct vregion_stats st;
	assert_int_equal(vregion_stats(vr, &st), 0);
	size_t lifetime_used = st.lifetime_used;
	vregion_set_interim(vr);
	for (long op = 0; op < MODEL_OPS; op++) {
		bool do_alloc = nlive == nlifetime || (nlive < MAX_LIVE && (test_rng_next(&rng) & 1));
		if (do_alloc) {
			size_t size = test_rng_range(&rng, 1, 8192), align = random_align(&rng);
			unsigned char *p = vregion_alloc_align(vr, size, align);
			if (p) {
				assert_int_equal((uintptr_t)p % (align < VREGION_MIN_ALIGN ? VREGION_MIN_ALIGN : align), 0);
				add_block(&rng, p, size);
			}
		} else {
			size_t i = nlifetime + test_rng_next(&rng) % (nlive - nlifetime);
			check_block(&live[i]);
			assert_int_equal(vregion_free(vr, live[i].p), 0);
			live[i] = live[--nlive];
		}
		if (op % 4096 == 0) {
			for (size_t i = 0; i < nlive; i++)
				check_block(&live[i]);
			assert_int_equal(vregion_stats(vr, &st), 0);
			assert_int_equal(st.interim_live_blocks, nlive - nlifetime);
			assert_int_equal(st.lifetime_used, lifetime_used);
			assert_int_equal(st.corruptions, 0);
			assert_int_equal(st.invalid_frees, 0);
		}
	}
	while (nlive > nlifetime) {
		check_block(&live[nlive - 1]);
		assert_int_equal(vregion_free(vr, live[nlive - 1].p), 0);
		nlive--;
	}
	for (size_t i = 0; i < nlifetime; i++)
		check_block(&live[i]);
	assert_int_equal(vregion_stats(vr, &st), 0);
	assert_int_equal(st.interim_used, 0);
	assert_int_equal(vregion_reset_interim(vr), 0);
	assert_null(vregion_put(vr));
	nlive = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_across_switch),
	};
	return cmocka_run_group_tests_name("vregion_model", tests, NULL, NULL);
}
