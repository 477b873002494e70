/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fast-get: SOF's four tests (spec 11.4) ported exactly (33 tables of 100
 * ints, everything shared by source address), the cmocka copy's unknown-
 * address path done right, and the F2 regression: a copy shared by two
 * pipelines outlives the first pipeline's region.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/audio/fast_get.h>
#include <vregion/audio/module.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#define TABLES 33
#define INTS 100
static int dram[TABLES][INTS];

static size_t sys_live(void)
{
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	return st.live_blocks;
}

static int setup(void **state)
{
	for (int t = 0; t < TABLES; t++)
		for (int i = 0; i < INTS; i++)
			dram[t][i] = t * 1000 + i;
	*state = fast_get_cache_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	return fast_get_cache_delete(*state);
}

static void test_simple(void **state)
{
	struct fast_get_cache *c = *state;
	const int *ret = fast_get(c, dram[0], sizeof(dram[0]));
	assert_non_null(ret);
	assert_memory_equal(ret, dram[0], sizeof(dram[0]));
	assert_ptr_not_equal(ret, dram[0]);
	assert_int_equal(fast_put(c, ret), 0);
}

static void test_size_mismatch(void **state)
{
	struct fast_get_cache *c = *state;
	const void *ret[2];
	ret[0] = fast_get(c, dram[0], sizeof(dram[0]));
	assert_non_null(ret[0]);
	ret[1] = fast_get(c, dram[0], sizeof(dram[0]) + 1);
	assert_null(ret[1]);
	/* SOF's cmocka copy put the array here; the unknown address is refused... */
	assert_int_equal(fast_put(c, ret), -ENOENT);
	/* ...and the real copy is put, so nothing leaks. */
	assert_int_equal(fast_put(c, ret[0]), 0);
	struct fast_get_stats st;
	assert_int_equal(fast_get_stats(c, &st), 0);
	assert_int_equal(st.entries, 0);
}

static void test_over_32(void **state)
{
	struct fast_get_cache *c = *state;
	const int *copy[TABLES];
	for (int t = 0; t < TABLES; t++) {
		copy[t] = fast_get(c, dram[t], sizeof(dram[t]));
		assert_non_null(copy[t]);
	}
	for (int t = 0; t < TABLES; t++)
		assert_memory_equal(copy[t], dram[t], sizeof(dram[t]));
	struct fast_get_stats st;
	assert_int_equal(fast_get_stats(c, &st), 0);
	assert_int_equal(st.entries, TABLES);
	assert_int_equal(st.references, TABLES);
	assert_int_equal(st.bytes, TABLES * sizeof(dram[0]));
	for (int t = 0; t < TABLES; t++)
		assert_int_equal(fast_put(c, copy[t]), 0);
}

static void test_refcounting(void **state)
{
	struct fast_get_cache *c = *state;
	const int *first[TABLES], *second[TABLES];
	for (int t = 0; t < TABLES; t++)
		assert_non_null(first[t] = fast_get(c, dram[t], sizeof(dram[t])));
	for (int t = 0; t < TABLES; t++) {
		second[t] = fast_get(c, dram[t], sizeof(dram[t]));
		assert_ptr_equal(second[t], first[t]);
	}
	for (int t = 0; t < TABLES; t++)
		assert_int_equal(fast_put(c, first[t]), 0);
	for (int t = 0; t < TABLES; t++)
		assert_memory_equal(second[t], dram[t], sizeof(dram[t]));
	for (int t = 0; t < TABLES; t++)
		assert_int_equal(fast_put(c, second[t]), 0);
	struct fast_get_stats st;
	assert_int_equal(fast_get_stats(c, &st), 0);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.references, 0);
}

static void test_bad_arguments_and_reuse(void **state)
{
	struct fast_get_cache *c = *state;
	size_t base = sys_live();
	assert_null(fast_get(NULL, dram[0], 4));
	assert_null(fast_get(c, NULL, 4));
	assert_null(fast_get(c, dram[0], 0));
	assert_int_equal(fast_put(c, NULL), 0);
	assert_int_equal(fast_put(NULL, dram[0]), -EINVAL);
	assert_int_equal(fast_put(c, dram[0]), -ENOENT);
	/* A released entry goes back to the system heap with its copy. */
	const void *a = fast_get(c, dram[1], 64);
	assert_non_null(a);
	assert_int_equal(fast_put(c, a), 0);
	assert_int_equal(sys_live(), base); /* entry and copy are gone */
	const void *b = fast_get(c, dram[2], 64);
	assert_non_null(b);
	assert_int_equal(fast_put(c, b), 0);
	assert_int_equal(fast_put(c, b), -ENOENT); /* a second put is refused */
	assert_int_equal(sys_live(), base);
}

static void test_delete_with_live_entries(void **state)
{
	(void)state;
	size_t base = sys_live();
	struct fast_get_cache *c = fast_get_cache_new();
	assert_non_null(c);
	assert_non_null(fast_get(c, dram[3], 40));
	assert_non_null(fast_get(c, dram[4], 40));
	assert_int_equal(fast_get_cache_delete(c), 2);
	assert_int_equal(sys_live(), base);
}

/* F2: two "pipelines" with regions share a table; the first one goes away. */
static void test_f2_shared_copy_outlives_first_region(void **state)
{
	struct fast_get_cache *c = *state;
	size_t base = sys_live();
	struct processing_module a = { .name = "a" }, b = { .name = "b" };
	struct audio_ctx *ca = audio_ctx_create_sized(16384, NULL);
	struct audio_ctx *cb = audio_ctx_create_sized(16384, NULL);
	assert_non_null(ca);
	assert_non_null(cb);
	assert_int_equal(mod_resource_init(&a, ca, c), 0);
	assert_int_equal(mod_resource_init(&b, cb, c), 0);
	const int *pa = mod_fast_get(&a, dram[5], sizeof(dram[5]));
	const int *pb = mod_fast_get(&b, dram[5], sizeof(dram[5]));
	assert_non_null(pa);
	assert_ptr_equal(pa, pb);
	/* The shared copy is in neither region: it lives in the system heap. */
	assert_false(vregion_contains(audio_ctx_region(ca), pa));
	assert_false(vregion_contains(audio_ctx_region(cb), pa));
	assert_true(sys_heap_contains(pa));
	/* Destroy the first pipeline's module and region entirely. */
	mod_resource_destroy(&a);
	size_t regions = vregion_live_count();
	audio_ctx_release(ca);
	assert_int_equal(vregion_live_count(), regions - 1);
	/* The second still reads the table (ASan would flag unmapped memory). */
	assert_memory_equal(pb, dram[5], sizeof(dram[5]));
	assert_int_equal(mod_fast_put(&b, pb), 0);
	struct vregion_stats st;
	assert_int_equal(vregion_stats(audio_ctx_region(cb), &st), 0);
	assert_int_equal(st.invalid_frees, 0);
	mod_resource_destroy(&b);
	audio_ctx_release(cb);
	struct fast_get_stats fs;
	assert_int_equal(fast_get_stats(c, &fs), 0);
	assert_int_equal(fs.entries, 0);
	assert_int_equal(sys_live(), base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_simple, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_mismatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_over_32, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refcounting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments_and_reuse, setup, teardown),
		cmocka_unit_test(test_delete_with_live_entries),
		cmocka_unit_test_setup_teardown(test_f2_shared_copy_outlives_first_region,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
