/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * objpool: the three tests of SOF's objpool suite (spec 11.3) ported
 * exactly, plus growth, prune, fault injection and region-backed blocks.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vregion/audio/objpool.h>
#include <vregion/fault.h>
#include <vregion/sysheap.h>
#include <vregion/vregion.h>

#define DATA_SIZE 5 /* aligned slot: 8 bytes */

static size_t sys_live(void)
{
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	return st.live_blocks;
}

static void test_wrong_size(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	size_t base = sys_live();
	unsigned char *b1 = objpool_alloc(&head, DATA_SIZE, 0);
	assert_non_null(b1);
	assert_null(objpool_alloc(&head, DATA_SIZE + 1, 0));
	unsigned char *b3 = objpool_alloc(&head, DATA_SIZE, 0);
	assert_non_null(b3);
	assert_ptr_equal(b3, b1 + 8); /* second slot of the first 2-slot block */
	unsigned char *b4 = objpool_alloc(&head, DATA_SIZE, 0);
	assert_non_null(b4);
	assert_int_equal(objpool_blocks(&head), 2); /* a new 4-slot block */
	assert_null(objpool_alloc(&head, DATA_SIZE * 2, 0));
	assert_null(objpool_alloc(&head, DATA_SIZE * 2, SOF_MEM_FLAG_COHERENT));
	assert_int_not_equal(objpool_free(&head, b1 + 1), 0);
	assert_int_not_equal(objpool_free(&head, b3 + 1), 0);
	assert_int_not_equal(objpool_free(&head, b4 + 1), 0);
	assert_int_equal(objpool_free(&head, b1), 0);
	assert_int_equal(objpool_free(&head, b3), 0);
	assert_int_equal(objpool_free(&head, b4), 0);
	objpool_prune(&head);
	assert_int_equal(sys_live(), base);
}

static void test_objpool(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	unsigned char *blocks[62];
	unsigned int k = 0;
	for (unsigned int group = 2; group <= 32; group *= 2) {
		unsigned char *start = NULL;
		for (unsigned int j = 0; j < group; j++, k++) {
			blocks[k] = objpool_alloc(&head, DATA_SIZE, 0);
			assert_non_null(blocks[k]);
			if (!j)
				start = blocks[k];
			assert_ptr_equal(blocks[k], start + 8 * j);
		}
	}
	assert_int_equal(k, 62);
	assert_int_equal(objpool_blocks(&head), 5);
	for (unsigned int i = 62; i-- > 0;)
		assert_int_equal(objpool_free(&head, blocks[i]), 0);
	assert_int_equal(objpool_used(&head), 0);
	objpool_prune(&head);
}

static unsigned int iter_calls;

/* SOF's callback: called in slot order, with arg 2, stops at cnt 2. */
static bool iter_cb(void *data, void *arg)
{
	unsigned int cnt = *(unsigned int *)data;
	assert_int_equal((uintptr_t)arg, 2);
	assert_int_equal(cnt, iter_calls);
	iter_calls++;
	return cnt == 2;
}

static void test_iterate(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	for (unsigned int cnt = 0; cnt < 4; cnt++) {
		unsigned int *p = objpool_alloc(&head, DATA_SIZE, 0);
		assert_non_null(p);
		*p = cnt;
	}
	iter_calls = 0;
	assert_int_equal(objpool_iterate(&head, iter_cb, (void *)(uintptr_t)2), 0);
	assert_int_equal(iter_calls, 3);
	objpool_prune(&head);
}

static bool count_cb(void *data, void *arg)
{
	(void)data;
	(*(unsigned int *)arg)++;
	return false;
}

static bool free_self_cb(void *data, void *arg)
{
	assert_int_equal(objpool_free(arg, data), 0);
	return false;
}

static void test_iterate_end_and_free_in_callback(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	unsigned int n = 0;
	assert_int_equal(objpool_iterate(&head, count_cb, &n), -ENOENT);
	assert_int_equal(objpool_iterate(NULL, count_cb, &n), -EINVAL);
	for (int i = 0; i < 40; i++)
		assert_non_null(objpool_alloc(&head, 24, 0));
	assert_int_equal(objpool_iterate(&head, count_cb, &n), -ENOENT);
	assert_int_equal(n, 40);
	assert_int_equal(objpool_iterate(&head, free_self_cb, &head), -ENOENT);
	assert_int_equal(objpool_used(&head), 0);
	/* Freed slots are reused before any growth. */
	size_t blocks = objpool_blocks(&head);
	for (int i = 0; i < 40; i++)
		assert_non_null(objpool_alloc(&head, 24, 0));
	assert_int_equal(objpool_blocks(&head), blocks);
	objpool_prune(&head);
	assert_int_equal(objpool_blocks(&head), 0);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	int on_stack;
	assert_null(objpool_alloc(NULL, 8, 0));
	assert_null(objpool_alloc(&head, 0, 0));
	assert_null(objpool_alloc(&head, (size_t)UINT32_MAX, 0));
	assert_int_equal(objpool_free(&head, NULL), 0);
	assert_int_equal(objpool_free(&head, &on_stack), -EINVAL);
	unsigned char *p = objpool_alloc(&head, 8, 0);
	assert_non_null(p);
	assert_int_equal(objpool_free(&head, &on_stack), -EINVAL);
	assert_int_equal(objpool_used(&head), 1);
	assert_int_equal(objpool_free(&head, p), 0);
	objpool_prune(&head);
}

static void test_growth_fault(void **state)
{
	(void)state;
	struct objpool_head head = { 0 };
	size_t base = sys_live();
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_OBJPOOL), 1);
	assert_null(objpool_alloc(&head, 8, 0));
	assert_true(vr_fault_fired());
	assert_int_equal(objpool_blocks(&head), 0);
	assert_int_equal(sys_live(), base);
	vr_fault_arm(0, 0);
	assert_non_null(objpool_alloc(&head, 8, 0));
	objpool_prune(&head);
	assert_int_equal(sys_live(), base);
}

static void test_blocks_in_region(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(8192);
	assert_non_null(vr);
	struct mod_alloc_ctx ctx = { NULL, vr };
	struct objpool_head head;
	objpool_head_init(&head, &ctx);
	void *p = objpool_alloc(&head, 20, 0);
	assert_non_null(p);
	assert_true(vregion_contains(vr, p));
	vregion_set_interim(vr);
	void *q[8];
	for (int i = 0; i < 8; i++) {
		q[i] = objpool_alloc(&head, 20, 0);
		assert_true(vregion_contains(vr, q[i]));
	}
	struct vregion_stats st;
	assert_int_equal(vregion_stats(vr, &st), 0);
	assert_true(st.interim_live_blocks > 0);
	objpool_prune(&head);
	assert_int_equal(vregion_stats(vr, &st), 0);
	assert_int_equal(st.interim_live_blocks, 0);
	assert_int_equal(st.invalid_frees, 0);
	assert_null(vregion_put(vr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_size),
		cmocka_unit_test(test_objpool),
		cmocka_unit_test(test_iterate),
		cmocka_unit_test(test_iterate_end_and_free_in_callback),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_growth_fault),
		cmocka_unit_test(test_blocks_in_region),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
