/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * With no span given at start-up, the page pool and the system heap come
 * from the linker script's __vregion_* symbols (tests/target/mps2-an385.ld
 * puts them in PSRAM), not from the static fallback arrays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vregion/sysheap.h>
#include <vregion/vregion.h>

extern unsigned char __vregion_pool_start[], __vregion_pool_end[];
extern unsigned char __vregion_sysheap_start[], __vregion_sysheap_end[];

static void test_spans_from_linker_script(void **state)
{
	(void)state;
	struct vregion *vr = vregion_create(3 * VREGION_PAGE_SIZE);
	assert_non_null(vr);
	size_t size;
	uintptr_t start;
	vregion_mem_info(vr, &size, &start);
	assert_in_range(start, (uintptr_t)__vregion_pool_start,
			(uintptr_t)__vregion_pool_end - size);
	/* The region's metadata lives in the system heap. */
	void *meta = sys_heap_alloc(32, 0);
	assert_in_range((uintptr_t)meta, (uintptr_t)__vregion_sysheap_start,
			(uintptr_t)__vregion_sysheap_end - 32);
	assert_true(sys_heap_contains(vr));
	assert_int_equal(sys_heap_free(meta), 0);
	assert_null(vregion_put(vr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans_from_linker_script),
	};
	return cmocka_run_group_tests_name("bm_default_spans", tests, NULL, NULL);
}
